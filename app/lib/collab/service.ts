import type * as Y from "yjs";
import type { ResolvedCoding } from "./doc-model";

/** Why the projection leaves a coding out (server/collab/projectable.ts). */
export type SetAsideReason = "malformed" | "unknown_code" | "not_codable";

/**
 * What routes may do with live documents. Implemented by the collaboration server (server/
 * collab), handed to Remix through the load context, so an API write goes through the same
 * Y.Doc the editors are connected to and shows up in them at once.
 */
export interface CollabService {
  /** The live text and codings: what an editor shows right now. */
  read(documentId: string): Promise<{ text: string; codings: ResolvedCoding[] }>;
  /**
   * Changes the live doc as the server, then writes the log and projection. With `compact`
   * the document's log is compacted at once, so text the change deleted is in neither the
   * update log nor the snapshot any more (a redaction); a failure to do so is thrown.
   */
  change<T>(documentId: string, fn: (doc: Y.Doc) => T, opts?: { compact?: boolean }): Promise<T>;
  /** Pushes the project's codes table to everyone who has the codebook open. */
  refreshCodebook(projectId: string): Promise<void>;
  /** Writes every pending update and projection now. */
  flush(): Promise<void>;
  /**
   * The entries of a document's codings the projection leaves out (not well-formed, of a code
   * not in the project, or of a folder), and why: they are in the live doc but in no export or figure.
   */
  setAside(documentId: string): Promise<{ id: string; reason: SetAsideReason }[]>;
  /**
   * Applies a membership change to open connections: a removed member is disconnected for
   * good, a member whose role changed reconnects with the new rights.
   */
  membershipChanged(projectId: string, userId: string, change: "removed" | "role_changed"): Promise<void>;
  /** Drops a deleted document from memory and erases its update log. */
  forget(documentId: string, reason?: string): Promise<void>;
  /** forget() for many deleted documents at once (a sample's): the logs are erased in batches. */
  forgetMany(documentIds: string[], reason?: string): Promise<void>;
  /**
   * Closes, now, the sockets whose session or access token no longer exists or has expired
   * (after a logout, a revocation, a password change). They are also swept every few seconds,
   * so a credential ended elsewhere (another process, the database) is caught anyway.
   */
  credentialsEnded(): Promise<void>;
}
