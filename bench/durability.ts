/**
 * `npm run bench -- durability`: the durability window. The real server runs as a child
 * process (Postgres in a throwaway database, then PGlite in a temp data dir); client A types
 * numbered edits, client B records every edit it has seen; at a random moment the server's
 * process group gets SIGKILL; it is restarted on the same database and a fresh client counts
 * the edits B had seen that are gone ("lost"). A and B are dropped at the kill, so neither can
 * send anything again. Rounds alternate with the plain y-websocket reference server
 * (bench/collab-reference-server.ts) for the A→B edit latency.
 *
 * Knobs: BENCH_DURABILITY_ROUNDS (default 5 per database).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { envNumber, type Bench } from "./lib/bench";
import { createInterview, createProjectId, createToken } from "./lib/collab-api";
import { createBenchDatabase } from "./lib/pg";
import { PROJECT_ROOT, TSX_BIN, freePort, spawnService, waitForStatus, type Service } from "./lib/process";
import { percentileOfSorted } from "./lib/stats";
import { fixed, markdownTable } from "./lib/table";
import { serverEnv } from "./lib/thicket";
import { signupUser } from "./lib/thicket-api";

const ROUNDS = envNumber("BENCH_DURABILITY_ROUNDS", 5);
const TYPE_EVERY_MS = 5;

interface Server {
  service: Service;
  baseUrl: string;
}

async function start(script: string, env: Record<string, string | undefined>, cwd: string): Promise<Server> {
  const port = await freePort();
  const service = spawnService({
    name: path.basename(script),
    command: TSX_BIN,
    args: ["--tsconfig", path.join(PROJECT_ROOT, "tsconfig.json"), path.join(PROJECT_ROOT, script)],
    env: { ...env, PORT: String(port) },
    cwd,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForStatus(service, `${baseUrl}/`);
  return { service, baseUrl };
}

/** kill -9 of the whole process group (tsx and the node server under it). */
async function killNine(server: Server) {
  process.kill(-server.service.child.pid!, "SIGKILL");
  await server.service.exited;
}

function connect(baseUrl: string, room: string, token?: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/collab`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  return { doc, provider, synced, destroy: () => (provider.destroy(), doc.destroy()) };
}

const MARK = /<(\d+)\.(\d+)>/g;
const marks = (text: string, round: number) =>
  new Set([...text.matchAll(MARK)].filter((m) => Number(m[1]) === round).map((m) => Number(m[2])));

/**
 * One round: A types `<round.n>` marks; B records when each first appears. With `kill`, the
 * server is killed after a random 0.5–2 s of typing and the round returns what B saw.
 */
async function typingRound(baseUrl: string, room: string, token: string | undefined, round: number, killAfterMs: number, kill?: () => Promise<void>) {
  const a = connect(baseUrl, room, token);
  const b = connect(baseUrl, room, token);
  await Promise.all([a.synced, b.synced]);
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const seen = new Set<number>();
  b.doc.getText("text").observe(() => {
    const now = performance.now();
    for (const n of marks(b.doc.getText("text").toString(), round)) {
      if (seen.has(n)) continue;
      seen.add(n);
      const t = sentAt.get(n);
      if (t !== undefined) latencies.push(now - t);
    }
  });
  let n = 0;
  const typing = setInterval(() => {
    n++;
    sentAt.set(n, performance.now());
    const text = a.doc.getText("text");
    text.insert(text.length, `<${round}.${n}>`);
  }, TYPE_EVERY_MS);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  if (kill) {
    // The server dies first, then the clients are dropped before they could reconnect and resend.
    await kill();
  }
  clearInterval(typing);
  const seenNow = new Set(seen);
  a.destroy();
  b.destroy();
  return { typed: n, seen: seenNow, latencies };
}

const pct = (values: number[], p: number) => percentileOfSorted([...values].sort((x, y) => x - y), p);

export const durabilityBench: Bench = {
  name: "durability",
  description: "edits a peer saw that a kill -9 loses (Postgres, PGlite), and A→B edit latency against the reference server",
  async run({ serverRoot }) {
    const rows: (string | number)[][] = [];
    const json: Record<string, unknown> = { rounds: ROUNDS, loadAverage: { before: os.loadavg() } };
    const latency: Record<string, number[]> = { thicket: [], reference: [] };
    const ref = await start("bench/collab-reference-server.ts", { ...process.env, NODE_ENV: "production" }, PROJECT_ROOT);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "thicket-durability-"));
    try {
      const pgDb = await createBenchDatabase();
      const databases: { name: string; env: Record<string, string> }[] = [
        { name: "Postgres", env: { DATABASE_URL: pgDb.url } },
        { name: "PGlite", env: { DATA_DIR: dataDir } },
      ];
      for (const database of databases) {
        let server = await start("server/main.ts", serverEnv(database.env), serverRoot);
        const cookie = await signupUser(server.baseUrl, `durable-${Date.now()}@example.org`, "a long enough password", "Durable");
        const projectId = await createProjectId(server.baseUrl, cookie, "Durability");
        const room = await createInterview(server.baseUrl, cookie, projectId, "Typed", "start ");
        const token = await createToken(server.baseUrl, cookie, "bench");
        let lost = 0;
        let seenTotal = 0;
        let typedTotal = 0;
        for (let round = 1; round <= ROUNDS; round++) {
          // Latency first, on both servers in turn, with nobody killed.
          const refRound = await typingRound(ref.baseUrl, `ref-${database.name}-${round}`, undefined, round, 1000);
          latency.reference!.push(...refRound.latencies);
          const killAt = 500 + Math.random() * 1500;
          const current = server;
          const r = await typingRound(server.baseUrl, room, token, round, killAt, () => killNine(current));
          latency.thicket!.push(...r.latencies);
          server = await start("server/main.ts", serverEnv(database.env), serverRoot);
          const fresh = connect(server.baseUrl, room, token);
          await fresh.synced;
          const kept = marks(fresh.doc.getText("text").toString(), round);
          fresh.destroy();
          const missing = [...r.seen].filter((n) => !kept.has(n)).length;
          lost += missing;
          seenTotal += r.seen.size;
          typedTotal += r.typed;
          console.error(`durability: ${database.name} round ${round}: killed at ${fixed(killAt, 0)} ms, typed ${r.typed}, B saw ${r.seen.size}, lost ${missing}`);
        }
        await server.service.stop();
        rows.push([database.name, ROUNDS, typedTotal, seenTotal, lost]);
        json[database.name] = { typed: typedTotal, seenByB: seenTotal, lost };
      }
      await pgDb.drop();
    } finally {
      await ref.service.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
    const latencyRows = Object.entries(latency).map(([name, values]) => [name, values.length, fixed(pct(values, 50)), fixed(pct(values, 95))]);
    json.latencyMs = Object.fromEntries(Object.entries(latency).map(([name, v]) => [name, { n: v.length, p50: pct(v, 50), p95: pct(v, 95) }]));
    (json.loadAverage as Record<string, unknown>).after = os.loadavg();
    const load = `Load average (1/5/15 min) after: ${os.loadavg().map((l) => fixed(l, 2)).join(" / ")}.`;
    return {
      markdown: [
        markdownTable(["database", "kills", "edits typed by A", "edits seen by B", "seen by B and lost"], rows),
        markdownTable(["server", "edits", "A→B p50 (ms)", "A→B p95 (ms)"], latencyRows),
        load,
      ].join("\n\n"),
      json,
    };
  },
};
