/** Markdown tables for the collab bench. */
import type { Latency, RunLatency } from "./collab-latency";
import type { CpuShare, FanoutResult, MemoryResult, WritersResult } from "./collab-results";
import { fixed, markdownTable, type Cell } from "./table";

export const LATENCY_GOAL_P99_MS = 20;
/** Above this much run-queue wait, the server was noticeably held back by other work. */
const BUSY_WAIT_MS_PER_SEC = 50;

export const ms = (v: number) => fixed(v, 2);
const pct = (v: number) => fixed(v, 0);
const ratio = (a: number, b: number) => `${fixed(a / b, 2)}×`;
const short = (server: string) => server.split(" ")[0]!;

const LATENCY_HEADERS = ["p50 ms", "p90 ms", "p99 ms", "Max ms", "Fastest obs. p50", "Last obs. p50"];
const CPU_HEADERS = ["Server CPU %", "Postgres CPU %", "Clients CPU %", "Server CPU wait ms/s"];

const latencyCells = (l: Latency): Cell[] => [
  ms(l.p50Ms),
  ms(l.p90Ms),
  ms(l.p99Ms),
  ms(l.maxMs),
  ms(l.perEditFastestP50Ms),
  ms(l.perEditSlowestP50Ms),
];

const cpuCells = (c: CpuShare): Cell[] => [
  pct(c.serverPct),
  c.postgresPct === null ? "" : pct(c.postgresPct),
  pct(c.clientWorkersPct),
  fixed(c.serverRunQueueWaitMsPerSec, 1),
];

const meanCpu = (shares: CpuShare[]): CpuShare => {
  const mean = (f: (c: CpuShare) => number) => shares.reduce((s, c) => s + f(c), 0) / shares.length;
  return {
    serverPct: mean((c) => c.serverPct),
    postgresPct: shares.every((c) => c.postgresPct !== null) ? mean((c) => c.postgresPct!) : null,
    clientWorkersPct: mean((c) => c.clientWorkersPct),
    serverRunQueueWaitMsPerSec: mean((c) => c.serverRunQueueWaitMsPerSec),
    windowSec: mean((c) => c.windowSec),
    fromMs: Math.min(...shares.map((c) => c.fromMs)),
    toMs: Math.max(...shares.map((c) => c.toMs)),
  };
};

/** One line on the second whose p99 was worst, with what the server and clients were doing. */
function worstSecond(label: string, l: RunLatency): string {
  const worst = [...l.timeline].sort((a, b) => b.p99Ms - a.p99Ms)[0];
  if (!worst) return "";
  return (
    `${label}: worst second #${worst.sec}: p99 ${ms(worst.p99Ms)} ms (slowest first-observer ${ms(worst.worstFastestMs)} ms); ` +
    `server ${fixed(worst.serverCpuMs, 0)} ms CPU + ${fixed(worst.serverWaitMs, 0)} ms waiting for a CPU, ` +
    `clients ${fixed(worst.clientsCpuMs, 0)} ms CPU + ${fixed(worst.clientsWaitMs, 0)} ms waiting.`
  );
}

const NOTES_LATENCY =
  "Latency: writer's insert to the observer's Y.Text event, on the machine's monotonic clock, over every (observer, edit) " +
  "pair. \"Fastest/Last obs.\": per-edit medians of the first and the last observer to see the edit. CPU: % of one core over " +
  "the measured edits (Postgres: the bench database's backends; Clients: all client worker processes). \"Server CPU wait\": " +
  "time the server's main thread sat ready on a run queue (/proc schedstat), i.e. held back by other work on the machine. " +
  "Clients joined over 15 s in batches of 5, so their 15-s presence renewals are spread as with real users, not one burst.";

