import { useCallback, useEffect, useMemo, useState, useSyncExternalStore, type MutableRefObject } from "react";
import type { CollabSession } from "./collab-session.client";
import type { EditorHandle, EditorOptions } from "./editor-view.client";
import type { CodeInfo, SessionSnapshot } from "./types";

export type EditorModule = {
  createEditor: (parent: HTMLElement, session: CollabSession, opts: EditorOptions) => EditorHandle;
};

/**
 * The browser-only code (Yjs and y-websocket, then CodeMirror, the biggest part) is fetched
 * lazily, as soon as this module runs in the browser. Never on the server.
 */
let editorPromise: Promise<EditorModule> | null = null;
const loadEditor = () => (editorPromise ??= import("./editor-view.client"));
let sessionClass: Promise<typeof CollabSession> | null = null;
const newSession = async (projectId: string, documentId: string, room?: string) => {
  const Session = await (sessionClass ??= import("./collab-session.client").then((m) => m.CollabSession));
  return new Session({ projectId, documentId, room });
};

/**
 * On a first page load the socket opens while React is still hydrating: the document is read
 * from the address and the page claims this session when it mounts. One nobody claims (the
 * page failed to render) is closed.
 */
const DOCUMENT_PATH = /^\/projects\/([^/]+)\/documents\/([^/]+)\/?$/;
let early: { key: string; session: Promise<CollabSession> } | null = null;
if (typeof window !== "undefined") {
  loadEditor().catch(() => {});
  const match = DOCUMENT_PATH.exec(location.pathname);
  if (match && match[2] !== "new") {
    const [projectId, documentId] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
    const session = newSession(projectId, documentId);
    early = { key: `${projectId}/${documentId}`, session };
    session.catch(() => {});
    setTimeout(() => {
      if (early?.session !== session) return;
      early = null;
      session.then((s) => s.destroy(), () => {});
    }, 15_000);
  }
}

function claimSession(projectId: string, documentId: string, room?: string): Promise<CollabSession> {
  if (room) return newSession(projectId, documentId, room);
  if (early?.key === `${projectId}/${documentId}`) {
    const { session } = early;
    early = null;
    return session;
  }
  return newSession(projectId, documentId);
}

interface Options {
  documentId: string;
  /** See SessionOptions.room. */
  room?: string;
  projectId: string;
  user: { id: string; name: string };
  initialCodes: CodeInfo[];
  /** Destroyed before the session, since it observes the session's Y.Doc. */
  editor: MutableRefObject<EditorHandle | null>;
}

/**
 * Opens (or claims) the document's session, loads CodeMirror, and exposes the session's state.
 * Until the session exists the snapshot is the server-rendered one: connecting, initial codes.
 */
export function useCollabSession({ documentId, room, projectId, user, initialCodes, editor }: Options) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [editorModule, setEditorModule] = useState<EditorModule | null>(null);
  const [loadError, setLoadError] = useState(false);
  // Who and what the session starts with; later revalidations must not reconnect it.
  const [start] = useState({ user, initialCodes });

  useEffect(() => {
    let cancelled = false;
    let claimed: CollabSession | null = null;
    claimSession(projectId, documentId, room)
      .then((s) => {
        if (cancelled) return s.destroy();
        s.identify({ id: start.user.id, name: start.user.name }, start.initialCodes);
        claimed = s;
        setSession(s);
      })
      .catch(() => !cancelled && setLoadError(true));
    loadEditor()
      .then((module) => !cancelled && setEditorModule(module))
      .catch(() => !cancelled && setLoadError(true));
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = null;
      claimed?.destroy();
      setSession(null);
    };
  }, [documentId, room, projectId, start, editor]);

  const initial = useMemo<SessionSnapshot>(
    () => ({ connection: "connecting", ready: false, codes: initialCodes, codings: [], present: [], canUndo: false, canRedo: false }),
    [initialCodes],
  );
  const subscribe = useCallback((cb: () => void) => (session ? session.subscribe(cb) : () => {}), [session]);
  const getSnapshot = useCallback(() => (session ? session.getSnapshot() : initial), [session, initial]);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, () => initial);
  return { session, editorModule, loadError, snapshot };
}
