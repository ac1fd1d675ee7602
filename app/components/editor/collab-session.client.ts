import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  addCoding,
  codebookOf,
  codebookRoom,
  codingsOf,
  isCodingEntry,
  resolveEntry,
  textOf,
  type CodingEntry,
  type ResolvedCoding,
} from "~/lib/collab/doc-model";
import { newId } from "../../../db/ids";
import { personColor, rgba } from "./colors";
import type { CodeInfo, ConnectionState, PresentUser, SessionSnapshot } from "./types";
import { refusalOf, type Refusal } from "~/lib/collab/close-codes";

export interface SessionOptions {
  documentId: string;
  projectId: string;
  /** The collaboration room, when not the document's own: a coder's layer in a coding round. */
  room?: string;
}

/** After typing stops for this long, codings are re-resolved from their Yjs anchors. */
const TEXT_SETTLE_MS = 300;

type Listener<T> = (value: T) => void;

/**
 * One open document in the browser: its Y.Doc synced over /collab/<id>, the project's live
 * codebook over /collab/codebook:<projectId> (read-only), presence, undo, and the resolved
 * codings everything else draws from. Framework-free; React reads `snapshot`.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly text: Y.Text;
  readonly codings: Y.Map<CodingEntry>;
  readonly provider: WebsocketProvider;
  readonly undoManager: Y.UndoManager;
  /** The origin of this editor's own coding changes, so the undo manager tracks them. */
  readonly origin = { source: "thicket-editor" };
  /** Who is editing: set by `identify` once the page knows (the socket may open before). */
  user: { id: string; name: string; color: string } | null = null;

  private readonly codebookDoc = new Y.Doc();
  private readonly codebookProvider: WebsocketProvider;
  private codebookSynced = false;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly codingListeners = new Set<Listener<ResolvedCoding[]>>();
  private readonly codeListeners = new Set<Listener<CodeInfo[]>>();

  private status: "connecting" | "connected" | "disconnected" = "connecting";
  private online = typeof navigator === "undefined" ? true : navigator.onLine;
  private refused: Refusal | null = null;
  private resolveQueued = false;
  /** Resolved codings by id, and which ids changed since ("all" after the text changed). */
  private readonly resolved = new Map<string, ResolvedCoding>();
  private stale: Set<string> | "all" = "all";
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  private lastAccessCheck = 0;
  private destroyed = false;

  constructor(private readonly opts: SessionOptions) {
    this.text = textOf(this.doc);
    this.codings = codingsOf(this.doc);
    this.snapshot = {
      connection: "connecting",
      ready: false,
      codes: [],
      codings: [],
      present: [],
      canUndo: false,
      canRedo: false,
    };

    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
    this.provider = new WebsocketProvider(url, opts.room ?? opts.documentId, this.doc);
    this.codebookProvider = new WebsocketProvider(url, codebookRoom(opts.projectId), this.codebookDoc);
    // Nobody needs presence in the codebook room.
    this.codebookProvider.awareness.setLocalState(null);

    this.undoManager = new Y.UndoManager([this.text, this.codings], { trackedOrigins: new Set([this.origin]) });
    const undoChanged = () => this.update({ canUndo: this.undoManager.canUndo(), canRedo: this.undoManager.canRedo() });
    this.undoManager.on("stack-item-added", undoChanged);
    this.undoManager.on("stack-item-popped", undoChanged);
    this.undoManager.on("stack-cleared", undoChanged);

    this.provider.awareness.on("change", this.onAwareness);
    this.provider.on("status", this.onStatus);
    this.provider.on("sync", this.onSync);
    this.provider.on("connection-close", this.onClose);
    // A server that closes with 4400–4499 means "do not come back" (y-websocket stops retrying).
    this.provider.on("closed", ({ code }) => this.refuse(refusalOf(code)));
    this.codebookProvider.on("sync", this.onCodebookSync);
    codebookOf(this.codebookDoc).observe(this.onCodebook);
    this.codings.observe(this.onCodings);
    this.text.observe(this.onText);
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOnline);
  }

  /**
   * The person at this keyboard, for presence, cursor labels and coding authorship, and the
   * codes the page was rendered with (shown until the live codebook has synced).
   */
  identify(user: { id: string; name: string }, initialCodes: CodeInfo[]) {
    const color = personColor(user.id);
    this.user = { id: user.id, name: user.name, color };
    this.provider.awareness.setLocalStateField("user", { id: user.id, name: user.name, color, colorLight: rgba(color, 0.22) });
    if (!this.codebookSynced) {
      this.update({ codes: initialCodes });
      for (const listener of this.codeListeners) listener(initialCodes);
    }
    this.onAwareness();
  }

  // --- store for React -------------------------------------------------------------------

  getSnapshot = () => this.snapshot;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The editor's subscriptions: called with the current value at once, then on change. */
  onResolved(listener: Listener<ResolvedCoding[]>) {
    this.codingListeners.add(listener);
    listener(this.snapshot.codings);
    return () => this.codingListeners.delete(listener);
  }

  onCodes(listener: Listener<CodeInfo[]>) {
    this.codeListeners.add(listener);
    listener(this.snapshot.codes);
    return () => this.codeListeners.delete(listener);
  }

  private update(patch: Partial<SessionSnapshot>) {
    if (this.destroyed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- connection ------------------------------------------------------------------------

  private connectionState(): ConnectionState {
    if (this.refused) return this.refused;
    if (!this.online) return "offline";
    if (this.status === "connected" && this.provider.synced) return "connected";
    return this.snapshot.ready ? "reconnecting" : "connecting";
  }

  private refreshConnection = () => {
    const connection = this.connectionState();
    if (connection !== this.snapshot.connection) this.update({ connection });
  };

  private onStatus = ({ status }: { status: "connecting" | "connected" | "disconnected" }) => {
    this.status = status;
    this.refreshConnection();
  };

  private onSync = (synced: boolean) => {
    if (synced && !this.snapshot.ready) {
      performance.mark("thicket:synced");
      this.update({ ready: true });
      this.resolveNow();
      performance.mark("thicket:resolved");
    }
    this.refreshConnection();
  };

  private onOnline = () => {
    this.online = navigator.onLine;
    this.refreshConnection();
  };

  /**
   * A socket that closes before it ever opened was refused or could not reach the server.
   * The browser does not say which (a refused upgrade is a bare 1006), so ask the API: 401 or
   * 403/404 mean reconnecting is pointless; anything else is a network problem to retry.
   */
  private onClose = () => {
    if (this.provider.wsconnected || this.refused) return;
    const now = Date.now();
    if (now - this.lastAccessCheck < 5000) return;
    this.lastAccessCheck = now;
    fetch(`/api/v1/documents/${encodeURIComponent(this.opts.documentId)}`, { method: "HEAD", credentials: "same-origin" })
      .then((res) => {
        if (res.status === 401) this.refuse("signed-out");
        else if (res.status === 403 || res.status === 404) this.refuse("denied");
      })
      .catch(() => {
        // Offline or the server is down: keep retrying.
      });
  };

  private refuse(kind: Refusal) {
    this.refused = kind;
    this.provider.disconnect();
    this.codebookProvider.disconnect();
    this.refreshConnection();
  }

  // --- presence --------------------------------------------------------------------------

  private onAwareness = () => {
    const seen = new Set<string>(this.user ? [this.user.id] : []);
    const present: PresentUser[] = [];
    this.provider.awareness.getStates().forEach((state, clientId) => {
      const user = (state as { user?: Partial<PresentUser> }).user;
      if (clientId === this.doc.clientID || !user || typeof user.id !== "string" || seen.has(user.id)) return;
      seen.add(user.id);
      present.push({ clientId, id: user.id, name: String(user.name ?? "Someone"), color: String(user.color ?? "") });
    });
    present.sort((a, b) => a.name.localeCompare(b.name));
    const before = this.snapshot.present;
    const same =
      before.length === present.length &&
      before.every((p, i) => p.id === present[i]!.id && p.name === present[i]!.name && p.color === present[i]!.color);
    if (!same) this.update({ present });
  };

  // --- codebook --------------------------------------------------------------------------

  private onCodebookSync = (synced: boolean) => {
    if (!synced) return;
    this.codebookSynced = true;
    this.onCodebook();
  };

  private onCodebook = () => {
    if (!this.codebookSynced) return;
    const codes: CodeInfo[] = [];
    codebookOf(this.codebookDoc).forEach((entry, id) => {
      if (!entry || typeof entry.name !== "string") return;
      codes.push({
        id,
        name: entry.name,
        parentId: typeof entry.parentId === "string" ? entry.parentId : null,
        color: String(entry.color ?? ""),
        description: String(entry.description ?? ""),
        codable: entry.codable !== false,
      });
    });
    this.update({ codes });
    for (const listener of this.codeListeners) listener(codes);
  };

  // --- codings ---------------------------------------------------------------------------

  /** A coding added, removed or changed: resolve once this transaction's events are done. */
  private onCodings = (event: Y.YMapEvent<CodingEntry>) => {
    if (this.stale !== "all") for (const key of event.keysChanged) this.stale.add(key);
    if (this.resolveQueued) return;
    this.resolveQueued = true;
    queueMicrotask(() => this.resolveNow());
  };

  /**
   * Typing moves highlights by itself (the editor maps them through each change); the exact
   * positions from the Yjs anchors are re-read once typing settles.
   */
  private onText = () => {
    this.stale = "all";
    clearTimeout(this.textTimer);
    this.textTimer = setTimeout(() => this.resolveNow(), TEXT_SETTLE_MS);
  };

  /**
   * Resolves the codings' anchors to offsets. While the text is unchanged only the codings that
   * changed are re-read (a new coding in a 5,000-coding transcript costs one resolve, not 5,000).
   */
  resolveNow() {
    this.resolveQueued = false;
    if (this.destroyed || !this.snapshot.ready) return;
    const text = this.text.toString();
    const resolve = (id: string, entry: unknown) => {
      this.resolved.delete(id);
      if (!isCodingEntry(entry)) return;
      try {
        this.resolved.set(id, resolveEntry(this.doc, id, entry, text));
      } catch {
        // An anchor that does not decode is skipped rather than breaking the page.
      }
    };
    if (this.stale === "all") {
      clearTimeout(this.textTimer);
      this.resolved.clear();
      this.codings.forEach((entry, id) => resolve(id, entry));
    } else {
      for (const id of this.stale) resolve(id, this.codings.get(id));
    }
    this.stale = new Set();
    const out = [...this.resolved.values()].sort(
      (a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    this.update({ codings: out });
    for (const listener of this.codingListeners) listener(out);
  }

  /** The raw entry, for the popover's author, date and memo. */
  entry(id: string): CodingEntry | undefined {
    const entry = this.codings.get(id);
    return isCodingEntry(entry) ? entry : undefined;
  }

  /**
   * Codes [from, to) with each code, as one undo step of its own. A code already on exactly
   * this range is not applied twice. Returns how many codings were added.
   */
  applyCodes(codeIds: string[], from: number, to: number): number {
    const author = this.user;
    if (to <= from || !author) return 0;
    let text: string | null = null;
    const already = new Set<string>();
    this.codings.forEach((entry, id) => {
      if (!isCodingEntry(entry) || !codeIds.includes(entry.codeId)) return;
      try {
        const fresh = this.stale !== "all" && !this.stale.has(id) ? this.resolved.get(id) : undefined;
        const r = fresh ?? resolveEntry(this.doc, id, entry, (text ??= this.text.toString()));
        if (!r.orphaned && r.start === from && r.end === to) already.add(entry.codeId);
      } catch {
        // ignore undecodable anchors
      }
    });
    const wanted = [...new Set(codeIds)].filter((id) => !already.has(id));
    if (wanted.length === 0) return 0;
    this.undoManager.stopCapturing();
    this.doc.transact(() => {
      for (const codeId of wanted) addCoding(this.doc, newId(), { codeId, start: from, end: to, authorId: author.id });
    }, this.origin);
    this.undoManager.stopCapturing();
    return wanted.length;
  }

  removeCoding(id: string) {
    this.undoManager.stopCapturing();
    this.doc.transact(() => this.codings.delete(id), this.origin);
    this.undoManager.stopCapturing();
  }

  setMemo(id: string, memo: string) {
    const entry = this.entry(id);
    if (!entry || (entry.memo ?? "") === memo) return;
    this.doc.transact(() => this.codings.set(id, { ...entry, memo }), this.origin);
  }

  undo() {
    this.undoManager.undo();
  }

  redo() {
    this.undoManager.redo();
  }

  destroy() {
    this.destroyed = true;
    clearTimeout(this.textTimer);
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOnline);
    this.provider.awareness.off("change", this.onAwareness);
    this.undoManager.destroy();
    this.provider.destroy();
    this.codebookProvider.destroy();
    this.doc.destroy();
    this.codebookDoc.destroy();
    this.listeners.clear();
    this.codingListeners.clear();
    this.codeListeners.clear();
  }
}
