import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { sessions, users, type User } from "../../../db/schema";
import { generateSecretToken, hashToken } from "./crypto.server";

export const SESSION_COOKIE = "thicket_session";
const DAY_MS = 24 * 60 * 60 * 1000;

export type PublicUser = Pick<User, "id" | "email" | "name">;

export interface SessionOptions {
  ttlDays: number;
}

export async function createSession(db: Database, userId: string, opts: SessionOptions) {
  const token = generateSecretToken();
  const expiresAt = new Date(Date.now() + opts.ttlDays * DAY_MS);
  await db.insert(sessions).values({ id: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export interface ValidatedSession {
  user: PublicUser;
  sessionId: string;
  expiresAt: Date;
  /** True when the expiry slid forward and the cookie must be sent again. */
  refreshed: boolean;
}

/**
 * Looks the token up by its hash. Expired sessions are deleted; a session past half of its
 * lifetime slides forward (Lucia's sliding expiry).
 */
export async function validateSessionToken(
  db: Database,
  token: string,
  opts: SessionOptions,
): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      user: { id: users.id, email: users.email, name: users.name },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  const ttlMs = opts.ttlDays * DAY_MS;
  if (row.expiresAt.getTime() - now < ttlMs / 2) {
    const expiresAt = new Date(now + ttlMs);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    return { user: row.user, sessionId, expiresAt, refreshed: true };
  }
  return { user: row.user, sessionId, expiresAt: row.expiresAt, refreshed: false };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}
