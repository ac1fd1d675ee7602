import { and, asc, eq } from "drizzle-orm";
import type { MemoTarget } from "../../../db/kinds";
import { memos, users } from "../../../db/schema";
import { forbidden, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";

/**
 * A target's memos, oldest first. `importedAuthor` names the writer of a memo imported from a
 * REFI-QDA file who matched no member, with the tool the file came from (null otherwise).
 */
export async function listMemos(services: AppServices, targetType: MemoTarget, targetId: string) {
  const rows = await services.db
    .select({
      id: memos.id,
      body: memos.body,
      authorId: memos.authorId,
      authorName: users.name,
      createdAt: memos.createdAt,
      fileAuthor: memos.authorName,
      fileOrigin: memos.authorOrigin,
    })
    .from(memos)
    .leftJoin(users, eq(users.id, memos.authorId))
    .where(and(eq(memos.targetType, targetType), eq(memos.targetId, targetId)))
    .orderBy(asc(memos.createdAt), asc(memos.id));
  return rows.map(({ fileAuthor, fileOrigin, ...memo }) => ({
    ...memo,
    importedAuthor: !memo.authorId && fileAuthor ? { name: fileAuthor, from: fileOrigin } : null,
  }));
}

export async function addMemo(
  services: AppServices,
  projectId: string,
  authorId: string,
  target: { type: MemoTarget; id: string },
  body: string,
) {
  const [memo] = await services.db
    .insert(memos)
    .values({ projectId, authorId, targetType: target.type, targetId: target.id, body })
    .returning({ id: memos.id, body: memos.body, authorId: memos.authorId, createdAt: memos.createdAt });
  return memo!;
}

/** Authors delete their own memos; owners may delete any. */
export async function deleteMemo(services: AppServices, memoId: string, actor: { id: string; isOwner: boolean }) {
  const [memo] = await services.db.select({ authorId: memos.authorId, projectId: memos.projectId }).from(memos).where(eq(memos.id, memoId));
  if (!memo) throw notFound("Memo not found.");
  if (memo.authorId !== actor.id && !actor.isOwner) throw forbidden("Only its author or an owner can delete a memo.");
  await services.db.delete(memos).where(eq(memos.id, memoId));
}

export async function memoProject(services: AppServices, memoId: string) {
  const [memo] = await services.db.select({ projectId: memos.projectId }).from(memos).where(eq(memos.id, memoId));
  return memo?.projectId ?? null;
}
