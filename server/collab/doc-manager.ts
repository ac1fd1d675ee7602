import type { Database } from "../../db/client";
import { projectIdOfCodebookRoom } from "../../app/lib/collab/doc-model";
import { mirrorCodebook } from "./codebook-mirror";
import { CLOSE_GONE } from "./connection";
import { parseRoundRoom } from "../../app/lib/rounds/room";
import { DocumentProjection } from "./projection";
import { RoundProjection } from "./round-projection";
import { SERVER_ORIGIN, SharedDoc } from "./shared-doc";
import { UpdateLog } from "./update-log";

export interface DocManagerOptions {
  /** How long pending updates and projections may wait before being written (≤ 1 s). */
  flushIntervalMs: number;
  /** A doc nobody is connected to is unloaded after this long. */
  idleUnloadMs: number;
  /** Log rows after which a doc's log is compacted into its snapshot. */
  compactAfter: number;
  /**
   * The projection rewrites a document's whole text, so on the timer it runs at most this
   * often per doc (it must stay within a second of the live state); explicit flushes (API
   * reads and writes, shutdown) project at once.
   */
  projectionIntervalMs: number;
}

interface Entry {
  doc: SharedDoc;
  /** Documents only: the codebook mirror is rebuilt from the codes table, never logged. */
  persisted?: {
    pending: Uint8Array[];
    /** A document's projection, or a round layer's (`round:<round>:<coder>:<document>`). */
    projection: { write(doc: SharedDoc): Promise<void> };
    dirty: boolean;
    logged: number;
    projectedAt: number;
  };
}

/**
 * The live docs of this process. A document is loaded from Postgres (snapshot + update log)
 * before anyone syncs with it; its updates are logged and projected in batches at most
 * `flushIntervalMs` behind; it is unloaded once idle. A project's codebook doc is a read-only
 * mirror of the codes table.
 */
export class DocManager {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly log: UpdateLog;
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly opts: DocManagerOptions,
  ) {
    this.log = new UpdateLog(db, opts.compactAfter);
    this.timer = setInterval(() => void this.tick(), opts.flushIntervalMs);
    this.timer.unref();
  }

  get loadedCount() {
    return this.entries.size;
  }

  isLoaded(name: string) {
    return this.entries.has(name);
  }

  async get(name: string): Promise<SharedDoc> {
    const ready = this.entries.get(name);
    if (ready) return ready.doc;
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return (await pending).doc;
  }

  private async load(name: string): Promise<Entry> {
    const doc = new SharedDoc(name);
    const projectId = projectIdOfCodebookRoom(name);
    if (projectId) {
      await mirrorCodebook(this.db, projectId, doc);
      const entry = { doc };
      this.entries.set(name, entry);
      return entry;
    }
    const logged = await this.log.load(name, doc, SERVER_ORIGIN);
    const layer = parseRoundRoom(name);
    const projection = layer ? new RoundProjection(this.db, layer) : new DocumentProjection(this.db, name);
    const entry: Entry = { doc, persisted: { pending: [], projection, dirty: true, logged, projectedAt: 0 } };
    // Attached after loading, so what was loaded is not logged again.
    doc.on("update", (update: Uint8Array) => {
      entry.persisted!.pending.push(update);
      entry.persisted!.dirty = true;
    });
    this.entries.set(name, entry);
    return entry;
  }

  /** Re-reads a project's codes into its codebook doc, if anyone has it open. */
  async refreshCodebook(projectId: string): Promise<void> {
    const entry = this.entries.get(`codebook:${projectId}`);
    if (entry) await mirrorCodebook(this.db, projectId, entry.doc);
  }

  /** Writes every pending update and projection now (API reads, shutdown, tests). */
  flush(): Promise<void> {
    return this.enqueueWrite(true);
  }

  /**
   * Logs, projects and then compacts one document's whole log at once (after a redaction), so
   * neither its log nor its snapshot holds anything the live doc no longer has. Unlike the
   * batched writes, a failure reaches the caller: the API must not report stored text as gone.
   */
  compactNow(name: string): Promise<void> {
    const run = this.flushing.then(async () => {
      const entry = this.entries.get(name);
      if (!entry?.persisted) return;
      // Written first: a pending update (the text, typed a moment ago) logged after the
      // compaction would bring the text back into the log.
      await this.writeEntry(name, entry, true);
      await this.log.compactAll(name, entry.doc);
      entry.persisted.logged = 0;
    });
    this.flushing = run.catch(() => {});
    return run;
  }

  private enqueueWrite(projectNow: boolean): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeAll(projectNow)).catch((err) => {
      console.error("collab: flush failed", err);
    });
    return this.flushing;
  }

  private async writeAll(projectNow: boolean): Promise<void> {
    for (const [name, entry] of this.entries) {
      try {
        await this.writeEntry(name, entry, projectNow);
      } catch (err) {
        // One document's failure does not stop the others from being written.
        console.error(`collab: could not write ${name}`, err);
      }
    }
  }

  private async writeEntry(name: string, entry: Entry, projectNow: boolean): Promise<void> {
    const p = entry.persisted;
    if (!p) return;
    if (p.pending.length > 0) {
      // Taken off the queue only once logged: a failed write is retried on the next flush.
      const count = p.pending.length;
      p.logged = await this.log.append(name, p.pending.slice(0, count), entry.doc, p.logged);
      p.pending.splice(0, count);
    }
    if (p.dirty && (projectNow || Date.now() - p.projectedAt >= this.opts.projectionIntervalMs)) {
      p.dirty = false;
      p.projectedAt = Date.now();
      await p.projection.write(entry.doc).catch((err: unknown) => {
        p.dirty = true;
        throw err;
      });
    }
  }

  private async tick(): Promise<void> {
    await this.enqueueWrite(false);
    const now = Date.now();
    for (const [name, entry] of this.entries) {
      const idle = entry.doc.peers.size === 0 && now - entry.doc.lastActive > this.opts.idleUnloadMs;
      const clean = !entry.persisted || (entry.persisted.pending.length === 0 && !entry.persisted.dirty);
      if (idle && clean) {
        this.entries.delete(name);
        entry.doc.destroy();
      }
    }
  }

  /**
   * Closes a person's connections to the given docs (all of a project's docs and its codebook),
   * when they leave the project or their role changes.
   */
  disconnectUser(userId: string, inProject: (docName: string) => boolean, code: number, reason: string) {
    for (const [name, entry] of this.entries) {
      if (!inProject(name)) continue;
      for (const peer of [...entry.doc.peers.keys()]) if (peer.userId === userId) peer.close(code, reason);
    }
  }

  loadedNames(): string[] {
    return [...this.entries.keys()];
  }

  /** Forgets a deleted document (or a closed round's layer): disconnects its peers, drops it, erases its log. */
  async forget(name: string, reason = "the document was deleted"): Promise<void> {
    const entry = this.entries.get(name);
    this.entries.delete(name);
    for (const peer of entry?.doc.peers.keys() ?? []) peer.close(CLOSE_GONE, reason);
    entry?.doc.destroy();
    await this.log.erase(name);
    if (parseRoundRoom(name) || projectIdOfCodebookRoom(name)) return;
    // A deleted (or withdrawn) document's coding-round layers hold copies of its text.
    for (const layer of this.loadedNames().filter((n) => parseRoundRoom(n)?.documentId === name)) {
      await this.forget(layer, reason);
    }
    await this.log.eraseLayersOf(name);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    for (const entry of this.entries.values()) entry.doc.destroy();
    this.entries.clear();
  }
}
