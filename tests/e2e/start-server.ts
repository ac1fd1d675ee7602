/**
 * Starts the production server for one Playwright project, on a database of its own:
 *
 *   node --import tsx tests/e2e/start-server.ts <pglite|postgres> <port>
 *
 * pglite: embedded PGlite in a fresh temporary DATA_DIR. postgres: a fresh database made by
 * createTestDatabase("postgres") on the local server. On SIGTERM/SIGINT (Playwright's
 * gracefulShutdown) the server is stopped first, then the database is dropped or the
 * directory removed. Expects `npm run build` to have been run (`npm run test:e2e` does).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDbKind } from "../setup/test-db";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const [kindArg, portArg] = process.argv.slice(2);
if ((kindArg !== "pglite" && kindArg !== "postgres") || !/^\d+$/.test(portArg ?? "")) {
  console.error("usage: start-server.ts <pglite|postgres> <port>");
  process.exit(2);
}
const kind: TestDbKind = kindArg;
const port = Number(portArg);

/** Undone in reverse order when the server stops, or when starting fails half-way. */
const undo: Array<() => Promise<unknown>> = [];
let server: ChildProcess | undefined;

async function start(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    // Every e2e signup and login comes from 127.0.0.1.
    RATE_LIMIT_SIGNUP_PER_IP: "1000/60",
    RATE_LIMIT_LOGIN_PER_IP: "1000/60",
  };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;

  if (kind === "pglite") {
    const dataDir = await mkdtemp(path.join(tmpdir(), "thicket-e2e-"));
    undo.push(() => rm(dataDir, { recursive: true, force: true }));
    env.DATA_DIR = dataDir;
  } else {
    const database = await createTestDatabase("postgres");
    undo.push(() => database.drop());
    env.DATABASE_URL = database.url!;
  }
  if (stopping) return;

  server = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  // The server dying on its own (bad build, port taken) must not leave the database behind.
  server.once("exit", (code) => void stop(code || 1));
}

let stopping = false;
async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await started.catch(() => {}); // let a half-done setup finish, so all of it is undone
  const child = server;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  for (const step of undo.reverse()) {
    try {
      await step();
    } catch (err) {
      console.error(`e2e ${kind}: cleanup failed`, err);
    }
  }
  process.exit(exitCode);
}

// Installed before anything is created, so a signal during setup still cleans up.
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

const started = start();
started.catch((err: unknown) => {
  console.error(`e2e ${kind}: could not start the server:`, err);
  void stop(1);
});
