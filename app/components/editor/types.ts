import type { Refusal } from "~/lib/collab/close-codes";
import type { ResolvedCoding } from "~/lib/collab/doc-model";

/** Shared by the server-rendered shell and the browser-only editor code (types only). */

export interface CodeInfo {
  id: string;
  name: string;
  parentId: string | null;
  color: string;
  description: string;
  /** False for a folder: shown in the codebook, never applied. */
  codable: boolean;
}

/** A code placed in the codebook tree: its depth and the names of its ancestors. */
export interface CodeNode extends CodeInfo {
  depth: number;
  path: string[];
}

export interface PresentUser {
  clientId: number;
  id: string;
  name: string;
  color: string;
}

/**
 * connecting: no sync yet; connected: synced with the server; reconnecting: lost the socket
 * after a sync (edits are kept); offline: the browser says it has no network; denied: the
 * server refused us (access revoked, document deleted); signed-out: the session ended.
 */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline" | Refusal;

export interface SessionSnapshot {
  connection: ConnectionState;
  /** True once the document has synced at least once: the editor can be shown. */
  ready: boolean;
  codes: CodeInfo[];
  codings: ResolvedCoding[];
  present: PresentUser[];
  canUndo: boolean;
  canRedo: boolean;
}

export type { ResolvedCoding };
