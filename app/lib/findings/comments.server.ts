/** Comment threads on a finding or on one piece of its evidence. */
import { and, asc, eq } from "drizzle-orm";
import { findingComments, findingEvidence, findingReviewers, users } from "../../../db/schema";
import { notFound, HttpError } from "../http/errors.server";
import { notify } from "../notifications/notifications.server";
import type { AppServices } from "../services.server";
import type { CommentInput } from "./finding-input";
import { findingRow } from "./findings.server";
import { personOf, type Comment, type Thread } from "./types";

export async function listThreads(services: AppServices, findingId: string): Promise<Thread[]> {
  const rows = await services.db
    .select({ c: findingComments, authorName: users.name })
    .from(findingComments)
    .leftJoin(users, eq(users.id, findingComments.authorId))
    .where(eq(findingComments.findingId, findingId))
    .orderBy(asc(findingComments.createdAt), asc(findingComments.id));
  const toComment = ({ c, authorName }: (typeof rows)[number]): Comment => ({
    id: c.id,
    evidenceId: c.evidenceId,
    parentId: c.parentId,
    version: c.version,
    body: c.body,
    author: personOf(c.authorId, authorName),
    createdAt: c.createdAt.toISOString(),
  });
  const threads = new Map<string, Thread>();
  for (const row of rows) if (!row.c.parentId) threads.set(row.c.id, { ...toComment(row), replies: [] });
  for (const row of rows) if (row.c.parentId) threads.get(row.c.parentId)?.replies.push(toComment(row));
  return [...threads.values()];
}

/**
 * Adds a comment. A reply joins its thread (and its piece of evidence); everyone who wrote in
 * the thread, the finding's author and its reviewers are told.
 */
export async function addComment(services: AppServices, findingId: string, author: { id: string; name: string }, input: CommentInput): Promise<Comment> {
  const finding = await findingRow(services.db, findingId);
  let evidenceId = input.evidenceId ?? null;
  let parentId: string | null = null;
  if (input.parentId) {
    const [parent] = await services.db
      .select()
      .from(findingComments)
      .where(and(eq(findingComments.id, input.parentId), eq(findingComments.findingId, findingId)));
    if (!parent) throw notFound("Comment not found.");
    // Replies hang off the thread's first comment, so threads stay one level deep.
    parentId = parent.parentId ?? parent.id;
    evidenceId = parent.evidenceId;
  } else if (evidenceId) {
    const [evidence] = await services.db
      .select({ id: findingEvidence.id })
      .from(findingEvidence)
      .where(and(eq(findingEvidence.id, evidenceId), eq(findingEvidence.findingId, findingId)));
    if (!evidence) throw new HttpError(404, "not_found", "Evidence not found.");
  }
  const row = await services.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(findingComments)
      .values({ findingId, evidenceId, parentId, version: finding.version, body: input.body, authorId: author.id })
      .returning();
    const thread = parentId
      ? await tx.select({ authorId: findingComments.authorId }).from(findingComments).where(eq(findingComments.parentId, parentId))
      : [];
    const [first] = parentId ? await tx.select({ authorId: findingComments.authorId }).from(findingComments).where(eq(findingComments.id, parentId)) : [];
    const reviewers = await tx.select({ userId: findingReviewers.userId }).from(findingReviewers).where(eq(findingReviewers.findingId, findingId));
    const recipients = [finding.createdBy, first?.authorId, ...thread.map((t) => t.authorId), ...reviewers.map((r) => r.userId)];
    await notify(tx, {
      recipients: recipients.filter((id): id is string => !!id),
      actorId: author.id,
      projectId: finding.projectId,
      findingId,
      kind: "comment",
      message: `${author.name} commented on "${finding.title}"`,
    });
    return created!;
  });
  return {
    id: row.id,
    evidenceId: row.evidenceId,
    parentId: row.parentId,
    version: row.version,
    body: row.body,
    author: { id: author.id, name: author.name },
    createdAt: row.createdAt.toISOString(),
  };
}
