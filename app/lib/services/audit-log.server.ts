/** Reading a project's audit log, newest first, a page at a time. */
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { auditEvents, users } from "../../../db/schema";

export const auditQuery = z.object({
  /** The id of the last event of the previous page (its `next`). */
  before: z.string().min(1).max(100).optional(),
  action: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export async function listAudit(
  db: Database,
  projectId: string,
  /** `actions`: any of these (the log page's filter by kind); `action` narrows to one. */
  query: z.infer<typeof auditQuery> & { actions?: readonly string[] },
): Promise<{ events: AuditEntry[]; next: string | null }> {
  const where = [eq(auditEvents.projectId, projectId)];
  if (query.before) {
    // Events of one transaction share their time, so the cursor is (time, id), not time alone.
    const [cursor] = await db.select({ at: auditEvents.createdAt }).from(auditEvents).where(eq(auditEvents.id, query.before));
    if (cursor) {
      where.push(or(lt(auditEvents.createdAt, cursor.at), and(eq(auditEvents.createdAt, cursor.at), lt(auditEvents.id, query.before)))!);
    }
  }
  if (query.action) where.push(eq(auditEvents.action, query.action));
  if (query.actions) where.push(inArray(auditEvents.action, [...query.actions]));
  const rows = await db
    .select({ e: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    events: page.map(({ e, actorName }) => ({
      id: e.id,
      action: e.action,
      actor: e.actorId ? { id: e.actorId, name: actorName ?? "" } : null,
      detail: e.detail,
      createdAt: e.createdAt.toISOString(),
    })),
    next: rows.length > query.limit ? page.at(-1)!.e.id : null,
  };
}
