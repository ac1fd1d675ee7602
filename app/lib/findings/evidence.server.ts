/** Adding and removing a finding's evidence: only things of the finding's own project. */
import { and, count, eq, max } from "drizzle-orm";
import { codes, codings, documents, findingEvidence, segments } from "../../../db/schema";
import { conflict, HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { AddEvidenceInput } from "./finding-input";
import { EVIDENCE_MAX } from "./finding-input";
import { beginEdit } from "./findings.server";

type Target = Pick<typeof findingEvidence.$inferInsert, "segmentId" | "codeId" | "codingId" | "documentId" | "label" | "quote">;

async function resolveTarget(services: AppServices, projectId: string, input: AddEvidenceInput): Promise<Target> {
  const db = services.db;
  if (input.kind === "segment") {
    const [s] = await db
      .select({ id: segments.id, name: segments.name })
      .from(segments)
      .where(and(eq(segments.id, input.segmentId), eq(segments.projectId, projectId)));
    if (!s) throw notFound("Segment not found.");
    return { segmentId: s.id, label: s.name };
  }
  if (input.kind === "code") {
    const [c] = await db
      .select({ id: codes.id, name: codes.name })
      .from(codes)
      .where(and(eq(codes.id, input.codeId), eq(codes.projectId, projectId)));
    if (!c) throw notFound("Code not found.");
    return { codeId: c.id, label: c.name };
  }
  // The coding may have been made a moment ago in the editor: write the projection first.
  await services.collab.flush();
  const [c] = await db
    .select({ id: codings.id, codeId: codings.codeId, quote: codings.quote, documentId: documents.id, title: documents.title })
    .from(codings)
    .innerJoin(documents, eq(documents.id, codings.documentId))
    .where(and(eq(codings.id, input.codingId), eq(documents.projectId, projectId)));
  if (!c) throw notFound("Coding not found.");
  return { codingId: c.id, codeId: c.codeId, documentId: c.documentId, label: c.title, quote: c.quote };
}

/** Adds one piece of evidence at the end; the same segment, code or coding twice is a 409. */
export async function addEvidence(services: AppServices, findingId: string, projectId: string, actorId: string, input: AddEvidenceInput) {
  const target = await resolveTarget(services, projectId, input);
  return services.db.transaction(async (tx) => {
    await beginEdit(tx, findingId, actorId);
    const [existing] = await tx
      .select({ n: count(), last: max(findingEvidence.position) })
      .from(findingEvidence)
      .where(eq(findingEvidence.findingId, findingId));
    if (Number(existing?.n ?? 0) >= EVIDENCE_MAX) {
      throw new HttpError(422, "too_much_evidence", `A finding holds at most ${EVIDENCE_MAX} pieces of evidence.`);
    }
    const same =
      input.kind === "segment"
        ? eq(findingEvidence.segmentId, target.segmentId!)
        : input.kind === "code"
          ? and(eq(findingEvidence.kind, "code"), eq(findingEvidence.codeId, target.codeId!))
          : eq(findingEvidence.codingId, target.codingId!);
    const [dup] = await tx
      .select({ id: findingEvidence.id })
      .from(findingEvidence)
      .where(and(eq(findingEvidence.findingId, findingId), same));
    if (dup) throw conflict("already_evidence", `That ${input.kind} is already part of this finding's evidence.`);
    const [row] = await tx
      .insert(findingEvidence)
      .values({
        findingId,
        kind: input.kind,
        position: (existing?.last ?? -1) + 1,
        ...target,
        note: input.note ?? "",
        addedBy: actorId,
      })
      .returning();
    return row!;
  });
}

export async function removeEvidence(services: AppServices, findingId: string, evidenceId: string, actorId: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: findingEvidence.id })
      .from(findingEvidence)
      .where(and(eq(findingEvidence.id, evidenceId), eq(findingEvidence.findingId, findingId)));
    if (!row) throw notFound("Evidence not found.");
    await beginEdit(tx, findingId, actorId);
    await tx.delete(findingEvidence).where(eq(findingEvidence.id, evidenceId));
  });
}

/** Changes the note that says why a piece of evidence matters. */
export async function updateEvidenceNote(services: AppServices, findingId: string, evidenceId: string, actorId: string, note: string) {
  await services.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: findingEvidence.id })
      .from(findingEvidence)
      .where(and(eq(findingEvidence.id, evidenceId), eq(findingEvidence.findingId, findingId)));
    if (!row) throw notFound("Evidence not found.");
    await beginEdit(tx, findingId, actorId);
    await tx.update(findingEvidence).set({ note }).where(eq(findingEvidence.id, evidenceId));
  });
}
