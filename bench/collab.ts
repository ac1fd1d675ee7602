/**
 * `npm run bench -- collab`: the Yjs collaboration server under load, with the stock y-websocket
 * client (WebsocketProvider over `ws`, `?token=` auth) in worker processes of their own
 * (bench/collab-worker.ts), against a real Thicket server process on a fresh Postgres database:
 *   1. one writer and 200 observers on one doc: propagation latency p50/p99;
 *   2. 50 writers on one doc, 5 edits/s each: latency and server CPU;
 *   3. 2,000 connections over 500 docs: server RSS per connected doc and per connection;
 *   4. scenario 1 (and 3) against @y/websocket-server's own server (in memory), taking turns
 *      with Thicket round by round.
 * Latency is marker send time (writer) to first sight in the observer's Y.Text, both on the
 * machine's monotonic clock, over every (observer, edit) pair.
 *
 * Knobs (environment): BENCH_COLLAB_SCENARIOS=fanout,writers,memory,reference (default all),
 * BENCH_COLLAB_ROUNDS, BENCH_COLLAB_OBSERVERS, BENCH_COLLAB_EDITS, BENCH_COLLAB_WRITERS,
 * BENCH_COLLAB_MEM_DOCS, BENCH_COLLAB_WORKERS, BENCH_COLLAB_CPU_PROF=<dir> (CPU profiles of the
 * servers over each measured window, taken through their inspector), BENCH_COLLAB_TIMEOUT_SEC;
 * see `cfg` below.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { envNumber, type Bench } from "./lib/bench";
import { createInterview, createProjectId, createToken, listDocuments, mapLimit } from "./lib/collab-api";
import { INSPECT_FLAG, Inspector } from "./lib/collab-inspector";
import { measurePairs, receiptsOf, summarize, type PairSet } from "./lib/collab-latency";
import { BackendCpu, CpuWindow, ProcSampler, cpuSeconds, findScriptProcess, rssKiB, runQueueWaitSeconds } from "./lib/collab-proc";
import { monotonicMs, type ClientSpec, type ClientStats, type ConnectResult, type DrainResult, type WriteResult } from "./lib/collab-protocol";
import { LATENCY_GOAL_P99_MS, ms, renderFanout, renderFanoutBreakdown, renderMemory, renderWriters } from "./lib/collab-render";
import type { CpuShare, FanoutResult, FanoutRound, MemoryReading, MemoryResult, WritersResult } from "./lib/collab-results";
import { ClientWorker } from "./lib/collab-workers";
import { createBenchDatabase } from "./lib/pg";
import { PROJECT_ROOT, TSX_BIN, freePort, spawnService, waitForStatus, type Service } from "./lib/process";
import { median } from "./lib/stats";
import { fixed } from "./lib/table";
import { serverEnv } from "./lib/thicket";
import { signupUser } from "./lib/thicket-api";

const cfg = {
  observers: Math.round(envNumber("BENCH_COLLAB_OBSERVERS", 200)),
  fanoutEdits: Math.round(envNumber("BENCH_COLLAB_EDITS", 200)),
  fanoutIntervalMs: envNumber("BENCH_COLLAB_EDIT_INTERVAL_MS", 50),
  /** Scenario 1 rounds per server; Thicket and the reference take turns (T R R T …). */
  rounds: Math.round(envNumber("BENCH_COLLAB_ROUNDS", 2)),
  writers: Math.round(envNumber("BENCH_COLLAB_WRITERS", 50)),
  writerRate: envNumber("BENCH_COLLAB_WRITER_RATE", 5),
  writersDurationSec: envNumber("BENCH_COLLAB_WRITERS_SEC", 10),
  memDocs: Math.round(envNumber("BENCH_COLLAB_MEM_DOCS", 500)),
  memClientsPerDoc: Math.round(envNumber("BENCH_COLLAB_MEM_PER_DOC", 4)),
  connectBatch: Math.round(envNumber("BENCH_COLLAB_CONNECT_BATCH", 50)),
  /** Worker processes for observers (plus one for scenario 1's writer). */
  workers: Math.round(envNumber("BENCH_COLLAB_WORKERS", 2)),
  docChars: Math.round(envNumber("BENCH_COLLAB_DOC_CHARS", 2000)),
  warmupEdits: 40,
  timeoutSec: envNumber("BENCH_COLLAB_TIMEOUT_SEC", 900),
  /** Also measure the reference server's memory per doc (scenario 3's shape). */
  referenceMemory: process.env.BENCH_COLLAB_REF_MEMORY !== "0",
  /** A directory: profile the servers over each measured window and write .cpuprofile files there. */
  cpuProfDir: process.env.BENCH_COLLAB_CPU_PROF ? path.resolve(process.env.BENCH_COLLAB_CPU_PROF) : null,
};

