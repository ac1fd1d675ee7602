import { eq } from "drizzle-orm";
import type WebSocket from "ws";
import type { WebSocketServer } from "ws";
import { findMembershipRole } from "../../app/lib/auth/guards.server";
import { can } from "../../app/lib/auth/permissions";
import { projectIdOfCodebookRoom } from "../../app/lib/collab/doc-model";
import { findLayer } from "../../app/lib/rounds/layer.server";
import { openRoundOfCoder } from "../../app/lib/rounds/rounds.server";
import { parseRoundRoom } from "../../app/lib/rounds/room";
import type { Auth } from "../../app/lib/auth/authenticate.server";
import type { Database } from "../../db/client";
import { documents } from "../../db/schema";
import { refuseUpgrade, type UpgradeRoute } from "../upgrade";
import { serveConnection, type ConnectionLimits } from "./connection";
import { credentialOf } from "./credential-sweep";
import type { DocManager } from "./doc-manager";

async function projectOfRoom(db: Database, room: string): Promise<string | null> {
  const codebookProject = projectIdOfCodebookRoom(room);
  if (codebookProject) return codebookProject;
  const [doc] = await db.select({ projectId: documents.projectId }).from(documents).where(eq(documents.id, room));
  return doc?.projectId ?? null;
}

interface RoomAccess {
  readOnly: boolean;
  textLocked: boolean;
}

/**
 * A coder's layer in a coding round (`round:<round>:<coder>:<document>`) is open to that coder
 * alone, while the round is open, and only for codings: nobody else, not even the round's
 * researcher, reads it before the reveal.
 */
async function layerAccess(db: Database, room: string, auth: Auth): Promise<RoomAccess | null> {
  const layer = parseRoundRoom(room);
  if (!layer || layer.coderId !== auth.user.id) return null;
  const round = await findLayer(db, layer);
  if (!round || round.status !== "open") return null;
  const role = await findMembershipRole(db, round.projectId, auth.user.id);
  if (!can(auth.user, "codings:edit", { kind: "project", projectId: round.projectId, role })) return null;
  return { readOnly: false, textLocked: true };
}

async function roomAccess(db: Database, room: string, auth: Auth): Promise<RoomAccess | null> {
  if (parseRoundRoom(room)) return layerAccess(db, room, auth);
  const projectId = room ? await projectOfRoom(db, room) : null;
  const role = projectId ? await findMembershipRole(db, projectId, auth.user.id) : null;
  const resource = { kind: "project" as const, projectId: projectId ?? "", role };
  if (!can(auth.user, "documents:read", resource)) return null;
  // A coder in an open round on this document codes in their layer; the shared room would
  // show them everyone's codings.
  const isDocument = projectIdOfCodebookRoom(room) === null;
  if (isDocument && (await openRoundOfCoder(db, room, auth.user.id))) return null;
  const readOnly = projectIdOfCodebookRoom(room) !== null || !can(auth.user, "documents:edit", resource);
  return { readOnly, textLocked: false };
}

/** The room a /collab/<room> path names; null if its %-escapes do not decode. */
function roomName(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname.slice("/collab/".length));
  } catch {
    return null;
  }
}

/**
 * /collab/<documentId>, /collab/codebook:<projectId> and a coding round's layers. The caller is already authenticated
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
    const room = roomName(url);
    if (room === null) return refuseUpgrade(socket, 400, "Bad Request");
    const access = await roomAccess(deps.db, room, auth);
    if (!access) return refuseUpgrade(socket, 403, "Forbidden");

    deps.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const early: Uint8Array[] = [];
      const hold = (data: Buffer) => early.push(new Uint8Array(data));
      ws.on("message", hold);
      deps.manager.get(room).then(
        (doc) => {
          ws.off("message", hold);
          // Gone while the doc loaded: serving it now would leave a peer (and its ping) behind.
          if (ws.readyState !== ws.OPEN) return;
          serveConnection(ws, doc, { ...access, limits: deps.limits, early, userId: auth.user.id, credential: credentialOf(auth) });
        },
        (err: unknown) => {
          console.error(`collab: could not load ${room}`, err);
          ws.close(1011, "could not load the document");
        },
      );
    });
  };
}
