import { defineConfig, type TestProjectConfiguration } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import { postgresReachable } from "./tests/setup/test-db";

/**
 * Integration tests run twice: on embedded PGlite and on the Postgres server. Locally, without
 * a reachable server, they run on PGlite alone and say so; in CI the server is required.
 */
const withPostgres = process.env.CI ? true : await postgresReachable();
if (!withPostgres) {
  console.warn("\n[thicket] Postgres is not reachable: integration tests run on PGlite only.\n");
}

const integration = (db: "pglite" | "postgres"): TestProjectConfiguration => ({
  extends: true,
  test: {
    name: `integration:${db}`,
    include: ["tests/integration/**/*.test.ts"],
    env: { THICKET_TEST_DB: db },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    globalSetup: ["tests/setup/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("pglite"),
      ...(withPostgres ? [integration("postgres")] : []),
    ],
  },
});
