import { eq } from "drizzle-orm";
import type WebSocket from "ws";
import type { WebSocketServer } from "ws";
import { findMembershipRole } from "../../app/lib/auth/guards.server";
import { can } from "../../app/lib/auth/permissions";
import { projectIdOfCodebookRoom } from "../../app/lib/collab/doc-model";
import type { Database } from "../../db/client";
import { documents } from "../../db/schema";
import { refuseUpgrade, type UpgradeRoute } from "../upgrade";
import { serveConnection, type ConnectionLimits } from "./connection";
import type { DocManager } from "./doc-manager";

async function projectOfRoom(db: Database, room: string): Promise<string | null> {
  const codebookProject = projectIdOfCodebookRoom(room);
  if (codebookProject) return codebookProject;
  const [doc] = await db.select({ projectId: documents.projectId }).from(documents).where(eq(documents.id, room));
  return doc?.projectId ?? null;
}

/**
 * /collab/<documentId> and /collab/codebook:<projectId>. The caller is already authenticated
 * (server/upgrade.ts); here they must be allowed to read the project's documents, or the
 * upgrade is refused with 403 before any Yjs message. Roles that cannot edit documents are
 * read-only, and the codebook is read-only for everyone (it changes through the API).
 */
export function collabRoute(deps: {
  db: Database;
  manager: DocManager;
  wss: WebSocketServer;
  limits: ConnectionLimits;
}): UpgradeRoute {
  return async (req, socket, head, auth, url) => {
    const room = decodeURIComponent(url.pathname.slice("/collab/".length));
    const projectId = room ? await projectOfRoom(deps.db, room) : null;
    const role = projectId ? await findMembershipRole(deps.db, projectId, auth.user.id) : null;
    const resource = { kind: "project" as const, projectId: projectId ?? "", role };
    if (!can(auth.user, "documents:read", resource)) return refuseUpgrade(socket, 403, "Forbidden");
    const readOnly = projectIdOfCodebookRoom(room) !== null || !can(auth.user, "documents:edit", resource);

    deps.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const early: Uint8Array[] = [];
      const hold = (data: Buffer) => early.push(new Uint8Array(data));
      ws.on("message", hold);
      deps.manager.get(room).then(
        (doc) => {
          ws.off("message", hold);
          // Gone while the doc loaded: serving it now would leave a peer (and its ping) behind.
          if (ws.readyState !== ws.OPEN) return;
          serveConnection(ws, doc, { readOnly, limits: deps.limits, early, userId: auth.user.id });
        },
        (err: unknown) => {
          console.error(`collab: could not load ${room}`, err);
          ws.close(1011, "could not load the document");
        },
      );
    });
  };
}
