import { defineConfig, type PlaywrightTestConfig, type Project } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/setup/chromium";
import { postgresReachable } from "./tests/setup/test-db";

/**
 * End-to-end tests against the production build (`npm run test:e2e` builds it first).
 * Each database kind is a project with its own server, port and fresh database, started by
 * tests/e2e/start-server.ts. Without a reachable Postgres (outside CI) only PGlite runs.
 */

type WebServer = Extract<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>[number];

// E2E_PORT_BASE lets two e2e runs share a machine (default 3310: ports 3311 and 3312).
const portBase = Number(process.env.E2E_PORT_BASE ?? 3310);
const ports = { pglite: portBase + 1, postgres: portBase + 2 } as const;
type Kind = keyof typeof ports;

const ci = !!process.env.CI;
const withPostgres = ci || (await postgresReachable());
// The config is loaded by the runner and again by every worker: say it once.
if (!withPostgres && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(
    "Postgres is not reachable (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test): e2e ran on PGlite only.",
  );
}

const kinds: Kind[] = withPostgres ? ["pglite", "postgres"] : ["pglite"];
const baseURL = (kind: Kind) => `http://localhost:${ports[kind]}`;

const chromium = {
  browserName: "chromium",
  viewport: { width: 1280, height: 800 },
  launchOptions: chromiumLaunchOptions,
} satisfies Project["use"];

const projects: Project[] = kinds.map((kind) => ({
  name: kind,
  use: { ...chromium, baseURL: baseURL(kind) },
}));

const webServer: WebServer[] = kinds.map((kind) => ({
  name: kind,
  command: `node --import tsx tests/e2e/start-server.ts ${kind} ${ports[kind]}`,
  url: baseURL(kind),
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: "pipe",
  stderr: "pipe",
  // Without this Playwright SIGKILLs the server and the starter never drops its database.
  gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
}));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: ci,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects,
  webServer,
});
