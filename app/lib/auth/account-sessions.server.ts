import { and, eq, gt, ne } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { sessions } from "../../../db/schema";

/** A session as its owner sees it: named by its public id, never by its token or the token's hash. */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  expiresAt: Date;
  /** The session making this request. */
  current: boolean;
  userAgent: string | null;
  ip: string | null;
}

/** A person's unexpired sessions: the current one first, then the most recently active. */
export async function listSessions(db: Database, userId: string, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await db
    .select({
      internalId: sessions.id,
      id: sessions.publicId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())));
  const active = (s: { lastSeenAt: Date | null; createdAt: Date }) => (s.lastSeenAt ?? s.createdAt).getTime();
  return rows
    .map(({ internalId, ...row }) => ({ ...row, current: internalId === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current) || active(b) - active(a));
}

/** Deletes one of the person's sessions by public id; its internal id, or null when it is not theirs. */
export async function deleteSession(db: Database, userId: string, publicId: string): Promise<string | null> {
  const [deleted] = await db
    .delete(sessions)
    .where(and(eq(sessions.publicId, publicId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted?.id ?? null;
}

/** Deletes every session of the person but `keepSessionId`; how many ended. */
export async function deleteOtherSessions(db: Database, userId: string, keepSessionId: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return deleted.length;
}
