import type { Database } from "../../db/client";
import { projectIdOfCodebookRoom } from "../../app/lib/collab/doc-model";
import { mirrorCodebook } from "./codebook-mirror";
import { CLOSE_GONE } from "./connection";
import { parseRoundRoom } from "../../app/lib/rounds/room";
import { DocumentProjection } from "./projection";
import { RoundProjection } from "./round-projection";
import { SERVER_ORIGIN, SharedDoc, type Peer } from "./shared-doc";
import { DocWriter } from "./doc-writer";
import { UpdateLog } from "./update-log";

export interface DocManagerOptions {
  /** How often projections and idle docs are looked at (log writes do not wait for it). */
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
  /** First wait before a failed log insert is retried (it backs off to 5 s). */
  logRetryMs?: number;
}

interface Entry {
  doc: SharedDoc;
  /** Documents and round layers; the codebook mirror is rebuilt from the codes table, never logged. */
  writer?: DocWriter;
}

/**
 * The live docs of this process. A document is loaded from Postgres (snapshot + update log)
 * before anyone syncs with it; each update is logged as soon as possible (group commit, see
 * DocWriter) and shown to other peers only once logged; projections follow within
 * `projectionIntervalMs`; an idle doc is unloaded once everything is written. A project's
 * codebook doc is a read-only mirror of the codes table.
 */
export class DocManager {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly log: UpdateLog;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly opts: DocManagerOptions,
  ) {
    this.log = new UpdateLog(db);
    this.timer = setInterval(() => this.tick(), opts.flushIntervalMs);
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
    const writer = new DocWriter(name, doc, this.log, projection, logged, {
      compactAfter: this.opts.compactAfter,
      retryMs: this.opts.logRetryMs ?? 100,
    });
    const entry: Entry = { doc, writer };
    this.entries.set(name, entry);
    return entry;
  }

  /** Re-reads a project's codes into its codebook doc, if anyone has it open. */
  async refreshCodebook(projectId: string): Promise<void> {
    const entry = this.entries.get(`codebook:${projectId}`);
    if (entry) await mirrorCodebook(this.db, projectId, entry.doc);
  }

  /**
   * Writes every pending update and projection now (API reads, shutdown, tests). Each doc is
   * written on its own: one document's failure is reported and does not stop the others.
   */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.entries].map(([name, entry]) =>
        entry.writer?.flush().catch((err: unknown) => console.error(`collab: could not write ${name}`, err)),
      ),
    );
  }

  /**
   * Logs, projects and then compacts one document's whole log at once (after a redaction), so
   * neither its log nor its snapshot holds anything the live doc no longer has. Unlike the
   * batched writes, a failure reaches the caller: the API must not report stored text as gone.
   */
  async compactNow(name: string): Promise<void> {
    await this.entries.get(name)?.writer?.compactNow();
  }

  private tick(): void {
    const now = Date.now();
    for (const [name, entry] of this.entries) {
      entry.writer?.projectIfDue(this.opts.projectionIntervalMs);
      const idle = entry.doc.peers.size === 0 && now - entry.doc.lastActive > this.opts.idleUnloadMs;
      if (idle && (!entry.writer || entry.writer.idle)) this.unload(name, entry);
    }
  }

  private unload(name: string, entry: Entry): void {
    this.entries.delete(name);
    entry.writer?.close();
    entry.doc.destroy();
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

  /** Every connection to every loaded doc. */
  *allPeers(): Iterable<Peer> {
    for (const entry of this.entries.values()) yield* entry.doc.peers.keys();
  }

  /** Forgets a deleted document (or a closed round's layer): disconnects its peers, drops it, erases its log. */
  async forget(name: string, reason = "the document was deleted"): Promise<void> {
    const entry = this.entries.get(name);
    this.entries.delete(name);
    for (const peer of entry?.doc.peers.keys() ?? []) peer.close(CLOSE_GONE, reason);
    entry?.writer?.close();
    entry?.doc.destroy();
    // A write in flight would otherwise land after the erase.
    await entry?.writer?.settled();
    await this.log.erase(name);
    if (parseRoundRoom(name) || projectIdOfCodebookRoom(name)) return;
    // A deleted (or withdrawn) document's coding-round layers hold copies of its text.
    for (const layer of this.loadedNames().filter((n) => parseRoundRoom(n)?.documentId === name)) {
      await this.forget(layer, reason);
    }
    await this.log.eraseLayersOf(name);
  }

  /**
   * forget() for many documents: only the loaded ones (or those with a loaded round layer) are
   * dropped one by one; the logs of all are erased in a few batched statements.
   */
  async forgetMany(names: string[], reason = "the document was deleted"): Promise<void> {
    const loaded = new Set(this.loadedNames());
    const withLayers = new Set(this.loadedNames().map((n) => parseRoundRoom(n)?.documentId));
    for (const name of names) {
      if (loaded.has(name) || withLayers.has(name)) await this.forget(name, reason);
    }
    await this.log.eraseMany(names);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    for (const [name, entry] of this.entries) this.unload(name, entry);
  }
}
