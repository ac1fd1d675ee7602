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

/** Where a sign-in came from, kept with the session so the person can tell their sessions apart. */
export interface SignInClient {
  ip: string;
  userAgent: string | null;
}

const MAX_USER_AGENT_CHARS = 512;
/** "Last active" is kept to the minute, so a busy tab does not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export async function createSession(db: Database, userId: string, opts: SessionOptions, client: SignInClient) {
  const token = generateSecretToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + opts.ttlDays * DAY_MS);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    expiresAt,
    lastSeenAt: now,
    userAgent: client.userAgent?.slice(0, MAX_USER_AGENT_CHARS) || null,
    ip: client.ip,
  });
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
 * lifetime slides forward (Lucia's sliding expiry), and "last active" is noted to the minute.
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
      lastSeenAt: sessions.lastSeenAt,
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
  const refreshed = row.expiresAt.getTime() - now < ttlMs / 2;
  const expiresAt = refreshed ? new Date(now + ttlMs) : row.expiresAt;
  const seenLongAgo = !row.lastSeenAt || now - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
  if (refreshed || seenLongAgo) {
    await db.update(sessions).set({ expiresAt, lastSeenAt: new Date(now) }).where(eq(sessions.id, sessionId));
  }
  return { user: row.user, sessionId, expiresAt, refreshed };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}
