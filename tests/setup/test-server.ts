import type { AddressInfo } from "node:net";
import { loadConfig, type AppConfig } from "../../app/lib/env.server";
import type { AppServices } from "../../app/lib/services.server";
import { createAppServer } from "../../server/app";
import { defaultCollabOptions, type CollabOptions } from "../../server/collab";
import type { UpgradeRoute } from "../../server/upgrade";
import { createTestDatabase, type TestDatabase } from "./test-db";

const generous = { points: 10_000, durationSec: 60 };

export interface TestServer {
  url: string;
  services: AppServices;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Overrides of the config, e.g. tight rate limits for the limiter's own tests. */
  config?: (base: AppConfig) => AppConfig;
  upgradeRoutes?: Record<string, UpgradeRoute>;
  /** Reuse a database (a restart); it is then not dropped on close. */
  database?: TestDatabase;
  collab?: Partial<CollabOptions>;
}

/**
 * The real server (Express + the production Remix build) on port 0 over a fresh database of
 * the kind this test project runs on. Rate limits are generous unless a test tightens them.
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await createTestDatabase());
  const base = loadConfig({ NODE_ENV: "test", BUILD_DIR: process.env.BUILD_DIR });
  const config = (opts.config ?? ((c) => c))({
    ...base,
    rateLimits: {
      loginPerIp: generous,
      loginPerAccountIp: generous,
      loginSlowdown: generous,
      passwordChange: generous,
      signupPerIp: generous,
      signupPerEmail: generous,
      submitPerIp: generous,
      submitPerForm: generous,
    },
  });
  const app = await createAppServer({
    config,
    db: database.handle.db,
    upgradeRoutes: opts.upgradeRoutes,
    collab: { ...defaultCollabOptions, ...opts.collab },
  });
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services: app.services,
    database,
    async close() {
      await app.close();
      if (!opts.database) await database.drop();
    },
  };
}
