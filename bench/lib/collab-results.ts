/** What the collab bench measures (bench/collab.ts), as written to bench/results/collab.json. */
import type { Latency, RunLatency } from "./collab-latency";

export interface CpuShare {
  /** % of one core over the measured window: the server's node process. */
  serverPct: number;
  /** The bench database's Postgres backends (null: a server without a database). */
  postgresPct: number | null;
  /** All client worker processes together. */
  clientWorkersPct: number;
  /** Time the server's main thread was ready to run but waited for a CPU, ms per second. */
  serverRunQueueWaitMsPerSec: number;
  windowSec: number;
  /** The window on the monotonic clock (ms), to line it up with a server's CPU profile. */
  fromMs: number;
  toMs: number;
}

/**
 * Two bare-socket probes per round (bench/collab-worker.ts): the server sends to `first` right
 * after the writer, and to `last` after all observers. Their latency is the server's own: its hop,
 * and when it has finished writing an edit to every peer.
 */
export interface ProbeLatency {
  first: Latency;
  last: Latency;
}

export interface FanoutRound {
  round: number;
  /** Characters in the doc when the round started (earlier rounds' edits included). */
  docCharsAtStart: number;
  connectMs: number;
  latency: RunLatency;
  probes: ProbeLatency;
  cpu: CpuShare;
  converged: boolean;
}

export interface FanoutResult {
  server: string;
  observers: number;
  editsPerRound: number;
  intervalMs: number;
  docChars: number;
  rounds: FanoutRound[];
  /** Every (observer, edit) pair of every round. */
  pooled: Latency;
  pooledProbes: ProbeLatency;
}

export interface WritersResult {
  server: string;
  writers: number;
  ratePerWriter: number;
  durationSec: number;
  edits: number;
  latency: RunLatency;
  cpu: CpuShare;
  converged: boolean;
}

export interface MemoryReading {
  /** VmRSS after a full GC forced through the inspector, median of 3 samples, KiB. */
  afterGcKiB: number;
  /** VmRSS just before that GC, KiB. */
  rawKiB: number;
  /** The server's main V8 heap in use plus memory V8 knows is held outside it, after the GC, KiB. */
  heapUsedKiB: number;
  externalKiB: number;
  gcMs: number;
}

export interface MemoryResult {
  server: string;
  docs: number;
  clientsPerDoc: number;
  connectBatch: number;
  docChars: number;
  connections: number;
  idle: MemoryReading;
  /** One connection per doc. */
  onePerDoc: MemoryReading;
  all: MemoryReading;
  /** From the after-GC readings: the all-connected growth divided by docs and by connections. */
  perDocKiB: number;
  perConnectionKiB: number;
  /** The same growth from the raw readings (garbage included), per doc. */
  perDocRawKiB: number;
  /** ΔRSS(first connection per doc) / docs: a loaded doc and its first connection. */
  firstConnectionPerDocKiB: number;
  /** ΔRSS(the other connections) / their count: a connection to an already loaded doc. */
  extraConnectionKiB: number;
  /** The same splits from Δ(heapUsed + external) after GC: what the JS side retains. */
  heap: { perDocKiB: number; perConnectionKiB: number; firstConnectionPerDocKiB: number; extraConnectionKiB: number };
  connectSec: number;
  /** Thicket only: documents whose updated_at moved although nobody edited them. */
  updatedAtBumped?: number;
}
