import type { SharedDoc } from "./shared-doc";
import type { UpdateLog } from "./update-log";

export interface DocWriterOptions {
  /** Log rows after which the doc's log is compacted into its snapshot. */
  compactAfter: number;
  /** First wait before a failed log insert is tried again; it doubles up to 5 s. */
  retryMs: number;
}

/** A document's projection, or a round layer's (`round:<round>:<coder>:<document>`). */
export interface Projection {
  write(doc: SharedDoc): Promise<void>;
}

const MAX_RETRY_MS = 5_000;

/**
 * Everything one persisted doc writes, one job at a time: group-committed log appends,
 * projections and compactions. An update is appended as soon as no insert is in flight (those
 * that arrive meanwhile form the next batch), and its broadcast is released once its batch is
 * committed. A failed insert keeps its batch, withholds it from peers, and is retried with
 * backoff; other documents' writers are not affected.
 */
export class DocWriter {
  private pending: Uint8Array[] = [];
  private queue: Promise<void> = Promise.resolve();
  private appendQueued = false;
  private jobs = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The projection is behind the doc. */
  dirty = true;
  projectedAt = 0;

  constructor(
    private readonly name: string,
    private readonly doc: SharedDoc,
    private readonly log: UpdateLog,
    private readonly projection: Projection,
    /** Log rows after the snapshot. */
    private logged: number,
    private readonly opts: DocWriterOptions,
  ) {
    // What was loaded is in storage already.
    doc.markLogged(doc.appliedSeq);
    doc.holdUntilLogged = true;
    doc.on("update", (update: Uint8Array) => {
      this.pending.push(update);
      this.dirty = true;
      this.scheduleAppend();
    });
  }

  /** Nothing waits to be logged or projected, and no write is running: safe to unload. */
  get idle(): boolean {
    return this.pending.length === 0 && this.jobs === 0 && !this.dirty;
  }

  /** Logs what is pending and brings the projection up to date, now (API reads and writes, shutdown). */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      await this.appendPending();
      await this.project();
    });
  }

  /** Projects on the timer, at most every `intervalMs`; a failure is reported, and retried on the next tick. */
  projectIfDue(intervalMs: number): void {
    if (!this.dirty || Date.now() - this.projectedAt < intervalMs) return;
    this.enqueue(() => this.project()).catch((err: unknown) => console.error(`collab: could not project ${this.name}`, err));
  }

  /**
   * Logs, projects and compacts the whole log at once (a redaction). Pending updates are logged
   * first: one logged after the compaction would bring deleted text back into the log.
   */
  compactNow(): Promise<void> {
    return this.enqueue(async () => {
      await this.appendPending();
      await this.project();
      await this.log.compactAll(this.name, this.doc);
      this.logged = 0;
    });
  }

  /** Stops retrying (the doc is unloaded or forgotten); a running job still finishes. */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** Resolves once the job running now, and those queued behind it, are done. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    this.jobs++;
    const run = this.queue.then(job).finally(() => this.jobs--);
    this.queue = run.catch(() => {});
    return run;
  }

  private scheduleAppend(): void {
    if (this.appendQueued || this.retryTimer || this.closed) return;
    this.appendQueued = true;
    this.enqueue(async () => {
      this.appendQueued = false;
      await this.appendPending();
    }).catch((err: unknown) => this.retryLater(err));
  }

  private retryLater(err: unknown): void {
    this.failures++;
    const wait = Math.min(this.opts.retryMs * 2 ** (this.failures - 1), MAX_RETRY_MS);
    console.error(`collab: could not log ${this.name} (attempt ${this.failures}, retrying in ${wait} ms)`, err);
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.scheduleAppend();
    }, wait);
  }

  /** One batch: everything pending now. Taken off the queue only once committed. */
  private async appendPending(): Promise<void> {
    if (this.pending.length === 0) return;
    const count = this.pending.length;
    const upTo = this.doc.appliedSeq;
    const id = await this.log.append(this.name, this.pending.slice(0, count));
    this.pending.splice(0, count);
    this.failures = 0;
    this.doc.markLogged(upTo);
    this.logged++;
    if (this.logged >= this.opts.compactAfter) {
      // After the release: peers need not wait for a compaction. The rows it replaces are
      // committed, so a failure here loses nothing; it is tried again after the next append.
      try {
        await this.log.compact(this.name, this.doc, id);
        this.logged = 0;
      } catch (err) {
        console.error(`collab: could not compact ${this.name}`, err);
      }
    }
  }

  private async project(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.projectedAt = Date.now();
    await this.projection.write(this.doc).catch((err: unknown) => {
      this.dirty = true;
      throw err;
    });
  }
}
