/**
 * Moving a finding through review: request review (asking reviewers), withdraw, accept (which
 * freezes the version) or request changes. Each move is recorded with who, when and why,
 * notifies the people concerned, and decisions go to the project's audit log.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { FindingStatus } from "../../../db/finding-kinds";
import { findingStatusLabels } from "../../../db/finding-kinds";
import { findingEvidence, findingReviewers, findings, findingTransitions, findingVersions, projectMembers, users } from "../../../db/schema";
import type { ProjectRole } from "../../../db/roles";
import { can } from "../auth/permissions";
import { conflict, forbidden, HttpError } from "../http/errors.server";
import { notify } from "../notifications/notifications.server";
import { recordAudit } from "../services/audit.server";
import type { AppServices } from "../services.server";
import { findingRow, getFinding } from "./findings.server";
import type { TransitionInput } from "./finding-input";
import { personOf, type Transition } from "./types";
import { moveTo } from "./workflow";

const mayReview = (role: ProjectRole) => can({ id: "" }, "findings:review", { kind: "project", projectId: "", role });

/** The members who may review: the reviewers and owners of the project. */
export async function possibleReviewers(services: AppServices, projectId: string) {
  const rows = await services.db
    .select({ id: users.id, name: users.name, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.name));
  return rows.filter((r) => mayReview(r.role));
}

async function chooseReviewers(services: AppServices, projectId: string, requested: string[] | undefined, actorId: string) {
  const candidates = await possibleReviewers(services, projectId);
  if (requested === undefined) {
    // By default everyone with the reviewer role; owners only when asked by name.
    const reviewers = candidates.filter((c) => c.role === "reviewer" && c.id !== actorId);
    if (reviewers.length === 0) {
      throw conflict("no_reviewers", "Nobody in this project has the reviewer role yet. Invite a reviewer, or choose an owner to review.");
    }
    return reviewers.map((r) => r.id);
  }
  const allowed = new Set(candidates.map((c) => c.id));
  const wrong = requested.find((id) => !allowed.has(id));
  if (wrong) throw new HttpError(422, "invalid_reviewer", "Each reviewer must be a member of this project who can review (a reviewer or an owner).");
  if (requested.length === 0) throw new HttpError(422, "invalid_reviewer", "Choose at least one reviewer.");
  return [...new Set(requested)];
}

export async function transitionFinding(
  services: AppServices,
  findingId: string,
  actor: { id: string; name: string; role: ProjectRole },
  input: TransitionInput,
) {
  const before = await findingRow(services.db, findingId);
  const move = moveTo(before.status, input.to);
  if (!move) {
    throw conflict(
      "invalid_transition",
      `A finding that is "${findingStatusLabels[before.status]}" cannot become "${findingStatusLabels[input.to]}".`,
    );
  }
  if (!can({ id: actor.id }, move.action, { kind: "project", projectId: before.projectId, role: actor.role })) {
    throw forbidden(`Your role (${actor.role}) cannot do that to a finding.`);
  }
  const note = input.note ?? "";
  if (input.to === "changes_requested" && note === "") {
    throw new HttpError(422, "note_required", "Say what needs to change, so the author knows what to do.", {}, { note: "Say what needs to change." });
  }
  const reviewerIds = input.to === "in_review" ? await chooseReviewers(services, before.projectId, input.reviewerIds, actor.id) : [];
  // What is frozen is what the reviewer saw: evidence cannot change while in review, so it is
  // read before the transaction (whose single connection would serialise the reads anyway).
  const frozen = input.to === "accepted" ? await getFinding(services, findingId) : null;

  await services.db.transaction(async (tx) => {
    const row = await findingRow(tx, findingId, { lock: true });
    if (row.status !== before.status) throw conflict("invalid_transition", "Someone else changed this finding's status a moment ago. Reload to see it.");
    if (input.to === "in_review") {
      if (!(await hasEvidence(tx, findingId))) throw new HttpError(422, "no_evidence", "Add at least one piece of evidence before asking for review.");
      await tx.delete(findingReviewers).where(eq(findingReviewers.findingId, findingId));
      await tx.insert(findingReviewers).values(reviewerIds.map((userId) => ({ findingId, userId, requestedBy: actor.id })));
    }
    await tx.update(findings).set({ status: input.to, updatedAt: new Date() }).where(eq(findings.id, findingId));
    await tx.insert(findingTransitions).values({ findingId, fromStatus: row.status, toStatus: input.to, version: row.version, note, actorId: actor.id });
    if (frozen) {
      await tx
        .insert(findingVersions)
        .values({ findingId, version: row.version, title: frozen.title, claim: frozen.claim, evidence: frozen.evidence, acceptedBy: actor.id });
    }
    await tellPeople(tx, row, input.to, actor, reviewerIds, note);
  });
  return getFinding(services, findingId);
}


async function hasEvidence(tx: Database, findingId: string) {
  const rows = await tx.select({ id: findingEvidence.id }).from(findingEvidence).where(eq(findingEvidence.findingId, findingId)).limit(1);
  return rows.length > 0;
}

async function tellPeople(
  tx: Database,
  row: { id: string; projectId: string; title: string; version: number; createdBy: string | null },
  to: FindingStatus,
  actor: { id: string; name: string },
  reviewerIds: string[],
  note: string,
) {
  const base = { actorId: actor.id, projectId: row.projectId, findingId: row.id };
  if (to === "in_review") {
    await notify(tx, { ...base, recipients: reviewerIds, kind: "review_requested", message: `${actor.name} asked you to review "${row.title}"` });
    return;
  }
  if (to !== "accepted" && to !== "changes_requested") return;
  const requesters = await tx
    .select({ actorId: findingTransitions.actorId })
    .from(findingTransitions)
    .where(and(eq(findingTransitions.findingId, row.id), inArray(findingTransitions.toStatus, ["in_review"])));
  const recipients = [row.createdBy, ...requesters.map((r) => r.actorId)].filter((id): id is string => id !== null);
  const verb = to === "accepted" ? "accepted" : "requested changes to";
  await notify(tx, { ...base, recipients, kind: "decision", message: `${actor.name} ${verb} "${row.title}"` });
  await recordAudit(tx, {
    projectId: row.projectId,
    actorId: actor.id,
    action: to === "accepted" ? "finding.accepted" : "finding.changes_requested",
    detail: { findingId: row.id, title: row.title, version: row.version, note },
  });
}

export async function listTransitions(services: AppServices, findingId: string): Promise<Transition[]> {
  const rows = await services.db
    .select({ t: findingTransitions, actorName: users.name })
    .from(findingTransitions)
    .leftJoin(users, eq(users.id, findingTransitions.actorId))
    .where(eq(findingTransitions.findingId, findingId))
    .orderBy(asc(findingTransitions.createdAt), asc(findingTransitions.id));
  return rows.map(({ t, actorName }) => ({
    id: t.id,
    from: t.fromStatus,
    to: t.toStatus,
    version: t.version,
    note: t.note,
    actor: personOf(t.actorId, actorName),
    createdAt: t.createdAt.toISOString(),
  }));
}
