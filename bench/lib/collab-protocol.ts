/**
 * The IPC protocol between the collab bench (bench/collab.ts) and its client worker processes
 * (bench/collab-worker.ts). Each worker hosts many stock y-websocket clients; every client has a
 * numeric key that is unique across all workers of a bench run.
 *
 * Edits are text markers `[run/writer/seq]` inserted into the doc's Y.Text. Writers record when
 * they insert each marker and observers record when they first see it, both on the system-wide
 * monotonic clock (process.hrtime, CLOCK_MONOTONIC on Linux), so times from different processes
 * can be subtracted.
 */

export interface ClientSpec {
  key: number;
  /** The document id: the client connects to <wsBase>/collab/<room>. */
  room: string;
  /** This client puts the connect command's `seed` text into the doc if it is empty. */
  seeds?: boolean;
  /**
   * Not a Yjs client but a bare websocket that only notes when each marker arrives on the wire
   * (no Yjs work at all): it shows how long the server itself took to get an edit to a peer.
   */
  probe?: boolean;
}

export type Command =
  /**
   * Connects the clients and waits until all are synced. With `seed`, the clients marked
   * `seeds` then insert it into their doc if it is still empty (the in-memory reference server starts empty).
   */
  | { cmd: "connect"; wsBase: string; token: string; clients: ClientSpec[]; timeoutMs: number; seed?: string }
  /** From now on, observers record markers of `run` (and forget older receipts). */
  | { cmd: "arm"; run: number }
  /**
   * Each writer inserts `count` markers, one every `intervalMs`, the first after
   * `phaseMs[i]` (spreads writers over the interval). Resolves with the send times.
   */
  | { cmd: "write"; run: number; writers: number[]; count: number; intervalMs: number; phaseMs: number[] }
  /**
   * Waits until every observer on this worker has seen `total` markers of the armed run, minus
   * those it wrote itself (`sentBy`), or `timeoutMs` passed.
   */
  | { cmd: "drain"; total: number; sentBy: Record<number, number>; timeoutMs: number }
  /** The armed run's receipts, as quadruples (observer key, writer key, seq, time ms). */
  | { cmd: "receipts" }
  | { cmd: "stats" }
  | { cmd: "close" };

export interface ClientStats {
  key: number;
  room: string;
  probe: boolean;
  synced: boolean;
  connected: boolean;
  /** -1 for a probe. */
  textLength: number;
  /** FNV-1a of the text (0 for a probe): clients of a doc that converged agree on it. */
  textHash: number;
  /** Connection closes (server-side or network) seen since the client was created. */
  closes: number;
  lastCloseCode: number | null;
}

export interface WriteResult {
  /** Triples: writer key, seq, send time (ms on the monotonic clock). */
  sends: Float64Array;
}

export interface DrainResult {
  complete: boolean;
  /** Markers not seen when the drain ended, summed over this worker's observers. */
  missing: number;
}

export interface ConnectResult {
  connected: number;
  ms: number;
}

export type Request = { id: number } & Command;

export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Milliseconds on the system-wide monotonic clock (comparable between processes). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The marker a writer inserts; the observers' pattern for it is MARKER_PATTERN. */
export function marker(run: number, writer: number, seq: number): string {
  return ` [${run}/${writer}/${seq}]`;
}

export const MARKER_PATTERN = /\[(\d+)\/(\d+)\/(\d+)\]/g;
