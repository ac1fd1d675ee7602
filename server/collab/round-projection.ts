import { and, eq } from "drizzle-orm";
import type * as Y from "yjs";
import { textOf } from "../../app/lib/collab/doc-model";
import type { RoundRoom } from "../../app/lib/rounds/room";
import type { Database } from "../../db/client";
import { roundCodings } from "../../db/schema";
import { projectableCodings, reportSetAside, storable } from "./projectable";

/**
 * Keeps `round_codings` in step with one coder's layer of a document in a coding round: the
 * codings with offsets into the layer's copy of the text, which is what agreement on an open
 * round and the reveal read. A layer is one person's codings of one document, so each write
 * replaces the layer's rows rather than diffing them. Entries that are not well-formed, or of
 * a code not in the document's project, are set aside (logged) rather than stopping the write.
 */
export class RoundProjection {
  private last: string | null = null;
  private setAside = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly layer: RoundRoom,
  ) {}

  async write(doc: Y.Doc): Promise<void> {
    const { roundId, coderId, documentId } = this.layer;
    const found = await projectableCodings(this.db, documentId, doc, textOf(doc).toString());
    if (!found.projectId) return; // the document was deleted meanwhile
    this.setAside = reportSetAside(`round:${roundId}:${coderId}:${documentId}`, this.setAside, found.setAside);
    const rows: (typeof roundCodings.$inferInsert)[] = found.codings
      .filter((c) => !c.orphaned)
      .map((c) => ({
        id: `${roundId}:${coderId}:${c.id}`,
        roundId,
        documentId,
        coderId,
        codeId: c.codeId,
        start: c.start,
        end: c.end,
        quote: storable(c.quote),
        memo: storable(c.memo),
        createdAt: new Date(c.createdAt),
      }));
    const key = JSON.stringify(rows);
    if (key === this.last) return;
    await this.db.transaction(async (tx) => {
      await tx
        .delete(roundCodings)
        .where(and(eq(roundCodings.roundId, roundId), eq(roundCodings.coderId, coderId), eq(roundCodings.documentId, documentId)));
      for (let i = 0; i < rows.length; i += 500) await tx.insert(roundCodings).values(rows.slice(i, i + 500));
    });
    this.last = key;
  }
}
