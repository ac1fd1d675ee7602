import type { Database } from "../../../db/client";
import { validateAccessToken } from "./access-tokens.server";
import { clearedSessionCookie, readSessionCookie, sessionCookie } from "./cookies.server";
import { validateSessionToken, type PublicUser } from "./session.server";

export type Auth =
  | { user: PublicUser; method: "session"; sessionId: string }
  | { user: PublicUser; method: "token"; tokenId: string };

export interface AuthenticationResult {
  auth: Auth | null;
  /** A Set-Cookie header to send back: a slid expiry, or clearing a dead cookie. */
  setCookie?: string;
}

export interface AuthenticateOptions {
  sessionTtlDays: number;
  cookieSecure: boolean;
}

/**
 * Resolves who is calling from the request's headers: `Authorization: Bearer <token>` first,
 * else the session cookie. `queryToken` is the websocket's `?token=`. Used by the HTTP
 * middleware and by the websocket upgrade, so both authenticate the same way.
 */
export async function authenticate(
  db: Database,
  headers: { authorization?: string | null; cookie?: string | null },
  opts: AuthenticateOptions,
  queryToken?: string | null,
): Promise<AuthenticationResult> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1] ?? queryToken;
  if (bearer) {
    const found = await validateAccessToken(db, bearer);
    return { auth: found ? { user: found.user, method: "token", tokenId: found.tokenId } : null };
  }
  const cookieToken = readSessionCookie(headers.cookie);
  if (!cookieToken) {
    // A malformed or forged cookie value is treated as logged out and cleared.
    return headers.cookie?.includes("thicket_session=")
      ? { auth: null, setCookie: clearedSessionCookie(opts.cookieSecure) }
      : { auth: null };
  }
  const session = await validateSessionToken(db, cookieToken, { ttlDays: opts.sessionTtlDays });
  if (!session) return { auth: null, setCookie: clearedSessionCookie(opts.cookieSecure) };
  return {
    auth: { user: session.user, method: "session", sessionId: session.sessionId },
    setCookie: session.refreshed
      ? sessionCookie(cookieToken, session.expiresAt, opts.cookieSecure)
      : undefined,
  };
}
