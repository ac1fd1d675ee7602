import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT, TSX_BIN, spawnService, type Service } from "../../bench/lib/process";
import { serverEnv, startThicket } from "../../bench/lib/thicket";
import { LOCK_FILE } from "../../db/data-dir-lock";
import { ApiClient, created, signedUpClient } from "../setup/api-client";
import { createTestDatabase, testDbKind } from "../setup/test-db";

/**
 * `npm start` and `npm run demo` as real processes on one database: the embedded one has a
 * single owner, and a second process is refused with the owner's pid and URL instead of
 * writing to a copy that is lost; on Postgres (DATABASE_URL) both run side by side.
 */
const SPAWN_MS = 90_000;
const services: Service[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "thicket-lock-"));
  dirs.push(dir);
  return dir;
}

async function startServer(env: Record<string, string>) {
  const server = await startThicket(PROJECT_ROOT, env);
  services.push(server.service);
  return { ...server, port: new URL(server.baseUrl).port };
}

/** `npm run demo` on `env`, to the end: its exit code and what it printed. */
async function runDemo(env: Record<string, string>) {
  const demo = spawnService({
    name: "npm run demo",
    command: TSX_BIN,
    args: ["--tsconfig", path.join(PROJECT_ROOT, "tsconfig.json"), path.join(PROJECT_ROOT, "server/demo.ts")],
    env: serverEnv(env),
  });
  services.push(demo);
  const { code } = await demo.exited;
  return { code, output: demo.outputTail() };
}

const readLock = async (dir: string) => JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8"));

/** SIGTERM, as Ctrl+C or a service manager stops it; the server shuts down before its grace ends. */
async function stopCleanly(service: Service) {
  await service.stop(20_000);
  expect(service.outputTail()).toContain("SIGTERM: shutting down");
}

// Each half runs in the integration project of its database: the lock is the embedded
// directory's, and DATABASE_URL is what its message offers for running several processes.
describe.runIf(testDbKind() === "pglite")("the embedded data directory", () => {
  it("refuses `npm run demo` while the server runs on it, naming the server, and loses nothing", async () => {
    const DATA_DIR = await dataDir();
    const server = await startServer({ DATA_DIR });
    const { client, user } = await signedUpClient(server.baseUrl, "Owner");
    const project = await created(client, "/api/v1/projects", { name: "Kept" });

    const demo = await runDemo({ DATA_DIR, DEMO_PASSWORD: "demo password 123" });
    expect(demo.code, demo.output).toBe(1);
    const owner = await readLock(DATA_DIR);
    expect(demo.output).toContain(`is in use by Thicket (pid ${owner.pid}`);
    expect(demo.output).toContain(`serving http://localhost:${server.port}`);
    expect(demo.output).toContain("Stop it first, or point DATABASE_URL at Postgres");
    expect(demo.output).toContain("run `npm run demo`, then `npm start` again");
    expect(() => process.kill(owner.pid, 0)).not.toThrow(); // the pid named is the live server
    const demoLogin = await new ApiClient(server.baseUrl).post("/api/v1/auth/login", { email: "demo@thicket.local", password: "demo password 123" });
    expect(demoLogin.status).toBe(401); // nothing half-loaded either

    // A clean stop removes the lock; after a restart the owner's project is still there.
    await stopCleanly(server.service);
    expect(existsSync(path.join(DATA_DIR, LOCK_FILE))).toBe(false);
    const again = await startServer({ DATA_DIR });
    const relogin = new ApiClient(again.baseUrl);
    expect((await relogin.post("/api/v1/auth/login", { email: user.email, password: "correct horse battery" })).status).toBe(200);
    const { projects } = (await relogin.get("/api/v1/projects")).body;
    expect(projects).toEqual([expect.objectContaining({ id: project.id, name: "Kept" })]);
  }, SPAWN_MS);

  it("takes over a lock left by a process that died, with a notice, and gives it up on SIGTERM", async () => {
    const DATA_DIR = await dataDir();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = { pid: dead, hostname: hostname(), startedAt: "2024-03-01T09:30:00.000Z", command: "npm start", url: "http://localhost:3000" };
    await writeFile(path.join(DATA_DIR, LOCK_FILE), JSON.stringify(stale));

    const server = await startServer({ DATA_DIR });
    expect(server.service.outputTail()).toMatch(new RegExp(`Taking over .*: pid ${dead} \\(npm start, started .*\\) is no longer running`));
    const lock = await readLock(DATA_DIR);
    expect(lock).toMatchObject({ hostname: hostname(), url: `http://localhost:${server.port}` });
    expect(lock.pid).not.toBe(dead);

    await stopCleanly(server.service);
    expect(existsSync(path.join(DATA_DIR, LOCK_FILE))).toBe(false);
  }, SPAWN_MS);
});

describe.runIf(testDbKind() === "postgres")("a Postgres database (DATABASE_URL)", () => {
  it("takes `npm run demo` beside the running server, whose users log in as the demo printed", async () => {
    const database = await createTestDatabase("postgres");
    try {
      const DATABASE_URL = database.url!;
      const server = await startServer({ DATABASE_URL });
      const demo = await runDemo({ DATABASE_URL, DEMO_PASSWORD: "demo password 123" });
      expect(demo.code, demo.output).toBe(0);
      const client = new ApiClient(server.baseUrl);
      expect((await client.post("/api/v1/auth/login", { email: "demo@thicket.local", password: "demo password 123" })).status).toBe(200);
      const { projects } = (await client.get("/api/v1/projects")).body;
      expect(projects).toEqual([expect.objectContaining({ name: "Demo — Contact centre churn" })]);
      await stopCleanly(server.service);
    } finally {
      await database.drop();
    }
  }, SPAWN_MS);
});
