import { and, eq, inArray, sql } from "drizzle-orm";
import type * as Y from "yjs";
import { textOf } from "../../app/lib/collab/doc-model";
import type { Database } from "../../db/client";
import { codings, documents } from "../../db/schema";
import { projectableCodings, reportSetAside, storable } from "./projectable";

/**
 * Keeps the relational projection of one document (its text, and its codings with absolute
 * offsets and quotes) in step with its Y.Doc. It remembers what it last wrote, so each run
 * writes only the codings that changed.
 */
export class DocumentProjection {
  private lastText: string | null = null;
  private written = new Map<string, string>();

  constructor(
    private readonly db: Database,
    readonly documentId: string,
  ) {}

  /**
   * Starts from what is stored, so opening a document writes nothing (and does not bump its
   * updated_at) unless the live state really differs from the projection.
   */
  private async readStored(): Promise<void> {
    const [row] = await this.db.select({ text: documents.text }).from(documents).where(eq(documents.id, this.documentId));
    const rows = await this.db.select().from(codings).where(eq(codings.documentId, this.documentId));
    this.lastText = row?.text ?? "";
    this.written = new Map(
      rows.map((r) => [
        r.id,
        JSON.stringify({
          id: r.id,
          codeId: r.codeId,
          start: r.start,
          end: r.end,
          quote: r.quote,
          authorId: r.authorId ?? "",
          createdAt: r.createdAt.toISOString(),
          memo: r.memo,
          orphaned: r.orphaned,
        }),
      ]),
    );
  }

  /** Ids of the entries the last run set aside (see projectableCodings), so each is logged once. */
  setAside = new Set<string>();

  async write(doc: Y.Doc): Promise<void> {
    const text = textOf(doc).toString();
    const found = await projectableCodings(this.db, this.documentId, doc, text);
    if (!found.projectId) return; // the document was deleted meanwhile
    this.setAside = reportSetAside(this.documentId, this.setAside, found.setAside);
    const valid = found.codings;
    const next = new Map(valid.map((c) => [c.id, JSON.stringify(c)]));
    const changed = valid.filter((c) => this.written.get(c.id) !== next.get(c.id));
    const removed = [...this.written.keys()].filter((id) => !next.has(id));
    if (this.lastText === null) await this.readStored();
    const textChanged = text !== this.lastText;
    if (!textChanged && changed.length === 0 && removed.length === 0) return;

    await this.db.transaction(async (tx) => {
      if (textChanged) {
        await tx.update(documents).set({ text: storable(text), updatedAt: sql`now()` }).where(eq(documents.id, this.documentId));
      }
      if (removed.length > 0) {
        await tx.delete(codings).where(and(eq(codings.documentId, this.documentId), inArray(codings.id, removed)));
      }
      for (let i = 0; i < changed.length; i += 500) {
        const rows = changed.slice(i, i + 500).map((c) => ({
          id: c.id,
          documentId: this.documentId,
          codeId: c.codeId,
          start: c.start,
          end: c.end,
          quote: storable(c.quote),
          authorId: c.authorId,
          memo: storable(c.memo),
          orphaned: c.orphaned,
          createdAt: new Date(c.createdAt),
        }));
        await tx
          .insert(codings)
          .values(rows)
          .onConflictDoUpdate({
            target: codings.id,
            set: {
              codeId: sql`excluded.code_id`,
              start: sql`excluded.start`,
              end: sql`excluded."end"`,
              quote: sql`excluded.quote`,
              memo: sql`excluded.memo`,
              orphaned: sql`excluded.orphaned`,
            },
          });
      }
    });
    this.lastText = text;
    this.written = next;
  }
}
