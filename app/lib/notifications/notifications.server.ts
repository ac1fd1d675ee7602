/** In-app notifications: review requested, a comment, a decision. Read through the bell. */
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { NotificationKind } from "../../../db/finding-kinds";
import { notifications, projects } from "../../../db/schema";


export interface NotificationView {
  id: string;
  kind: NotificationKind;
  message: string;
  projectId: string;
  projectName: string;
  findingId: string | null;
  /** Where clicking it goes. */
  url: string;
  read: boolean;
  createdAt: string;
}

/** Sends one notification to each recipient except the actor (nobody is told what they did). */
export async function notify(
  db: Database,
  n: { recipients: string[]; actorId: string | null; projectId: string; findingId: string; kind: NotificationKind; message: string },
): Promise<void> {
  const to = [...new Set(n.recipients)].filter((id) => id !== n.actorId);
  if (to.length === 0) return;
  await db.insert(notifications).values(
    to.map((userId) => ({ userId, actorId: n.actorId, projectId: n.projectId, findingId: n.findingId, kind: n.kind, message: n.message })),
  );
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function listNotifications(db: Database, userId: string, limit = 30): Promise<{ notifications: NotificationView[]; unread: number }> {
  const rows = await db
    .select({ n: notifications, projectName: projects.name })
    .from(notifications)
    .innerJoin(projects, eq(projects.id, notifications.projectId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return {
    notifications: rows.map(({ n, projectName }) => ({
      id: n.id,
      kind: n.kind,
      message: n.message,
      projectId: n.projectId,
      projectName,
      findingId: n.findingId,
      url: n.findingId ? `/projects/${n.projectId}/findings/${n.findingId}` : `/projects/${n.projectId}`,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    })),
    unread: await unreadCount(db, userId),
  };
}

/** Marks the given notifications read, or all of the user's when `ids` is omitted. Others' ids are ignored. */
export async function markRead(db: Database, userId: string, ids?: string[]): Promise<void> {
  const where = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids) {
    if (ids.length === 0) return;
    where.push(inArray(notifications.id, ids));
  }
  await db.update(notifications).set({ readAt: new Date() }).where(and(...where));
}
