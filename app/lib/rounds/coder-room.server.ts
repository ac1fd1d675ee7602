/**
 * Where one person's coding work on a document goes through the API. While a coding round they
 * code on that document is open, it is their layer (room.ts), exactly as in the editor: the
 * API must not be a way round the round's independence. The shared document's codings are
 * closed to them meanwhile (they cannot see the others', so they may not change them either).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { codingRoundCoders, codingRoundDocuments, codingRounds, roundCodings } from "../../../db/schema";
import { conflict } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { findCodingDocument } from "../services/codings.server";
import { roundRoom } from "./room";

/** The open round in which `userId` codes `documentId`, if any. */
export async function openRoundOf(db: Database, documentId: string, userId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: codingRounds.id, name: codingRounds.name })
    .from(codingRounds)
    .innerJoin(codingRoundDocuments, eq(codingRoundDocuments.roundId, codingRounds.id))
    .innerJoin(codingRoundCoders, eq(codingRoundCoders.roundId, codingRounds.id))
    .where(and(eq(codingRounds.status, "open"), eq(codingRoundDocuments.documentId, documentId), eq(codingRoundCoders.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The live room a person's codings of a document are made in: their round layer, or the document. */
export async function codingRoomOf(db: Database, documentId: string, userId: string): Promise<string> {
  const round = await openRoundOf(db, documentId, userId);
  return round ? roundRoom({ roundId: round.id, coderId: userId, documentId }) : documentId;
}

/**
 * The document and live room of coding `codingId` for `userId`: one of their own round layer's
 * codings, or a shared coding. `authorize` runs on the document before anything about its
 * rounds is told; then a shared coding of a document they code in an open round is a 409.
 * Unknown ids are a 404 (findCodingDocument).
 */
export async function codingTarget(
  services: AppServices,
  codingId: string,
  userId: string,
  authorize: (documentId: string) => Promise<unknown>,
): Promise<{ documentId: string; room: string }> {
  await services.collab.flush();
  const [layer] = await services.db
    .select({ documentId: roundCodings.documentId, roundId: roundCodings.roundId })
    .from(roundCodings)
    .innerJoin(codingRounds, eq(codingRounds.id, roundCodings.roundId))
    .where(
      and(
        eq(roundCodings.coderId, userId),
        eq(codingRounds.status, "open"),
        eq(roundCodings.id, sql`${roundCodings.roundId} || ':' || ${userId} || ':' || ${codingId}`),
      ),
    )
    .limit(1);
  if (layer) {
    await authorize(layer.documentId);
    return { documentId: layer.documentId, room: roundRoom({ roundId: layer.roundId, coderId: userId, documentId: layer.documentId }) };
  }
  const documentId = await findCodingDocument(services, codingId);
  await authorize(documentId);
  const round = await openRoundOf(services.db, documentId, userId);
  if (round) {
    throw conflict(
      "round_open",
      `You code this document in the open round “${round.name}”: until it is revealed you work in your own layer and cannot change the document's shared codings.`,
    );
  }
  return { documentId, room: documentId };
}
