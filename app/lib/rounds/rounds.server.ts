/**
 * Independent coding rounds: a researcher chooses coders and documents; each coder codes a
 * layer of their own (see room.ts) until the round is revealed. Reads the round tables and the
 * layers' projection (`round_codings`).
 */
import { openRoundOf } from "./coder-room.server";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { ProjectRole } from "../../../db/roles";
import {
  codingRoundCoders,
  codingRoundDocuments,
  codingRounds,
  docSnapshots,
  documents,
  projectMembers,
  roundCodings,
  users,
  type CodingRound,
} from "../../../db/schema";
import { can } from "../auth/permissions";
import { initialDocState } from "../collab/doc-model";
import { conflict, HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { CreateRoundInput } from "./round-input";
import { roundRoom } from "./room";

export interface RoundViewer {
  userId: string;
  role: ProjectRole;
}

const manages = (viewer: RoundViewer, projectId: string) =>
  can({ id: viewer.userId }, "rounds:manage", { kind: "project", projectId, role: viewer.role });

const invalid = (field: string, message: string) =>
  new HttpError(422, "invalid_round", message, {}, { [field]: message });

/** Every coder must be a member who may code; every document this project's and in no other open round. */
async function checkRound(services: AppServices, projectId: string, input: CreateRoundInput) {
  const members = await services.db
    .select({ userId: projectMembers.userId, role: projectMembers.role, name: users.name })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(and(eq(projectMembers.projectId, projectId), inArray(projectMembers.userId, input.coderIds)));
  const byId = new Map(members.map((m) => [m.userId, m]));
  for (const id of input.coderIds) {
    const member = byId.get(id);
    if (!member) throw invalid("coderIds", `${id} is not a member of this project.`);
    if (!can({ id }, "codings:edit", { kind: "project", projectId, role: member.role })) {
      throw invalid("coderIds", `${member.name} is a ${member.role} and cannot code.`);
    }
  }
  const docs = await services.db
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .where(and(eq(documents.projectId, projectId), inArray(documents.id, input.documentIds)));
  if (docs.length !== input.documentIds.length) throw notFound("Document not found.");
  const busy = await services.db
    .select({ title: documents.title, round: codingRounds.name })
    .from(codingRoundDocuments)
    .innerJoin(codingRounds, eq(codingRounds.id, codingRoundDocuments.roundId))
    .innerJoin(documents, eq(documents.id, codingRoundDocuments.documentId))
    .where(and(inArray(codingRoundDocuments.documentId, input.documentIds), eq(codingRounds.status, "open")))
    .limit(1);
  if (busy[0]) {
    throw conflict("document_in_round", `“${busy[0].title}” is already in the open round “${busy[0].round}”.`);
  }
}

/**
 * Starts a round. Each coder's layer of each document starts as a copy of the document's text
 * as it is now (written as the layer's first snapshot, like a new document's).
 */
export async function createRound(services: AppServices, projectId: string, actorId: string, input: CreateRoundInput) {
  await checkRound(services, projectId, input);
  await services.collab.flush();
  const texts = await services.db
    .select({ id: documents.id, text: documents.text })
    .from(documents)
    .where(inArray(documents.id, input.documentIds));
  return services.db.transaction(async (tx) => {
    const [round] = await tx
      .insert(codingRounds)
      .values({ projectId, name: input.name, instructions: input.instructions, createdBy: actorId })
      .returning();
    const roundId = round!.id;
    await tx.insert(codingRoundCoders).values(input.coderIds.map((userId) => ({ roundId, userId })));
    await tx.insert(codingRoundDocuments).values(input.documentIds.map((documentId) => ({ roundId, documentId })));
    for (const doc of texts) {
      const state = initialDocState(doc.text);
      await tx
        .insert(docSnapshots)
        .values(input.coderIds.map((coderId) => ({ docName: roundRoom({ roundId, coderId, documentId: doc.id }), state, upTo: 0 })));
    }
    return round!;
  });
}

/** The rounds a viewer may see: all of them for those who manage rounds, else the ones they code in. */
export async function listRounds(services: AppServices, projectId: string, viewer: RoundViewer) {
  const mine = sql`exists (select 1 from coding_round_coders c where c.round_id = ${codingRounds.id} and c.user_id = ${viewer.userId})`;
  const rows = await services.db
    .select()
    .from(codingRounds)
    .where(and(eq(codingRounds.projectId, projectId), manages(viewer, projectId) ? undefined : mine))
    .orderBy(desc(codingRounds.createdAt));
  return Promise.all(rows.map((r) => describeRound(services, r, viewer)));
}

/** One round, or 404 for a round of another project or one the viewer is not part of. */
export async function getRound(services: AppServices, roundId: string, projectId: string, viewer: RoundViewer) {
  const round = await findRound(services, roundId);
  if (!round || round.projectId !== projectId) throw notFound("Round not found.");
  // Coders' latest codings are counted in the progress.
  await services.collab.flush();
  const view = await describeRound(services, round, viewer);
  if (!manages(viewer, projectId) && !view.coders.some((c) => c.id === viewer.userId)) throw notFound("Round not found.");
  return view;
}

export async function findRound(services: AppServices, roundId: string): Promise<CodingRound | null> {
  const [round] = await services.db.select().from(codingRounds).where(eq(codingRounds.id, roundId));
  return round ?? null;
}

/**
 * The round with its coders and documents and how far each coder has got. While the round is
 * open a coder sees only their own progress: others' counts would hint at their coding.
 */
async function describeRound(services: AppServices, round: CodingRound, viewer: RoundViewer) {
  const [coders, docs, counts] = await Promise.all([
    services.db
      .select({ id: users.id, name: users.name })
      .from(codingRoundCoders)
      .innerJoin(users, eq(users.id, codingRoundCoders.userId))
      .where(eq(codingRoundCoders.roundId, round.id))
      .orderBy(asc(users.name)),
    services.db
      .select({ id: documents.id, title: documents.title })
      .from(codingRoundDocuments)
      .innerJoin(documents, eq(documents.id, codingRoundDocuments.documentId))
      .where(eq(codingRoundDocuments.roundId, round.id))
      .orderBy(asc(documents.title)),
    services.db
      .select({ coderId: roundCodings.coderId, documentId: roundCodings.documentId, n: sql<number>`count(*)::int` })
      .from(roundCodings)
      .where(eq(roundCodings.roundId, round.id))
      .groupBy(roundCodings.coderId, roundCodings.documentId),
  ]);
  const open = round.status === "open";
  const seesAll = !open || manages(viewer, round.projectId);
  const visible = counts.filter((c) => seesAll || c.coderId === viewer.userId);
  const progress = (coderId: string) => {
    const own = visible.filter((c) => c.coderId === coderId);
    return { codings: own.reduce((s, c) => s + c.n, 0), documentsCoded: own.length };
  };
  return {
    id: round.id,
    projectId: round.projectId,
    name: round.name,
    instructions: round.instructions,
    status: round.status,
    createdAt: round.createdAt.toISOString(),
    revealedAt: round.revealedAt?.toISOString() ?? null,
    coders: coders.map((c) => ({ ...c, ...(seesAll || c.id === viewer.userId ? progress(c.id) : { codings: null, documentsCoded: null }) })),
    documents: docs.map((d) => ({
      ...d,
      codingsByCoder: Object.fromEntries(visible.filter((c) => c.documentId === d.id).map((c) => [c.coderId, c.n])),
    })),
  };
}
export type RoundView = Awaited<ReturnType<typeof describeRound>>;

/** The open round a coder is coding this document in, if any (the document page sends them there). */
export async function openRoundOfCoder(db: Database, documentId: string, userId: string) {
  return (await openRoundOf(db, documentId, userId))?.id ?? null;
}

/** Every layer of a round, by room name (to close them at the reveal or when it is cancelled). */
export async function layerRooms(services: AppServices, roundId: string): Promise<string[]> {
  const [coders, docs] = await Promise.all([
    services.db.select({ id: codingRoundCoders.userId }).from(codingRoundCoders).where(eq(codingRoundCoders.roundId, roundId)),
    services.db.select({ id: codingRoundDocuments.documentId }).from(codingRoundDocuments).where(eq(codingRoundDocuments.roundId, roundId)),
  ]);
  return coders.flatMap((c) => docs.map((d) => roundRoom({ roundId, coderId: c.id, documentId: d.id })));
}

/** The layers of a document in its open round, if it is in one (a redaction must reach them too). */
export async function openLayerRoomsOf(db: Database, documentId: string): Promise<string[]> {
  const rows = await db
    .select({ roundId: codingRounds.id, coderId: codingRoundCoders.userId })
    .from(codingRounds)
    .innerJoin(codingRoundDocuments, eq(codingRoundDocuments.roundId, codingRounds.id))
    .innerJoin(codingRoundCoders, eq(codingRoundCoders.roundId, codingRounds.id))
    .where(and(eq(codingRounds.status, "open"), eq(codingRoundDocuments.documentId, documentId)));
  return rows.map((r) => roundRoom({ ...r, documentId }));
}

/** Who can be a round's coder (members whose role may code) and which documents it can take. */
export async function roundCandidates(services: AppServices, projectId: string) {
  const [members, docs, busy] = await Promise.all([
    services.db
      .select({ id: users.id, name: users.name, role: projectMembers.role })
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(eq(projectMembers.projectId, projectId))
      .orderBy(asc(users.name)),
    services.db
      .select({ id: documents.id, title: documents.title, kind: documents.kind })
      .from(documents)
      .where(eq(documents.projectId, projectId))
      .orderBy(asc(documents.title)),
    services.db
      .select({ documentId: codingRoundDocuments.documentId, round: codingRounds.name })
      .from(codingRoundDocuments)
      .innerJoin(codingRounds, eq(codingRounds.id, codingRoundDocuments.roundId))
      .where(and(eq(codingRounds.projectId, projectId), eq(codingRounds.status, "open"))),
  ]);
  const inRound = new Map(busy.map((b) => [b.documentId, b.round]));
  return {
    coders: members.filter((m) => can({ id: m.id }, "codings:edit", { kind: "project", projectId, role: m.role })),
    documents: docs.map((d) => ({ ...d, openRound: inRound.get(d.id) ?? null })),
  };
}
