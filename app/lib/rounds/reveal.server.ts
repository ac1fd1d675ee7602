import { and, asc, eq } from "drizzle-orm";
import { newId } from "../../../db/ids";
import { codingRounds, roundCodings } from "../../../db/schema";
import { addCoding, textOf } from "../collab/doc-model";
import { conflict, notFound } from "../http/errors.server";
import { recordAudit } from "../services/audit.server";
import type { AppServices } from "../services.server";
import { placeCoding } from "./placement";
import { findRound, layerRooms } from "./rounds.server";

/**
 * Closes an open round and reveals it: every coder's round codings join the documents,
 * authored by that coder, so all of them show side by side in the editor and agreement can be
 * computed between the coders. The round is marked revealed first, so its layers refuse
 * further work and a second reveal cannot merge the codings twice.
 */
export async function revealRound(services: AppServices, roundId: string, projectId: string, actorId: string) {
  const round = await findRound(services, roundId);
  if (!round || round.projectId !== projectId) throw notFound("Round not found.");
  const [marked] = await services.db
    .update(codingRounds)
    .set({ status: "revealed", revealedAt: new Date(), revealedBy: actorId })
    .where(and(eq(codingRounds.id, roundId), eq(codingRounds.status, "open")))
    .returning({ id: codingRounds.id });
  if (!marked) throw conflict("round_revealed", "This round has already been revealed.");

  // What coders typed up to now is projected before it is read.
  await services.collab.flush();
  const rows = await services.db
    .select()
    .from(roundCodings)
    .where(eq(roundCodings.roundId, roundId))
    .orderBy(asc(roundCodings.documentId), asc(roundCodings.start));
  const byDocument = new Map<string, typeof rows>();
  for (const r of rows) byDocument.set(r.documentId, [...(byDocument.get(r.documentId) ?? []), r]);
  let revealed = 0;
  let unplaced = 0;
  for (const [documentId, codings] of byDocument) {
    await services.collab.change(documentId, (doc) => {
      const text = textOf(doc).toString();
      for (const c of codings) {
        const at = placeCoding(text, c);
        if (!at) {
          unplaced += 1;
          continue;
        }
        addCoding(doc, newId(), { codeId: c.codeId, ...at, authorId: c.coderId, memo: c.memo, createdAt: c.createdAt });
        revealed += 1;
      }
    });
  }
  for (const room of await layerRooms(services, roundId)) await services.collab.forget(room, "the round was revealed");
  await recordAudit(services.db, {
    projectId,
    actorId,
    action: "round.revealed",
    detail: { roundId, name: round.name, revealed, unplaced },
  });
  return { revealed, unplaced };
}

/**
 * Deletes a round. An open round's layers (the coders' work in it) are discarded; a revealed
 * round's codings are already in the documents and stay there.
 */
export async function deleteRound(services: AppServices, roundId: string, projectId: string, actorId: string) {
  const round = await findRound(services, roundId);
  if (!round || round.projectId !== projectId) throw notFound("Round not found.");
  const rooms = round.status === "open" ? await layerRooms(services, roundId) : [];
  for (const room of rooms) await services.collab.forget(room, "the round was cancelled");
  await services.db.delete(codingRounds).where(eq(codingRounds.id, roundId));
  await recordAudit(services.db, {
    projectId,
    actorId,
    action: "round.deleted",
    detail: { roundId, name: round.name, status: round.status },
  });
}