/** After connecting: every new client's awareness has reached every other one. */
const SETTLE_MS = 1500;
/**
 * The stock client renews its awareness state every 15 s (y-protocols' outdatedTimeout / 2) and
 * the server relays each renewal to every peer of the doc. Clients that all join within a second
 * renew in one burst (201 × 201 messages in scenario 1) that lands wherever their join time puts
 * it; real users join at random times. So scenarios 1 and 2 spread their joins over one such
 * period, in small batches, and presence traffic is a steady background for every server alike.
 */
const AWARENESS_PERIOD_MS = 15_000;
const SPREAD_BATCH = 5;
/** After connecting many docs: Thicket has written each newly loaded doc's projection. */
const MEMORY_SETTLE_MS = 3000;
/**
 * A fresh Thicket process hands back ~50 MiB of start-up memory outside its JS heap about 30 s
 * after starting (tsx's loader thread or the allocator; the main heap keeps growing meanwhile).
 * The idle reading waits until the server has been up this long, so that drop is not counted
 * as memory the connections freed.
 */
const MEMORY_MIN_UPTIME_MS = 45_000;

// Run ids tag the markers, so a run never counts edits of an earlier one.
const RUN = { fanoutWarmup: 1, fanout: 2, writersWarmup: 3, writers: 4, memWarmup: 5 };
const fanoutRun = (round: number) => RUN.fanout + 10 * round;

/** A transcript-like text of exactly `chars` characters (no "[", which starts a marker). */
function interviewText(chars: number): string {
  const lines = [
    "Interviewer: Can you tell me about a typical week at the allotment?",
    "Participant: Mostly weekends, early, before the heat. My neighbour keeps bees, so we trade honey for beans.",
    "Interviewer: And when did you start keeping the diary?",
    "Participant: After my husband passed. Writing down what I planted made the days hold together.",
  ];
  let text = "";
  for (let i = 0; text.length < chars; i++) text += `${lines[i % lines.length]}\n`;
  return text.slice(0, chars);
}

/** A small deterministic PRNG (mulberry32), so writer phases are the same in every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Target {
  label: string;
  /** Profiles of the measured windows go to <BENCH_COLLAB_CPU_PROF>/<profileName>-<what>.cpuprofile. */
  profileName: string;
  /** When BENCH_COLLAB_CPU_PROF is set: profiles the measured windows. */
  inspector: Inspector | null;
  wsBase: string;
  token: string;
  /** The server's own node process (not tsx's launcher). */
  pid: number;
  /** The reference server starts empty: the first client puts the initial text in. */
  seeds: boolean;
  /** The bench database whose backends' CPU is counted (null: the server uses none). */
  database: string | null;
}

interface Pool {
  writer: ClientWorker;
  observers: ClientWorker[];
  all: ClientWorker[];
}

const byWorker = <T>(items: T[], n: number): T[][] => {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => out[i % n]!.push(item));
  return out;
};

/**
 * Connects clients `batch` at a time (each batch synced before the next), spread over workers.
 * With `spreadMs`, batch i starts no earlier than i × spreadMs / batches after the first.
 */
async function connectGradually(
  t: Target,
  workers: ClientWorker[],
  specs: ClientSpec[],
  opts: { seed?: string; batch?: number; spreadMs?: number } = {},
) {
  const started = performance.now();
  const size = opts.batch ?? cfg.connectBatch;
  const batches = Math.ceil(specs.length / size);
  for (let i = 0; i < specs.length; i += size) {
    if (opts.spreadMs) {
      const due = started + ((i / size) * opts.spreadMs) / batches - performance.now();
      if (due > 0) await sleep(due);
    }
    // Client j goes to worker j % workers (as byWorker over the whole list assigns it).
    const batch: ClientSpec[][] = workers.map(() => []);
    specs.slice(i, i + size).forEach((spec, k) => batch[(i + k) % workers.length]!.push(spec));
    await Promise.all(
      batch.map((clients, w) =>
        clients.length === 0
          ? null
          : workers[w]!.request<ConnectResult>({
              cmd: "connect",
              wsBase: t.wsBase,
              token: t.token,
              clients,
              timeoutMs: 30_000,
              seed: opts.seed,
            }),
      ),
    );
  }
  return performance.now() - started;
}

