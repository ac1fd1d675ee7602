/**
 * Propagation latency from the collab bench's raw records: writers' send times (triples writer,
 * seq, ms) and observers' receipts (quadruples observer, writer, seq, ms), all on one monotonic
 * clock. Every (observer, edit) pair is one latency.
 */
import type { ProcSampler } from "./collab-proc";
import { median, percentileOfSorted } from "./stats";

export interface Latency {
  pairsExpected: number;
  pairsSeen: number;
  lost: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Per edit: its fastest observer (≈ one server hop) and its slowest (everyone has it). */
  perEditFastestP50Ms: number;
  perEditSlowestP50Ms: number;
  perEditSlowestP99Ms: number;
}

/**
 * One second of sending (by send time): edits sent, latency of their pairs, the worst of their
 * fastest observers, and what the server and the client workers did in that second (CPU ms, and
 * ms spent ready but waiting for a CPU): a stall while processes wait for a CPU is the machine.
 */
export interface TimelineSecond {
  sec: number;
  edits: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  worstFastestMs: number;
  serverCpuMs: number;
  serverWaitMs: number;
  clientsCpuMs: number;
  clientsWaitMs: number;
}

export interface RunLatency extends Latency {
  timeline: TimelineSecond[];
}

/** The raw latencies of one run, kept so several runs can be pooled. */
export interface PairSet {
  expected: number;
  all: number[];
  fastest: number[];
  slowest: number[];
}

export function summarize(sets: PairSet[]): Latency {
  const all = Float64Array.from(sets.flatMap((s) => s.all)).sort();
  if (all.length === 0) throw new Error("no (observer, edit) pair was seen");
  const slow = Float64Array.from(sets.flatMap((s) => s.slowest)).sort();
  const expected = sets.reduce((n, s) => n + s.expected, 0);
  let sum = 0;
  for (const v of all) sum += v;
  return {
    pairsExpected: expected,
    pairsSeen: all.length,
    lost: expected - all.length,
    meanMs: sum / all.length,
    p50Ms: percentileOfSorted(all, 50),
    p90Ms: percentileOfSorted(all, 90),
    p99Ms: percentileOfSorted(all, 99),
    maxMs: all[all.length - 1]!,
    perEditFastestP50Ms: median(sets.flatMap((s) => s.fastest)),
    perEditSlowestP50Ms: percentileOfSorted(slow, 50),
    perEditSlowestP99Ms: percentileOfSorted(slow, 99),
  };
}

/** Keeps the receipts (quadruples) whose observer key passes `keep`. */
export function receiptsOf(receipts: Float64Array[], keep: (observer: number) => boolean): Float64Array[] {
  return receipts.map((r) => {
    const out: number[] = [];
    for (let i = 0; i < r.length; i += 4) if (keep(r[i]!)) out.push(r[i]!, r[i + 1]!, r[i + 2]!, r[i + 3]!);
    return Float64Array.from(out);
  });
}

/** Matches receipts to sends; returns the run's latency (with its timeline) and its raw pairs. */
export function measurePairs(
  sends: Float64Array[],
  receipts: Float64Array[],
  expected: number,
  sampler: ProcSampler,
): { latency: RunLatency; pairs: PairSet } {
  const sentAt = new Map<string, number>();
  let firstSend = Infinity;
  for (const s of sends) {
    for (let i = 0; i < s.length; i += 3) {
      sentAt.set(`${s[i]}/${s[i + 1]}`, s[i + 2]!);
      firstSend = Math.min(firstSend, s[i + 2]!);
    }
  }
  const all: number[] = [];
  const fastest = new Map<string, number>();
  const slowest = new Map<string, number>();
  const bySecond = new Map<number, { edits: Set<string>; ms: number[] }>();
  for (const r of receipts) {
    for (let i = 0; i < r.length; i += 4) {
      const edit = `${r[i + 1]}/${r[i + 2]}`;
      const sent = sentAt.get(edit);
      if (sent === undefined) continue;
      const ms = r[i + 3]! - sent;
      all.push(ms);
      fastest.set(edit, Math.min(fastest.get(edit) ?? Infinity, ms));
      slowest.set(edit, Math.max(slowest.get(edit) ?? -Infinity, ms));
      const sec = Math.floor((sent - firstSend) / 1000);
      const bucket = bySecond.get(sec) ?? { edits: new Set<string>(), ms: [] };
      bucket.edits.add(edit);
      bucket.ms.push(ms);
      bySecond.set(sec, bucket);
    }
  }
  const pairs: PairSet = { expected, all, fastest: [...fastest.values()], slowest: [...slowest.values()] };
  const timeline = [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([sec, b]): TimelineSecond => {
      const s = Float64Array.from(b.ms).sort();
      const from = firstSend + sec * 1000;
      const server = sampler.between("server", from, from + 1000);
      const clients = sampler.between("clients", from, from + 1000);
      return {
        sec,
        edits: b.edits.size,
        p50Ms: percentileOfSorted(s, 50),
        p99Ms: percentileOfSorted(s, 99),
        maxMs: s[s.length - 1]!,
        worstFastestMs: Math.max(...[...b.edits].map((e) => fastest.get(e) ?? 0)),
        serverCpuMs: server.cpuMs,
        serverWaitMs: server.waitMs,
        clientsCpuMs: clients.cpuMs,
        clientsWaitMs: clients.waitMs,
      };
    });
  return { latency: { ...summarize([pairs]), timeline }, pairs };
}
