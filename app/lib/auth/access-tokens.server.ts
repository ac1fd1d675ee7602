import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { apiTokens, users } from "../../../db/schema";
import { generateSecretToken, hashToken } from "./crypto.server";
import type { PublicUser } from "./session.server";

/** A recognisable prefix lets secret scanners and people tell what a leaked string is. */
export const TOKEN_PREFIX = "thk_";
const LAST_USED_RESOLUTION_MS = 60_000;

export async function createAccessToken(db: Database, userId: string, name: string) {
  const token = TOKEN_PREFIX + generateSecretToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt });
  return { ...row!, token };
}

export function listAccessTokens(db: Database, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Returns false when the token is not the caller's (or does not exist). */
export async function revokeAccessToken(db: Database, userId: string, tokenId: string) {
  const deleted = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return deleted.length > 0;
}

export async function validateAccessToken(
  db: Database,
  token: string,
): Promise<{ user: PublicUser; tokenId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, user: { id: users.id, email: users.email, name: users.name } })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  // Coarse "last used" so a busy script does not write on every request.
  const staleBefore = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore)),
      ),
    );
  return row;
}
