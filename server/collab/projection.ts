import { and, eq, inArray, sql } from "drizzle-orm";
import type * as Y from "yjs";
import { isCodingEntry, resolveEntry, codingsOf, textOf, type ResolvedCoding } from "../../app/lib/collab/doc-model";
import type { Database } from "../../db/client";
import { codes, codings, documents } from "../../db/schema";

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

  async write(doc: Y.Doc): Promise<void> {
    const text = textOf(doc).toString();
    const resolved: ResolvedCoding[] = [];
    codingsOf(doc).forEach((entry, id) => {
      if (isCodingEntry(entry)) resolved.push(resolveEntry(doc, id, entry, text));
    });
    const [project] = await this.db
      .select({ projectId: documents.projectId })
      .from(documents)
      .where(eq(documents.id, this.documentId));
    if (!project) return; // the document was deleted meanwhile
    const codeIds = resolved.length
      ? new Set(
          (
            await this.db
              .select({ id: codes.id })
              .from(codes)
              .where(and(eq(codes.projectId, project.projectId), inArray(codes.id, [...new Set(resolved.map((c) => c.codeId))])))
          ).map((c) => c.id),
        )
      : new Set<string>();
    // A coding of a code that is not (or no longer) in this project's codebook is not projected.
    const valid = resolved.filter((c) => codeIds.has(c.codeId));
    const next = new Map(valid.map((c) => [c.id, JSON.stringify(c)]));
    const changed = valid.filter((c) => this.written.get(c.id) !== next.get(c.id));
    const removed = [...this.written.keys()].filter((id) => !next.has(id));
    if (this.lastText === null) await this.readStored();
    const textChanged = text !== this.lastText;
    if (!textChanged && changed.length === 0 && removed.length === 0) return;

    await this.db.transaction(async (tx) => {
      if (textChanged) {
        await tx.update(documents).set({ text, updatedAt: sql`now()` }).where(eq(documents.id, this.documentId));
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
          quote: c.quote,
          authorId: c.authorId,
          memo: c.memo,
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
