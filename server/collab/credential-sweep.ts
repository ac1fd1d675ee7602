import { and, gt, inArray, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Auth } from "../../app/lib/auth/authenticate.server";
import type { Database } from "../../db/client";
import { apiTokens, sessions } from "../../db/schema";
import { CLOSE_SIGNED_OUT } from "./connection";
import type { Credential, Peer } from "./shared-doc";

export function credentialOf(auth: Auth): Credential {
  return auth.method === "session" ? { kind: "session", id: auth.sessionId } : { kind: "token", id: auth.tokenId };
}

const keyOf = (c: Credential) => `${c.kind}:${c.id}`;

/** Which of these credentials still exist and have not expired, in one query. */
export async function liveCredentials(db: Database, credentials: Credential[]): Promise<Set<string>> {
  const sessionIds = [...new Set(credentials.filter((c) => c.kind === "session").map((c) => c.id))];
  const tokenIds = [...new Set(credentials.filter((c) => c.kind === "token").map((c) => c.id))];
  // An empty IN list matches nothing, so each branch is always valid SQL.
  const live = await unionAll(
    db
      .select({ key: sql<string>`'session:' || ${sessions.id}`.as("key") })
      .from(sessions)
      .where(and(inArray(sessions.id, sessionIds.length ? sessionIds : [""]), gt(sessions.expiresAt, sql`now()`))),
    db
      .select({ key: sql<string>`'token:' || ${apiTokens.id}`.as("key") })
      .from(apiTokens)
      .where(inArray(apiTokens.id, tokenIds.length ? tokenIds : [""])),
  );
  return new Set(live.map((r) => r.key));
}

/**
 * Closes every socket whose session or access token has ended, however it ended: a logout,
 * a revoked token, an expiry, a password change that deleted other sessions, a deleted
 * account. It looks at all live connections every `intervalMs` with one query, so nothing that
 * ends a credential has to know about sockets; `checkNow` runs a sweep at once (after a logout
 * or revocation in this process). Sweeps never overlap; a failed one is reported and the next
 * runs on time.
 */
export class CredentialSweep {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly peers: () => Iterable<Peer>,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.checkNow().catch(() => {}), intervalMs);
    this.timer.unref();
  }

  /** Sweeps now. A sweep already running may have read before the change: one more follows it. */
  checkNow(): Promise<void> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = null;
        return this.checkNow();
      });
      return this.queued;
    }
    this.running = this.sweep()
      .catch((err: unknown) => console.error("collab: credential sweep failed", err))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    const signedIn = [...this.peers()].filter((p): p is Peer & { credential: Credential } => p.credential !== undefined);
    if (signedIn.length === 0) return;
    const live = await liveCredentials(this.db, signedIn.map((p) => p.credential));
    for (const peer of signedIn) {
      if (live.has(keyOf(peer.credential))) continue;
      const reason = peer.credential.kind === "session" ? "your session ended" : "the access token was revoked";
      peer.close(CLOSE_SIGNED_OUT, reason);
    }
  }
}
