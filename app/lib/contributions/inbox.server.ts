import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { SubmissionStatus } from "../../../db/kinds";
import { documents, intakeFormVersions, submissions, users } from "../../../db/schema";
import { queryRows } from "../datasets/query.server";
import { conflict, HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { InboxFilterInput } from "./inbox-filter";
import { MAX_TAGS, nextTags, tooManyTagsMessage, type ReviewInput } from "./review-input";

/** How much of a contribution's text the inbox shows before it is opened. */
export const EXCERPT_CHARS = 280;

const decider = alias(users, "decider");
const submitter = alias(users, "submitter");

/** One row of the inbox: what came in, through which form, from whom, and what was decided. */
const inboxColumns = {
  id: submissions.id,
  formId: submissions.formId,
  formTitle: intakeFormVersions.title,
  formVersion: intakeFormVersions.version,
  documentId: submissions.documentId,
  documentTitle: documents.title,
  kind: documents.kind,
  caseKey: documents.caseKey,
  excerpt: sql<string | null>`left(${documents.text}, ${sql.raw(String(EXCERPT_CHARS))})`,
  length: sql<number | null>`char_length(${documents.text})::int`,
  status: submissions.status,
  tags: submissions.tags,
  rejectReason: submissions.rejectReason,
  submittedAt: submissions.submittedAt,
  decidedAt: submissions.decidedAt,
  submitterName: submitter.name,
  deciderName: decider.name,
};

function inboxQuery(services: AppServices, where: SQL | undefined) {
  return services.db
    .select(inboxColumns)
    .from(submissions)
    .innerJoin(intakeFormVersions, eq(intakeFormVersions.id, submissions.formVersionId))
    .leftJoin(documents, eq(documents.id, submissions.documentId))
    .leftJoin(submitter, eq(submitter.id, submissions.submitterId))
    .leftJoin(decider, eq(decider.id, submissions.decidedBy))
    .where(where);
}

export type InboxItem = Awaited<ReturnType<typeof inboxQuery>>[number];

/** The project's submissions, newest first, filtered by status, form and tag. */
export function listSubmissions(services: AppServices, projectId: string, filter: InboxFilterInput = {}, limit = 500) {
  const where: SQL[] = [eq(submissions.projectId, projectId)];
  if (filter.status) where.push(eq(submissions.status, filter.status));
  if (filter.formId) where.push(eq(submissions.formId, filter.formId));
  if (filter.tag) {
    where.push(
      sql`exists (select 1 from jsonb_array_elements_text(${submissions.tags}) t where lower(t) = lower(${filter.tag}))`,
    );
  }
  return inboxQuery(services, and(...where))
    .orderBy(desc(submissions.submittedAt), desc(submissions.id))
    .limit(limit);
}

/** How many submissions are in each state, for the inbox's tabs. */
export async function countSubmissions(services: AppServices, projectId: string): Promise<Record<SubmissionStatus, number>> {
  const rows = await services.db
    .select({ status: submissions.status, n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(eq(submissions.projectId, projectId))
    .groupBy(submissions.status);
  const counts: Record<SubmissionStatus, number> = { pending: 0, accepted: 0, rejected: 0, withdrawn: 0 };
  for (const { status, n } of rows) counts[status] = n;
  return counts;
}

/** Every tag used in the project, for suggestions and the tag filter. */
export async function projectTags(services: AppServices, projectId: string): Promise<string[]> {
  const rows = await queryRows<{ tag: string }>(
    services.db,
    sql`select distinct on (lower(t)) t as tag
        from submissions s, jsonb_array_elements_text(s.tags) t
        where s.project_id = ${projectId}
        order by lower(t)`,
  );
  return rows.map((r) => r.tag);
}

export async function getSubmission(services: AppServices, submissionId: string): Promise<InboxItem | null> {
  const [row] = await inboxQuery(services, eq(submissions.id, submissionId));
  return row ?? null;
}

/**
 * Applies a researcher's decision and/or tags. Accepting clears an earlier rejection's reason;
 * moving back to "pending" undoes a decision. A withdrawn submission is gone: nothing about
 * it can change any more (409).
 */
export async function reviewSubmission(
  services: AppServices,
  submissionId: string,
  userId: string,
  input: ReviewInput,
): Promise<InboxItem> {
  await services.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: submissions.status, tags: submissions.tags })
      .from(submissions)
      .where(eq(submissions.id, submissionId))
      .for("update");
    if (!row) throw notFound("Submission not found.");
    if (row.status === "withdrawn") {
      throw conflict("withdrawn", "The contributor has withdrawn this submission: it can no longer be reviewed.");
    }
    const decision =
      input.status === undefined
        ? {}
        : input.status === "pending"
          ? { status: "pending" as const, rejectReason: null, decidedAt: null, decidedBy: null }
          : {
              status: input.status,
              rejectReason: input.status === "rejected" ? input.reason! : null,
              decidedAt: new Date(),
              decidedBy: userId,
            };
    const tagsChange = input.tags !== undefined || input.addTags !== undefined || input.removeTags !== undefined;
    const tags = tagsChange ? nextTags(row.tags, { replace: input.tags, add: input.addTags, remove: input.removeTags }) : row.tags;
    if (tags.length > MAX_TAGS) throw new HttpError(400, "invalid_request", tooManyTagsMessage, {}, { tags: tooManyTagsMessage });
    await tx
      .update(submissions)
      .set({ ...decision, ...(tagsChange ? { tags } : {}) })
      .where(eq(submissions.id, submissionId));
  });
  return (await getSubmission(services, submissionId))!;
}
