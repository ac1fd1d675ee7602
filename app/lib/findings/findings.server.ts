/** Findings: create, list, read, change and delete; the claim and title live here. */
import { and, count, desc, eq, max, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { FindingStatus } from "../../../db/finding-kinds";
import { findingReviewers, findings, findingTransitions, findingVersions, users, type FindingRow } from "../../../db/schema";
import { conflict, notFound } from "../http/errors.server";
import { recordAudit } from "../services/audit.server";
import type { AppServices } from "../services.server";
import { evidenceRows, viewEvidence } from "./evidence-view.server";
import type { CreateFindingInput, UpdateFindingInput } from "./finding-input";
import { personOf, type FindingSummary, type FindingView } from "./types";
import { editable } from "./workflow";


const summaryColumns = {
  id: findings.id,
  projectId: findings.projectId,
  title: findings.title,
  status: findings.status,
  version: findings.version,
  createdAt: findings.createdAt,
  updatedAt: findings.updatedAt,
  creatorId: users.id,
  creatorName: users.name,
  acceptedVersion: sql<number | null>`(select max(v.version) from finding_versions v where v.finding_id = ${findings.id})`,
  evidenceCount: sql<number>`(select count(*)::int from finding_evidence e where e.finding_id = ${findings.id})`,
};

interface SummaryRow {
  id: string;
  projectId: string;
  title: string;
  status: FindingStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  creatorId: string | null;
  creatorName: string | null;
  acceptedVersion: number | null;
  evidenceCount: number;
}

function toSummary(row: SummaryRow): FindingSummary {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    status: row.status,
    version: row.version,
    acceptedVersion: row.acceptedVersion === null ? null : Number(row.acceptedVersion),
    evidenceCount: Number(row.evidenceCount),
    createdBy: personOf(row.creatorId, row.creatorName),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createFinding(services: AppServices, projectId: string, actorId: string, input: CreateFindingInput) {
  const [row] = await services.db
    .insert(findings)
    .values({ projectId, title: input.title, claim: input.claim ?? "", createdBy: actorId })
    .returning({ id: findings.id });
  return getFinding(services, row!.id);
}

export async function listFindings(services: AppServices, projectId: string, status?: FindingStatus): Promise<FindingSummary[]> {
  const where = [eq(findings.projectId, projectId)];
  if (status) where.push(eq(findings.status, status));
  const rows = await services.db
    .select(summaryColumns)
    .from(findings)
    .leftJoin(users, eq(users.id, findings.createdBy))
    .where(and(...where))
    .orderBy(desc(findings.updatedAt), desc(findings.id));
  return rows.map(toSummary);
}

/** How many findings a project has in each status, for the list's filter tabs. */
export async function countFindings(services: AppServices, projectId: string): Promise<Record<FindingStatus, number>> {
  const rows = await services.db
    .select({ status: findings.status, n: count() })
    .from(findings)
    .where(eq(findings.projectId, projectId))
    .groupBy(findings.status);
  const out: Record<FindingStatus, number> = { draft: 0, in_review: 0, changes_requested: 0, accepted: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function findingRow(db: Database, findingId: string, { lock = false } = {}): Promise<FindingRow> {
  const query = db.select().from(findings).where(eq(findings.id, findingId));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("Finding not found.");
  return row;
}

export async function getFinding(services: AppServices, findingId: string): Promise<FindingView> {
  // API reads show the live state: write any codings still waiting for the projection.
  await services.collab.flush();
  const [row] = await services.db
    .select({ ...summaryColumns, claim: findings.claim, publicTokenHash: findings.publicTokenHash })
    .from(findings)
    .leftJoin(users, eq(users.id, findings.createdBy))
    .where(eq(findings.id, findingId));
  if (!row) throw notFound("Finding not found.");
  const [rows, reviewers] = await Promise.all([
    evidenceRows(services, findingId),
    services.db
      .select({ id: users.id, name: users.name, requestedAt: findingReviewers.requestedAt })
      .from(findingReviewers)
      .innerJoin(users, eq(users.id, findingReviewers.userId))
      .where(eq(findingReviewers.findingId, findingId))
      .orderBy(users.name),
  ]);
  return {
    ...toSummary(row),
    claim: row.claim,
    evidence: await viewEvidence(services, row.projectId, rows),
    reviewers: reviewers.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() })),
    published: row.publicTokenHash !== null,
  };
}

/**
 * Every change to a finding's text or evidence goes through here, inside the caller's
 * transaction with the finding locked: refused while it is in review; an accepted finding
 * starts its next version as a draft (its accepted version stays frozen).
 */
export async function beginEdit(tx: Database, findingId: string, actorId: string): Promise<FindingRow> {
  const row = await findingRow(tx, findingId, { lock: true });
  if (!editable(row.status)) {
    throw conflict("finding_in_review", "This finding is in review. Withdraw it from review before you change it.");
  }
  const set: Partial<FindingRow> = { updatedAt: new Date() };
  if (row.status === "accepted") {
    set.status = "draft";
    set.version = row.version + 1;
    await tx.insert(findingTransitions).values({
      findingId,
      fromStatus: "accepted",
      toStatus: "draft",
      version: row.version + 1,
      note: `Version ${row.version + 1} started`,
      actorId,
    });
  }
  const [updated] = await tx.update(findings).set(set).where(eq(findings.id, findingId)).returning();
  return updated!;
}

export async function updateFinding(services: AppServices, findingId: string, actorId: string, input: UpdateFindingInput) {
  await services.db.transaction(async (tx) => {
    await beginEdit(tx, findingId, actorId);
    await tx
      .update(findings)
      .set({ ...(input.title !== undefined && { title: input.title }), ...(input.claim !== undefined && { claim: input.claim }) })
      .where(eq(findings.id, findingId));
  });
  return getFinding(services, findingId);
}

/** Deleting a finding that was accepted is recorded in the audit log: a decision was based on it. */
export async function deleteFinding(services: AppServices, findingId: string, actorId: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const row = await findingRow(tx, findingId, { lock: true });
    const [accepted] = await tx
      .select({ version: max(findingVersions.version) })
      .from(findingVersions)
      .where(eq(findingVersions.findingId, findingId));
    await tx.delete(findings).where(eq(findings.id, findingId));
    if (accepted?.version != null) {
      await recordAudit(tx, {
        projectId: row.projectId,
        actorId,
        action: "finding.deleted",
        detail: { findingId, title: row.title, acceptedVersion: accepted.version },
      });
    }
  });
}

