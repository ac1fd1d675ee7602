import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { codingRoundCoders, codingRoundDocuments, codingRounds, type RoundStatus } from "../../../db/schema";
import type { RoundRoom } from "./room";

/**
 * The round a layer belongs to, when its coder and its document really are in that round:
 * its project and status. Null for a made-up room name.
 */
export async function findLayer(
  db: Database,
  layer: RoundRoom,
): Promise<{ projectId: string; status: RoundStatus; name: string } | null> {
  const [row] = await db
    .select({ projectId: codingRounds.projectId, status: codingRounds.status, name: codingRounds.name })
    .from(codingRounds)
    .innerJoin(
      codingRoundCoders,
      and(eq(codingRoundCoders.roundId, codingRounds.id), eq(codingRoundCoders.userId, layer.coderId)),
    )
    .innerJoin(
      codingRoundDocuments,
      and(eq(codingRoundDocuments.roundId, codingRounds.id), eq(codingRoundDocuments.documentId, layer.documentId)),
    )
    .where(eq(codingRounds.id, layer.roundId));
  return row ?? null;
}