export function renderFanout(results: FanoutResult[]): string {
  const rows: Cell[][] = [];
  for (const r of results) {
    rows.push([
      `${r.server}, all ${r.rounds.length} rounds`,
      `${r.pooled.pairsSeen}/${r.pooled.pairsExpected}`,
      ...latencyCells(r.pooled),
      ...cpuCells(meanCpu(r.rounds.map((x) => x.cpu))),
    ]);
  }
  const [thicket, reference] = results;
  if (thicket && reference) {
    const [a, b] = [thicket.pooled, reference.pooled];
    rows.push([
      "Thicket / reference",
      "",
      ratio(a.p50Ms, b.p50Ms),
      ratio(a.p90Ms, b.p90Ms),
      ratio(a.p99Ms, b.p99Ms),
      ratio(a.maxMs, b.maxMs),
      ratio(a.perEditFastestP50Ms, b.perEditFastestP50Ms),
      ratio(a.perEditSlowestP50Ms, b.perEditSlowestP50Ms),
      "",
      "",
      "",
      "",
    ]);
  }
  const rounds = results.flatMap((r) => r.rounds.map((round) => ({ r, round }))).sort((x, y) => x.round.round - y.round.round);
  for (const { r, round } of rounds) {
    rows.push([
      `${short(r.server)}, round ${round.round}`,
      `${round.latency.pairsSeen}/${round.latency.pairsExpected}`,
      ...latencyCells(round.latency),
      ...cpuCells(round.cpu),
    ]);
  }
  const table = markdownTable(["Server", "Pairs seen", ...LATENCY_HEADERS, ...CPU_HEADERS], rows);
  const first = results[0]!;
  const goal = thicket?.server === "Thicket" ? thicket.pooled.p99Ms < LATENCY_GOAL_P99_MS : null;
  const busy = results.flatMap((r) => r.rounds).some((x) => x.cpu.serverRunQueueWaitMsPerSec > BUSY_WAIT_MS_PER_SEC);
  const lines = [
    `### collab 1: one writer, ${first.observers} observers on one doc (${first.editsPerRound} edits per round, one every ${first.intervalMs} ms, ${first.docChars}-char doc)`,
    "",
    table,
    "",
    (goal === null ? "" : `Goal p99 < ${LATENCY_GOAL_P99_MS} ms on Thicket: ${goal ? "met" : "MISSED"}. `) +
      "Both servers ran side by side (one idle while the other was measured) and took turns, round by round, with the " +
      "same client processes, doc text and edit pattern. " +
      NOTES_LATENCY +
      " Converged: " +
      results.map((r) => `${short(r.server)} ${r.rounds.every((x) => x.converged) ? "yes" : "NO"}`).join(", ") +
      "." +
      (busy ? ` Other work on the machine delayed the server (CPU wait > ${BUSY_WAIT_MS_PER_SEC} ms/s in some round): treat tails with care.` : ""),
    "",
    ...results.flatMap((r) => r.rounds.map((x) => `- ${worstSecond(`${short(r.server)} round ${x.round}`, x.latency)}`)),
  ];
  return lines.join("\n");
}

/** Where a fan-out edit's time goes: the server's hop, the server's whole fan-out, the clients. */
export function renderFanoutBreakdown(results: FanoutResult[]): string {
  const rows: Cell[][] = results.map((r) => [
    r.server,
    ms(r.pooledProbes.first.p50Ms),
    ms(r.pooledProbes.first.p99Ms),
    ms(r.pooledProbes.last.p50Ms),
    ms(r.pooledProbes.last.p99Ms),
    ms(r.pooled.p50Ms),
    ms(r.pooled.p99Ms),
    ms(r.pooled.perEditSlowestP50Ms),
  ]);
  const [thicket, reference] = results;
  if (thicket && reference) {
    const [a, b] = [thicket, reference];
    rows.push([
      "Thicket / reference",
      ratio(a.pooledProbes.first.p50Ms, b.pooledProbes.first.p50Ms),
      ratio(a.pooledProbes.first.p99Ms, b.pooledProbes.first.p99Ms),
      ratio(a.pooledProbes.last.p50Ms, b.pooledProbes.last.p50Ms),
      ratio(a.pooledProbes.last.p99Ms, b.pooledProbes.last.p99Ms),
      ratio(a.pooled.p50Ms, b.pooled.p50Ms),
      ratio(a.pooled.p99Ms, b.pooled.p99Ms),
      ratio(a.pooled.perEditSlowestP50Ms, b.pooled.perEditSlowestP50Ms),
    ]);
  }
  const table = markdownTable(
    [
      "Server (all rounds)",
      "First peer p50",
      "First peer p99",
      "Last peer p50",
      "Last peer p99",
      "Observers p50",
      "Observers p99",
      "Last observer p50",
    ],
    rows,
  );
  return [
    "#### collab 1, where the time goes (ms)",
    "",
    table,
    "",
    "First/last peer: two bare websockets (no Yjs) that joined right after the writer and after all observers, so the " +
      "server writes each edit to them first and last: the server's own hop, and the time until it has handed the edit to " +
      "every peer. Observers: the stock Yjs clients, who then decode and apply it in their worker processes, on the same " +
      "CPUs as the server.",
  ].join("\n");
}

