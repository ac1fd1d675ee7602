import { and, eq } from "drizzle-orm";
import type * as Y from "yjs";
import { codingsOf, isCodingEntry, resolveEntry, textOf } from "../../app/lib/collab/doc-model";
import type { RoundRoom } from "../../app/lib/rounds/room";
import type { Database } from "../../db/client";
import { codes, documents, roundCodings } from "../../db/schema";

/**
 * Keeps `round_codings` in step with one coder's layer of a document in a coding round: the
 * codings with offsets into the layer's copy of the text, which is what agreement on an open
 * round and the reveal read. A layer is one person's codings of one document, so each write
 * replaces the layer's rows rather than diffing them.
 */
export class RoundProjection {
  private last: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly layer: RoundRoom,
  ) {}

  async write(doc: Y.Doc): Promise<void> {
    const text = textOf(doc).toString();
    const rows: (typeof roundCodings.$inferInsert)[] = [];
    codingsOf(doc).forEach((entry, id) => {
      if (!isCodingEntry(entry)) return;
      const c = resolveEntry(doc, id, entry, text);
      if (c.orphaned) return;
      rows.push({
        id: `${this.layer.roundId}:${this.layer.coderId}:${id}`,
        roundId: this.layer.roundId,
        documentId: this.layer.documentId,
        coderId: this.layer.coderId,
        codeId: c.codeId,
        start: c.start,
        end: c.end,
        quote: c.quote,
        memo: c.memo,
        createdAt: new Date(c.createdAt),
      });
    });
    const key = JSON.stringify(rows);
    if (key === this.last) return;
    const valid = await this.codesOfProject(rows.map((r) => r.codeId));
    const { roundId, coderId, documentId } = this.layer;
    await this.db.transaction(async (tx) => {
      await tx
        .delete(roundCodings)
        .where(and(eq(roundCodings.roundId, roundId), eq(roundCodings.coderId, coderId), eq(roundCodings.documentId, documentId)));
      const kept = rows.filter((r) => valid.has(r.codeId));
      for (let i = 0; i < kept.length; i += 500) await tx.insert(roundCodings).values(kept.slice(i, i + 500));
    });
    this.last = key;
  }

  /** A coding of a code that is not (or no longer) in the document's project is not projected. */
  private async codesOfProject(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: codes.id })
      .from(codes)
      .innerJoin(documents, eq(documents.projectId, codes.projectId))
      .where(eq(documents.id, this.layer.documentId));
    const project = new Set(rows.map((r) => r.id));
    return new Set(ids.filter((id) => project.has(id)));
  }
}
