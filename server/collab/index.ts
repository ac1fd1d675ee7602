import { WebSocketServer } from "ws";
import { and, eq, inArray } from "drizzle-orm";
import { codebookRoom, projectIdOfCodebookRoom, resolveCodings, textOf } from "../../app/lib/collab/doc-model";
import type { CollabService } from "../../app/lib/collab/service";
import type { Database } from "../../db/client";
import { codingRounds, documents } from "../../db/schema";
import { parseRoundRoom } from "../../app/lib/rounds/room";
import { SERVER_ORIGIN } from "./shared-doc";
import { collabRoute } from "./collab-route";
import { CLOSE_RECONNECT, CLOSE_REVOKED, type ConnectionLimits } from "./connection";
import { CredentialSweep } from "./credential-sweep";
import { DocManager, type DocManagerOptions } from "./doc-manager";
import { projectableCodings } from "./projectable";

export type CollabOptions = DocManagerOptions &
  ConnectionLimits & {
    maxMessageBytes: number;
    /** How often open sockets are checked against their sessions and tokens (ended ones are closed). */
    credentialSweepMs: number;
  };

export const defaultCollabOptions: CollabOptions = {
  flushIntervalMs: 250,
  idleUnloadMs: 30_000,
  compactAfter: 200,
  projectionIntervalMs: 500,
  maxBufferedBytes: 8 * 1024 * 1024,
  pingIntervalMs: 30_000,
  maxMessageBytes: 16 * 1024 * 1024,
  credentialSweepMs: 2_000,
};

/** The collaboration server: live docs, their websocket route, and the service routes use. */
export function createCollabServer(db: Database, opts: CollabOptions = defaultCollabOptions) {
  const manager = new DocManager(db, opts);
  const sweep = new CredentialSweep(db, () => manager.allPeers(), opts.credentialSweepMs);
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes });
  /** The person's loaded coding-round layers in the project's rounds. */
  async function layersOf(projectId: string, userId: string): Promise<string[]> {
    const layers = manager.loadedNames().filter((n) => parseRoundRoom(n)?.coderId === userId);
    if (layers.length === 0) return [];
    const rounds = new Set(
      (await db.select({ id: codingRounds.id }).from(codingRounds).where(eq(codingRounds.projectId, projectId))).map((r) => r.id),
    );
    return layers.filter((n) => rounds.has(parseRoundRoom(n)!.roundId));
  }
  const service: CollabService = {
    async read(documentId) {
      const doc = await manager.get(documentId);
      return { text: textOf(doc).toString(), codings: resolveCodings(doc) };
    },
    async change(documentId, fn, opts) {
      const doc = await manager.get(documentId);
      let result!: ReturnType<typeof fn>;
      doc.transact(() => {
        result = fn(doc);
      }, SERVER_ORIGIN);
      await (opts?.compact ? manager.compactNow(documentId) : manager.flush());
      return result;
    },
    refreshCodebook: (projectId) => manager.refreshCodebook(projectId),
    flush: () => manager.flush(),
    async setAside(documentId) {
      return (await projectableCodings(db, documentId, await manager.get(documentId))).setAside;
    },
    async membershipChanged(projectId, userId, change) {
      const loaded = manager.loadedNames().filter((n) => !projectIdOfCodebookRoom(n) && !parseRoundRoom(n));
      const rows = loaded.length
        ? await db
            .select({ id: documents.id })
            .from(documents)
            .where(and(eq(documents.projectId, projectId), inArray(documents.id, loaded)))
        : [];
      const names = new Set([codebookRoom(projectId), ...rows.map((r) => r.id), ...(await layersOf(projectId, userId))]);
      const [code, reason] =
        change === "removed" ? [CLOSE_REVOKED, "removed from the project"] : [CLOSE_RECONNECT, "your role changed"];
      manager.disconnectUser(userId, (name) => names.has(name), code, reason);
    },
    forget: (documentId, reason) => manager.forget(documentId, reason),
    forgetMany: (documentIds, reason) => manager.forgetMany(documentIds, reason),
    credentialsEnded: () => sweep.checkNow(),
  };
  return {
    manager,
    service,
    route: collabRoute({ db, manager, wss, limits: opts }),
    async close() {
      sweep.stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await manager.close();
    },
  };
}