async function allStats(workers: ClientWorker[]): Promise<ClientStats[]> {
  return (await Promise.all(workers.map((w) => w.request<ClientStats[]>({ cmd: "stats" })))).flat();
}

/** Every client synced and never dropped; with `length`, every doc holds that many characters. */
function checkClients(stats: ClientStats[], what: string, length?: number) {
  const problems: string[] = [];
  for (const s of stats) {
    if (!s.synced || !s.connected) problems.push(`client ${s.key} not connected/synced`);
    if (s.closes > 0) problems.push(`client ${s.key} was disconnected ${s.closes}× (last code ${s.lastCloseCode})`);
    if (length !== undefined && !s.probe && s.textLength !== length) problems.push(`client ${s.key} has ${s.textLength} chars, expected ${length}`);
  }
  if (problems.length > 0) throw new Error(`${what}: ${problems.length} client problem(s): ${problems.slice(0, 5).join("; ")}`);
}

/** All clients of a room hold the same text (they converged). */
function converged(stats: ClientStats[]): boolean {
  const texts = new Map<string, Set<number>>();
  for (const s of stats) if (!s.probe) texts.set(s.room, (texts.get(s.room) ?? new Set()).add(s.textHash));
  return [...texts.values()].every((set) => set.size === 1);
}

async function closeAll(workers: ClientWorker[]) {
  await Promise.all(workers.map((w) => w.request<number>({ cmd: "close" })));
}

/** CPU of the server, its database backends and the clients over a window, plus a timeline sampler. */
function cpuWindow(t: Target, workers: ClientWorker[]) {
  const started = performance.now();
  const fromMs = monotonicMs();
  const sampler = new ProcSampler({ server: [t.pid], clients: workers.map((w) => w.pid) });
  const backends = t.database ? new BackendCpu(t.database) : null;
  const window = new CpuWindow([
    () => cpuSeconds(t.pid),
    () => backends?.seconds() ?? 0,
    () => workers.reduce((sum, wk) => sum + cpuSeconds(wk.pid), 0),
    () => runQueueWaitSeconds(t.pid),
  ]);
  const stop = (): CpuShare => {
    const [serverPct, postgresPct, clientWorkersPct, waitPct] = window.percent();
    backends?.stop();
    sampler.stop();
    return {
      serverPct: serverPct!,
      postgresPct: backends ? postgresPct! : null,
      clientWorkersPct: clientWorkersPct!,
      serverRunQueueWaitMsPerSec: waitPct! * 10,
      windowSec: (performance.now() - started) / 1000,
      fromMs,
      toMs: monotonicMs(),
    };
  };
  return { stop, sampler };
}

