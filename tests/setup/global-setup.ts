import { execSync } from "node:child_process";

/**
 * Integration tests drive the production build, so build it first: a stale build would test
 * yesterday's code. Runs once per vitest run, before every project.
 */
export default function setup() {
  // NODE_ENV=production: vitest sets "test", which would give React's development build.
  execSync("npx remix vite:build", {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
}
