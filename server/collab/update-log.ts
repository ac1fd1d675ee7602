import { and, asc, eq, gt, inArray, like, lte, max, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { docSnapshots, docUpdates } from "../../db/schema";
import { encodeAppliedState } from "./applied-state";

/**
 * Durable Yjs state in Postgres: an append-only update log per doc, compacted into a snapshot
 * once it grows. Loading applies the snapshot and every update logged after it.
 */
export class UpdateLog {
  constructor(private readonly db: Database) {}

  /** Applies the stored state to `doc`; returns how many log rows follow the snapshot. */
  async load(docName: string, doc: Y.Doc, origin: unknown): Promise<number> {
    const [snapshot] = await this.db
      .select({ state: docSnapshots.state, upTo: docSnapshots.upTo })
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, docName));
    const updates = await this.db
      .select({ update: docUpdates.update })
      .from(docUpdates)
      .where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, snapshot?.upTo ?? 0)))
      .orderBy(asc(docUpdates.id));
    // The snapshot is applied as it is: merging it with the log would re-encode the whole doc.
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.state, origin);
      if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates.map((u) => u.update)), origin);
    }, origin);
    return updates.length;
  }

  /** Appends updates as one merged row and returns its id (compaction is the caller's call). */
  async append(docName: string, updates: Uint8Array[]): Promise<number> {
    const [row] = await this.db
      .insert(docUpdates)
      .values({ docName, update: Y.mergeUpdates(updates) })
      .returning({ id: docUpdates.id });
    return row!.id;
  }

  /**
   * Replaces the log up to `upTo` with the doc's whole state. The in-memory doc holds at least
   * everything logged so far, so nothing logged is lost; later rows are replayed on load.
   */
  async compact(docName: string, doc: Y.Doc, upTo: number): Promise<void> {
    // Only applied state: held-back structs were never logged and nobody was sent them.
    const state = encodeAppliedState(doc);
    await this.db.transaction(async (tx) => {
      await tx
        .insert(docSnapshots)
        .values({ docName, state, upTo })
        .onConflictDoUpdate({
          target: docSnapshots.docName,
          set: { state, upTo, updatedAt: sql`now()` },
        });
      await tx.delete(docUpdates).where(and(eq(docUpdates.docName, docName), lte(docUpdates.id, upTo)));
    });
  }

  /**
   * Compacts the whole log now, however short: the snapshot becomes the doc's current state and
   * every logged row goes. With gc on, deleted text is not in that state, so afterwards it is
   * nowhere in storage (a redaction). A doc's writes run one at a time (its DocWriter's queue), so
   * no row can slip in between reading the newest id and deleting up to it.
   */
  async compactAll(docName: string, doc: Y.Doc): Promise<void> {
    const [newest] = await this.db
      .select({ id: max(docUpdates.id) })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName));
    const [snapshot] = await this.db
      .select({ upTo: docSnapshots.upTo })
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, docName));
    await this.compact(docName, doc, newest?.id ?? snapshot?.upTo ?? 0);
  }

  async erase(docName: string): Promise<void> {
    await this.db.delete(docUpdates).where(eq(docUpdates.docName, docName));
    await this.db.delete(docSnapshots).where(eq(docSnapshots.docName, docName));
  }

  /**
   * Erases every coding-round layer of a document (`round:<round>:<coder>:<documentId>`):
   * each holds a copy of its text, which must go with the document.
   */
  async eraseLayersOf(documentId: string): Promise<void> {
    const pattern = `round:%:${documentId.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
    await this.db.delete(docUpdates).where(like(docUpdates.docName, pattern));
    await this.db.delete(docSnapshots).where(like(docSnapshots.docName, pattern));
  }

  /** erase() and eraseLayersOf() for many documents, 500 per statement. */
  async eraseMany(documentIds: string[]): Promise<void> {
    for (let i = 0; i < documentIds.length; i += 500) {
      const batch = documentIds.slice(i, i + 500);
      const layer = (name: typeof docUpdates.docName | typeof docSnapshots.docName) =>
        and(like(name, "round:%"), inArray(sql`split_part(${name}, ':', 4)`, batch));
      await this.db.delete(docUpdates).where(inArray(docUpdates.docName, batch));
      await this.db.delete(docSnapshots).where(inArray(docSnapshots.docName, batch));
      await this.db.delete(docUpdates).where(layer(docUpdates.docName));
      await this.db.delete(docSnapshots).where(layer(docSnapshots.docName));
    }
  }
}