export function renderWriters(r: WritersResult): string {
  const table = markdownTable(
    ["Server", "Edits", "Pairs seen", ...LATENCY_HEADERS, ...CPU_HEADERS],
    [[r.server, r.edits, `${r.latency.pairsSeen}/${r.latency.pairsExpected}`, ...latencyCells(r.latency), ...cpuCells(r.cpu)]],
  );
  return [
    `### collab 2: ${r.writers} writers on one doc, ${r.ratePerWriter} edits/s each for ${r.durationSec} s`,
    "",
    table,
    "",
    `Each writer's edits as seen by the other ${r.writers - 1} writers. CPU over ${fixed(r.cpu.windowSec, 1)} s (edits + drain). ` +
      NOTES_LATENCY +
      ` Converged: ${r.converged ? "yes" : "NO"}.`,
    "",
    `- ${worstSecond(r.server, r.latency)}`,
  ].join("\n");
}

export function renderMemory(results: MemoryResult[]): string {
  const kib = (v: number) => fixed(v, 1);
  const mib = (kb: number) => fixed(kb / 1024, 1);
  const js = (r: MemoryResult["idle"]) => r.heapUsedKiB + r.externalKiB;
  const table = markdownTable(
    [
      "Server",
      "Docs",
      "Conns",
      "RSS idle MiB",
      "RSS all MiB",
      "ΔRSS/doc KiB",
      "ΔRSS/conn KiB",
      "Heap idle MiB",
      "Heap all MiB",
      "ΔHeap/doc KiB",
      "ΔHeap/conn KiB",
      "Heap: doc + 1st conn KiB",
      "Heap: extra conn KiB",
      "Connect s",
    ],
    results.map((r) => [
      r.server,
      r.docs,
      r.connections,
      mib(r.idle.afterGcKiB),
      mib(r.all.afterGcKiB),
      kib(r.perDocKiB),
      kib(r.perConnectionKiB),
      mib(js(r.idle)),
      mib(js(r.all)),
      kib(r.heap.perDocKiB),
      kib(r.heap.perConnectionKiB),
      kib(r.heap.firstConnectionPerDocKiB),
      kib(r.heap.extraConnectionKiB),
      fixed(r.connectSec, 1),
    ]),
  );
  const first = results[0]!;
  const thicket = results.find((r) => r.updatedAtBumped !== undefined);
  return [
    `### collab 3: ${first.connections} connections over ${first.docs} docs (${first.clientsPerDoc} per doc, ${first.connectBatch} connecting at a time, ${first.docChars}-char docs)`,
    "",
    table,
    "",
    "Each server is a fresh process, measured idle (after a warm-up on other docs, and at least 45 s after start, once " +
      "start-up memory has been handed back), then with every client connected and " +
      "synced, each time after a full GC forced through the inspector. RSS: VmRSS of the server's node process (median of 3 " +
      "samples). Heap: the main V8 heap in use plus external memory (process.memoryUsage() in the server). ΔRSS/doc and " +
      "ΔRSS/conn divide the same growth by docs and by connections, as do the ΔHeap columns; the last two split the heap " +
      "growth into the first connection to each doc (which loads it) and the other connections. RSS also moves with memory " +
      "outside the JS heap that allocators keep or hand back at their own pace (tsx's loader thread is a second V8 isolate), " +
      "so at this scale ΔRSS is noisy; the heap figures are the steadier ones. Per-run RSS splits and raw readings are in " +
      "the JSON." +
      (thicket ? ` Thicket moved updated_at on ${thicket.updatedAtBumped}/${thicket.docs} documents that were only opened, never edited.` : ""),
  ].join("\n");
}
