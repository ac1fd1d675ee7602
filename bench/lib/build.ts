import { spawnSync } from "node:child_process";
import { access } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "./process";

/** Where the server will look for the build (server/main.ts reads BUILD_DIR too). */
const BUILD_DIR = path.resolve(PROJECT_ROOT, process.env.BUILD_DIR ?? "build");
const SERVER_ENTRY = "server/index.js";

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Runs `npm run build` if build/server/index.js is missing. */
export async function ensureBuild(): Promise<void> {
  if (await exists(path.join(BUILD_DIR, SERVER_ENTRY))) return;
  console.error("build/server/index.js is missing: running npm run build");
  const result = spawnSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
}
