import { and, asc, count, eq, gt, lte, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { docSnapshots, docUpdates } from "../../db/schema";

/**
 * Durable Yjs state in Postgres: an append-only update log per doc, compacted into a snapshot
 * once it grows. Loading applies the snapshot and every update logged after it.
 */
export class UpdateLog {
  constructor(
    private readonly db: Database,
    private readonly compactAfter = 200,
  ) {}

  async load(docName: string, doc: Y.Doc, origin: unknown): Promise<void> {
    const [snapshot] = await this.db
      .select({ state: docSnapshots.state, upTo: docSnapshots.upTo })
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, docName));
    const updates = await this.db
      .select({ update: docUpdates.update })
      .from(docUpdates)
      .where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, snapshot?.upTo ?? 0)))
      .orderBy(asc(docUpdates.id));
    const all = [...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.update)];
    if (all.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(all), origin);
  }

  /** Appends updates (one merged row) and compacts when the log has grown long. */
  async append(docName: string, updates: Uint8Array[], doc: Y.Doc): Promise<void> {
    if (updates.length === 0) return;
    const [row] = await this.db
      .insert(docUpdates)
      .values({ docName, update: Y.mergeUpdates(updates) })
      .returning({ id: docUpdates.id });
    const [logged] = await this.db
      .select({ n: count() })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName));
    if ((logged?.n ?? 0) >= this.compactAfter) await this.compact(docName, doc, row!.id);
  }

  /**
   * Replaces the log up to `upTo` with the doc's whole state. The in-memory doc holds at least
   * everything logged so far, so nothing logged is lost; later rows are replayed on load.
   */
  async compact(docName: string, doc: Y.Doc, upTo: number): Promise<void> {
    const state = Y.encodeStateAsUpdate(doc);
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

  async erase(docName: string): Promise<void> {
    await this.db.delete(docUpdates).where(eq(docUpdates.docName, docName));
    await this.db.delete(docSnapshots).where(eq(docSnapshots.docName, docName));
  }
}