/** Runs `work` under the server's CPU profiler when BENCH_COLLAB_CPU_PROF is set. */
async function profiled<T>(t: Target, what: string, work: () => Promise<T>): Promise<T> {
  if (!cfg.cpuProfDir || !t.inspector) return work();
  await t.inspector.startProfile();
  try {
    return await work();
  } finally {
    const profile = await t.inspector.stopProfile();
    await mkdir(cfg.cpuProfDir, { recursive: true });
    const file = path.join(cfg.cpuProfDir, `${t.profileName}-${what}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.error(`collab: CPU profile ${file}`);
  }
}

/** Arms a run, has the writers write, waits for every observer to see every edit. */
async function measuredRun(
  run: number,
  writeOn: { worker: ClientWorker; writers: number[]; phaseMs: number[] }[],
  observerWorkers: ClientWorker[],
  count: number,
  intervalMs: number,
) {
  const involved = [...new Set([...observerWorkers, ...writeOn.map((w) => w.worker)])];
  await Promise.all(involved.map((w) => w.request({ cmd: "arm", run })));
  const results = await Promise.all(
    writeOn
      .filter((w) => w.writers.length > 0)
      .map((w) =>
        w.worker.request<WriteResult>(
          { cmd: "write", run, writers: w.writers, count, intervalMs, phaseMs: w.phaseMs },
          count * intervalMs + 60_000,
        ),
      ),
  );
  const sends = results.map((r) => r.sends);
  const sentBy: Record<number, number> = {};
  let total = 0;
  for (const s of sends) {
    for (let i = 0; i < s.length; i += 3) {
      sentBy[s[i]!] = (sentBy[s[i]!] ?? 0) + 1;
      total++;
    }
  }
  const drains = await Promise.all(
    observerWorkers.map((w) => w.request<DrainResult>({ cmd: "drain", total, sentBy, timeoutMs: 15_000 }, 30_000)),
  );
  const missing = drains.reduce((s, d) => s + d.missing, 0);
  const receipts = await Promise.all(observerWorkers.map((w) => w.request<Float64Array>({ cmd: "receipts" })));
  return { sends, receipts, total, missing };
}

// ---------------------------------------------------------------------------------------------
// 1. One writer, N observers on one doc.

const PROBE_FIRST = 900;
const PROBE_LAST = 901;

async function fanoutRound(t: Target, pool: Pool, room: string, text: string, round: number) {
  const writerKey = 0;
  const observers: ClientSpec[] = Array.from({ length: cfg.observers }, (_, i) => ({ key: 1 + i, room }));
  const connectStarted = performance.now();
  // Servers send to peers in the order they joined: the writer, the first probe, the observers,
  // the last probe. The probes live in the writer's process, which is otherwise nearly idle.
  await connectGradually(t, [pool.writer], [{ key: writerKey, room, seeds: true }], { seed: t.seeds ? text : undefined });
  await connectGradually(t, [pool.writer], [{ key: PROBE_FIRST, room, probe: true }]);
  await connectGradually(t, pool.observers, observers, { batch: SPREAD_BATCH, spreadMs: AWARENESS_PERIOD_MS });
  await connectGradually(t, [pool.writer], [{ key: PROBE_LAST, room, probe: true }]);
  const connectMs = performance.now() - connectStarted;
  await sleep(SETTLE_MS);
  const before = await allStats(pool.all);
  const docCharsAtStart = before.find((c) => !c.probe)?.textLength ?? 0;
  checkClients(before, `${t.label} fan-out set-up`, docCharsAtStart);
  if (docCharsAtStart < text.length) throw new Error(`${t.label}: the doc has ${docCharsAtStart} chars, fewer than its text`);
  const writeOn = [{ worker: pool.writer, writers: [writerKey], phaseMs: [0] }];
  const watchers = [...pool.observers, pool.writer];

  const warm = await measuredRun(RUN.fanoutWarmup + 10 * round, writeOn, watchers, cfg.warmupEdits, cfg.fanoutIntervalMs);
  if (warm.missing > 0) console.error(`collab: ${t.label} fan-out warm-up: ${warm.missing} markers never arrived`);

  const { run, cpuShare, sampler } = await profiled(t, `fanout-round${round}`, async () => {
    const cpu = cpuWindow(t, pool.all);
    const run = await measuredRun(fanoutRun(round), writeOn, watchers, cfg.fanoutEdits, cfg.fanoutIntervalMs);
    return { run, cpuShare: cpu.stop(), sampler: cpu.sampler };
  });
  const isProbe = (key: number) => key === PROBE_FIRST || key === PROBE_LAST;
  const observed = receiptsOf(run.receipts, (key) => !isProbe(key));
  const { latency, pairs } = measurePairs(run.sends, observed, run.total * cfg.observers, sampler);
  const probe = (key: number) => measurePairs(run.sends, receiptsOf(run.receipts, (k) => k === key), run.total, sampler).pairs;
  const probePairs = { first: probe(PROBE_FIRST), last: probe(PROBE_LAST) };
  const stats = await allStats(pool.all);
  checkClients(stats, `${t.label} fan-out`);
  await closeAll(pool.all);
  const result: FanoutRound = {
    round,
    docCharsAtStart,
    connectMs,
    latency,
    probes: { first: summarize([probePairs.first]), last: summarize([probePairs.last]) },
    cpu: cpuShare,
    converged: converged(stats),
  };
  return { result, pairs, probePairs };
}

/** Scenario 1 on each target, `cfg.rounds` times, alternating T R R T … so drifting load hits both alike. */
async function fanoutRounds(targets: Target[], pool: Pool, room: string, text: string): Promise<FanoutResult[]> {
  const acc = targets.map(() => ({ rounds: [] as FanoutRound[], pairs: [] as PairSet[], first: [] as PairSet[], last: [] as PairSet[] }));
  for (let round = 1; round <= cfg.rounds; round++) {
    const order = round % 2 === 1 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
    for (const i of order) {
      const t = targets[i]!;
      console.error(`collab: 1. fan-out round ${round} on ${t.label}`);
      const { result, pairs, probePairs } = await fanoutRound(t, pool, room, text, round);
      console.error(`collab:    p50 ${ms(result.latency.p50Ms)} ms, p99 ${ms(result.latency.p99Ms)} ms`);
      acc[i]!.rounds.push(result);
      acc[i]!.pairs.push(pairs);
      acc[i]!.first.push(probePairs.first);
      acc[i]!.last.push(probePairs.last);
    }
  }
  return targets.map((t, i) => ({
    server: t.label,
    observers: cfg.observers,
    editsPerRound: cfg.fanoutEdits,
    intervalMs: cfg.fanoutIntervalMs,
    docChars: text.length,
    rounds: acc[i]!.rounds,
    pooled: summarize(acc[i]!.pairs),
    pooledProbes: { first: summarize(acc[i]!.first), last: summarize(acc[i]!.last) },
  }));
}

// ---------------------------------------------------------------------------------------------
// 2. Many writers on one doc, each seeing everyone else's edits.

async function manyWriters(t: Target, pool: Pool, room: string, text: string): Promise<WritersResult> {
  const specs: ClientSpec[] = Array.from({ length: cfg.writers }, (_, i) => ({ key: 1000 + i, room, seeds: i === 0 }));
  await connectGradually(t, pool.all, specs, {
    seed: t.seeds ? text : undefined,
    batch: SPREAD_BATCH,
    spreadMs: AWARENESS_PERIOD_MS,
  });
  await sleep(SETTLE_MS);
  checkClients(await allStats(pool.all), `${t.label} writers set-up`, text.length);
  const intervalMs = 1000 / cfg.writerRate;
  const random = prng(42);
  const writeOn = byWorker(specs, pool.all.length).map((mine, w) => ({
    worker: pool.all[w]!,
    writers: mine.map((s) => s.key),
    phaseMs: mine.map(() => random() * intervalMs),
  }));

  const warm = await measuredRun(RUN.writersWarmup, writeOn, pool.all, 10, intervalMs);
  if (warm.missing > 0) console.error(`collab: ${t.label} writers warm-up: ${warm.missing} markers never arrived`);

  const count = Math.round(cfg.writerRate * cfg.writersDurationSec);
  const { run, cpuShare, sampler } = await profiled(t, "writers", async () => {
    const cpu = cpuWindow(t, pool.all);
    const run = await measuredRun(RUN.writers, writeOn, pool.all, count, intervalMs);
    return { run, cpuShare: cpu.stop(), sampler: cpu.sampler };
  });
  const { latency } = measurePairs(run.sends, run.receipts, run.total * (cfg.writers - 1), sampler);
  const stats = await allStats(pool.all);
  checkClients(stats, `${t.label} writers`);
  await closeAll(pool.all);
  return {
    server: t.label,
    writers: cfg.writers,
    ratePerWriter: cfg.writerRate,
    durationSec: cfg.writersDurationSec,
    edits: run.total,
    latency,
    cpu: cpuShare,
    converged: converged(stats),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Memory: many docs, a few connections each.

async function readMemory(pid: number, inspector: Inspector): Promise<MemoryReading> {
  const rawKiB = rssKiB(pid);
  const gcMs = await inspector.gc();
  const usage = await inspector.memoryUsage();
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sleep(300);
    samples.push(rssKiB(pid));
  }
  return { afterGcKiB: median(samples), rawKiB, heapUsedKiB: usage.heapUsed / 1024, externalKiB: usage.external / 1024, gcMs };
}

async function memory(
  t: Target,
  server: StartedServer,
  pool: Pool,
  docs: string[],
  warmDocs: string[],
  text: string,
  updatedAt?: () => Promise<Map<string, string>>,
): Promise<MemoryResult> {
  const seed = t.seeds ? text : undefined;
  const per = cfg.memClientsPerDoc;
  // Warm-up on other docs: connect, edit, disconnect, so no first-use cost lands in the numbers.
  const warm = warmDocs.flatMap((room, d) =>
    Array.from({ length: per }, (_, c) => ({ key: 50_000 + d * per + c, room, seeds: c === 0 })),
  );
  await connectGradually(t, pool.all, warm, { seed });
  const warmWriters = byWorker(warm.filter((s) => s.seeds), pool.all.length);
  await measuredRun(
    RUN.memWarmup,
    warmWriters.map((mine, w) => ({ worker: pool.all[w]!, writers: mine.map((s) => s.key), phaseMs: mine.map(() => 0) })),
    pool.all,
    5,
    20,
  );
  await closeAll(pool.all);
  await sleep(Math.max(2000, server.startedAt + MEMORY_MIN_UPTIME_MS - performance.now()));
  const inspector = server.inspector!;

  const before = updatedAt ? await updatedAt() : null;
  const idle = await readMemory(t.pid, inspector);
  const first = docs.map((room, d) => ({ key: 100_000 + d * per, room, seeds: true }));
  const rest = docs.flatMap((room, d) => Array.from({ length: per - 1 }, (_, c) => ({ key: 100_000 + d * per + c + 1, room })));
  let connectMs = await connectGradually(t, pool.all, first, { seed });
  await sleep(MEMORY_SETTLE_MS);
  const onePerDoc = await readMemory(t.pid, inspector);
  connectMs += await connectGradually(t, pool.all, rest);
  await sleep(MEMORY_SETTLE_MS);
  const all = await readMemory(t.pid, inspector);
  checkClients(await allStats(pool.all), `${t.label} memory`, text.length);
  let updatedAtBumped: number | undefined;
  if (before && updatedAt) {
    const after = await updatedAt();
    updatedAtBumped = docs.filter((id) => before.get(id) !== after.get(id)).length;
  }
  await closeAll(pool.all);
  const connections = first.length + rest.length;
  const grown = all.afterGcKiB - idle.afterGcKiB;
  const js = (m: MemoryReading) => m.heapUsedKiB + m.externalKiB;
  return {
    server: t.label,
    docs: docs.length,
    clientsPerDoc: per,
    connectBatch: cfg.connectBatch,
    docChars: text.length,
    connections,
    idle,
    onePerDoc,
    all,
    perDocKiB: grown / docs.length,
    perConnectionKiB: grown / connections,
    perDocRawKiB: (all.rawKiB - idle.rawKiB) / docs.length,
    firstConnectionPerDocKiB: (onePerDoc.afterGcKiB - idle.afterGcKiB) / docs.length,
    extraConnectionKiB: rest.length > 0 ? (all.afterGcKiB - onePerDoc.afterGcKiB) / rest.length : Number.NaN,
    heap: {
      perDocKiB: (js(all) - js(idle)) / docs.length,
      perConnectionKiB: (js(all) - js(idle)) / connections,
      firstConnectionPerDocKiB: (js(onePerDoc) - js(idle)) / docs.length,
      extraConnectionKiB: rest.length > 0 ? (js(all) - js(onePerDoc)) / rest.length : Number.NaN,
    },
    connectSec: connectMs / 1000,
    updatedAtBumped,
  };
}

// ---------------------------------------------------------------------------------------------
// Servers.

interface StartedServer {
  service: Service;
  baseUrl: string;
  pid: number;
  /** performance.now() at spawn. */
  startedAt: number;
  /** Only when started with `inspect`. */
  inspector: Inspector | null;
}

const REFERENCE_SCRIPT = "bench/collab-reference-server.ts";
const THICKET_SCRIPT = "server/main.ts";


/**
 * `tsx [--inspect=127.0.0.1:0] <script>` as its own process group (tsx hands the flag to the node
 * process it starts), waiting for the first 200 on GET /. The inspector is for memory readings
 * and, with BENCH_COLLAB_CPU_PROF, for profiling the measured windows.
 */
async function startServer(
  name: string,
  script: string,
  env: Record<string, string | undefined>,
  inspect: boolean,
  cwd: string,
): Promise<StartedServer> {
  const port = await freePort();
  inspect ||= cfg.cpuProfDir !== null;
  const service = spawnService({
    name,
    command: TSX_BIN,
    args: [...(inspect ? [INSPECT_FLAG] : []), "--tsconfig", path.join(PROJECT_ROOT, "tsconfig.json"), path.join(PROJECT_ROOT, script)],
    env: { ...env, PORT: String(port) },
    cwd,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForStatus(service, `${baseUrl}/`);
  const pid = await findScriptProcess(service.child.pid!, script);
  const inspector = inspect ? await Inspector.attach(service.outputTail(), script) : null;
  return { service, baseUrl, pid, inspector, startedAt: service.startedAt };
}

const startReference = (name: string, inspect: boolean) =>
  startServer(name, REFERENCE_SCRIPT, { ...process.env, NODE_ENV: "production" }, inspect, PROJECT_ROOT);

/** Thicket with the environment bench/lib/thicket.ts gives it (production, generous rate limits). */
const startThicketServer = (serverRoot: string, databaseUrl: string, name: string, inspect: boolean) =>
  startServer(name, THICKET_SCRIPT, serverEnv({ DATABASE_URL: databaseUrl }), inspect, serverRoot);

async function stopServer(server: StartedServer) {
  server.inspector?.close();
  const started = performance.now();
  await server.service.stop();
  const { code, signal } = await server.service.exited;
  // tsx's launcher sometimes exits by the SIGTERM itself (143) once its child has exited cleanly.
  if (code !== 0 && code !== 143) {
    console.error(
      `collab: ${server.service.name} did not shut down cleanly within ${fixed(performance.now() - started, 0)} ms ` +
        `(code ${code}, signal ${signal}):\n${server.service.outputTail()}`,
    );
  }
}

const wsOf = (baseUrl: string) => baseUrl.replace(/^http/, "ws");

// ---------------------------------------------------------------------------------------------

const SCENARIOS = ["fanout", "writers", "memory", "reference"] as const;
type Scenario = (typeof SCENARIOS)[number];

/** BENCH_COLLAB_SCENARIOS=fanout,reference (say) runs only those; all by default. */
function selectedScenarios(): Set<Scenario> {
  const raw = process.env.BENCH_COLLAB_SCENARIOS;
  if (!raw) return new Set(SCENARIOS);
  const names = raw.split(",").map((n) => n.trim());
  for (const n of names) {
    if (!(SCENARIOS as readonly string[]).includes(n)) {
      throw new Error(`BENCH_COLLAB_SCENARIOS: unknown "${n}" (${SCENARIOS.join(", ")})`);
    }
  }
  return new Set(names as Scenario[]);
}

async function withDeadline<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`collab bench took longer than ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function runAll(serverRoot: string) {
  const only = selectedScenarios();
  const db = await createBenchDatabase();
  const workers: ClientWorker[] = [];
  const running = new Set<StartedServer>();
  const start = async (server: Promise<StartedServer>) => {
    const s = await server;
    running.add(s);
    return s;
  };
  const stop = async (server: StartedServer) => {
    running.delete(server);
    await stopServer(server);
  };
  const text = interviewText(cfg.docChars);
  let fanouts: FanoutResult[] = [];
  let writersThicket: WritersResult | null = null;
  let memoryThicket: MemoryResult | null = null;
  let memoryReference: MemoryResult | null = null;
  try {
    const started = await Promise.all(
      Array.from({ length: cfg.workers + 1 }, (_, i) => ClientWorker.start(i === 0 ? "writer worker" : `client worker ${i}`)),
    );
    workers.push(...started);
    const pool: Pool = { writer: started[0]!, observers: started.slice(1), all: started };

    // Thicket, first process: set-up through the API, scenarios 1 and 2, scenario 3's documents.
    const a = await start(startThicketServer(serverRoot, db.url, "thicket", false));
    const cookie = await signupUser(a.baseUrl, "collab-bench@example.com", "correct horse battery", "Collab Bench");
    const projectId = await createProjectId(a.baseUrl, cookie, "Collab bench");
    const token = await createToken(a.baseUrl, cookie, "collab bench");
    const fanoutDoc = await createInterview(a.baseUrl, cookie, projectId, "Fan-out", text);
    const writersDoc = await createInterview(a.baseUrl, cookie, projectId, "Many writers", text);
    const thicketA: Target = {
      label: "Thicket",
      profileName: "thicket",
      inspector: a.inspector,
      wsBase: wsOf(a.baseUrl),
      token,
      pid: a.pid,
      seeds: false,
      database: db.name,
    };
    const referenceTarget = (server: StartedServer): Target => ({
      label: "Reference (@y/websocket-server 0.1.1)",
      profileName: "reference",
      inspector: server.inspector,
      wsBase: wsOf(server.baseUrl),
      token,
      pid: server.pid,
      seeds: true,
      database: null,
    });

    const fanoutTargets: Target[] = [];
    if (only.has("fanout")) fanoutTargets.push(thicketA);
    let ref: StartedServer | null = null;
    if (only.has("reference")) {
      ref = await start(startReference("reference", false));
      fanoutTargets.push(referenceTarget(ref));
    }
    if (fanoutTargets.length > 0) fanouts = await fanoutRounds(fanoutTargets, pool, fanoutDoc, text);
    if (ref) await stop(ref);

    if (only.has("writers")) {
      console.error("collab: 2. many writers on Thicket");
      writersThicket = await manyWriters(thicketA, pool, writersDoc, text);
      console.error(`collab:    p50 ${ms(writersThicket.latency.p50Ms)} ms, p99 ${ms(writersThicket.latency.p99Ms)} ms`);
    }

    let memDocs: string[] = [];
    let warmDocs: string[] = [];
    if (only.has("memory")) {
      console.error(`collab: 3. creating ${cfg.memDocs} + 10 documents`);
      const names = Array.from({ length: cfg.memDocs + 10 }, (_, i) => `Interview ${i + 1}`);
      const ids = await mapLimit(names, 4, (title) => createInterview(a.baseUrl, cookie, projectId, title, text));
      memDocs = ids.slice(0, cfg.memDocs);
      warmDocs = ids.slice(cfg.memDocs);
    }
    await stop(a);

    if (only.has("memory")) {
      // Thicket, second process: nothing loaded yet, so memory growth is the connected docs'.
      console.error("collab: 3. memory on a fresh Thicket process");
      const b = await start(startThicketServer(serverRoot, db.url, "thicket-memory", true));
      const updatedAt = async () =>
        new Map((await listDocuments(b.baseUrl, cookie, projectId)).map((d) => [d.id, d.updatedAt]));
      const thicketB: Target = { ...thicketA, inspector: b.inspector, wsBase: wsOf(b.baseUrl), pid: b.pid };
      memoryThicket = await memory(thicketB, b, pool, memDocs, warmDocs, text, updatedAt);
      console.error(`collab:    ${fixed(memoryThicket.perDocKiB, 1)} KiB/doc, ${fixed(memoryThicket.perConnectionKiB, 1)} KiB/conn`);
      await stop(b);

      if (only.has("reference") && cfg.referenceMemory) {
        console.error("collab: 4. memory on a fresh reference process");
        const r = await start(startReference("reference-memory", true));
        memoryReference = await memory(referenceTarget(r), r, pool, memDocs, warmDocs, text);
        await stop(r);
      }
    }

    const [fanoutThicket, fanoutReference] = [
      fanouts.find((f) => f.server === "Thicket") ?? null,
      fanouts.find((f) => f.server !== "Thicket") ?? null,
    ];
    const json = {
      database: "PostgreSQL (fresh database, dropped afterwards)",
      config: { ...cfg, scenarios: [...only], clientWorkerProcesses: workers.length },
      fanout: {
        thicket: fanoutThicket,
        reference: fanoutReference,
        ratios:
          fanoutThicket && fanoutReference
            ? {
                p50: fanoutThicket.pooled.p50Ms / fanoutReference.pooled.p50Ms,
                p99: fanoutThicket.pooled.p99Ms / fanoutReference.pooled.p99Ms,
              }
            : null,
        goalP99Ms: LATENCY_GOAL_P99_MS,
        goalMet: fanoutThicket ? fanoutThicket.pooled.p99Ms < LATENCY_GOAL_P99_MS : null,
      },
      writers: writersThicket,
      memory: { thicket: memoryThicket, reference: memoryReference },
    };
    const sections: string[] = [];
    if (fanouts.length > 0) sections.push(renderFanout(fanouts), renderFanoutBreakdown(fanouts));
    if (writersThicket) sections.push(renderWriters(writersThicket));
    const memories = [memoryThicket, memoryReference].filter((m): m is MemoryResult => m !== null);
    if (memories.length > 0) sections.push(renderMemory(memories));
    return { markdown: sections.join("\n\n"), json };
  } finally {
    for (const server of running) await stopServer(server);
    await Promise.all(workers.map((w) => w.stop()));
    await db.drop();
  }
}

export const collabBench: Bench = {
  name: "collab",
  description: "Yjs collaboration: propagation latency, many writers, memory per doc, vs @y/websocket-server",
  run: ({ serverRoot }) => withDeadline(runAll(serverRoot), cfg.timeoutSec),
};
