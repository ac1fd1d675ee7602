import { useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { applicableCodes, codeTree } from "./codebook-tree";
import { CodebookPanel } from "./codebook-panel";
import { CodePalette } from "./code-palette";
import { CodingPopover, type PopoverItem } from "./coding-popover";
import { useCompareMode } from "./compare-mode";
import type { EditorHandle, PopoverRequest } from "./editor-view.client";
import { EditorToolbar } from "./editor-toolbar";
import { excerpt, shiftShortcut } from "./format";
import { OrphanedCodings } from "./orphaned-codings";
import { PreviewText, type PreviewCoding } from "./preview-text";
import { RedactionDialog } from "./redaction-dialog";
import type { CodeInfo, ResolvedCoding } from "./types";
import { useCollabSession } from "./use-collab-session";
import { useRedaction } from "./use-redaction";

export interface CollabEditorProps {
  documentId: string;
  projectId: string;
  user: { id: string; name: string };
  canEdit: boolean;
  canCode: boolean;
  canProposeCodes: boolean;
  /** user id → name, for "who applied this". */
  members: Record<string, string>;
  initialCodes: CodeInfo[];
  /** The projected text and its codings, shown (server-rendered) until the live document has synced. */
  previewText: string;
  previewTruncated: boolean;
  previewCodings: PreviewCoding[];
  /** Panels the route adds under the codebook (details, memos). */
  side?: ReactNode;
  /** See SessionOptions.room: a coder's layer in a coding round. */
  room?: string;
  /** Shown above the text instead of the usual read-only note (a coding round's). */
  note?: ReactNode;
  /** The text is fixed but can be selected and coded as when editing (a coding round's layer). */
  lockText?: boolean;
}

interface PopoverState {
  ids: string[];
  left: number;
  top: number;
  above: boolean;
  keyboard: boolean;
}

const POPOVER_WIDTH = 360;
/** Height the popover may need; with less room below the line it opens above it. */
const POPOVER_ROOM = 340;

/**
 * The document editor page body. On the server (and until the socket has synced) it shows the
 * projected text with a "Connecting…" note; in the browser it loads CodeMirror and Yjs lazily
 * and becomes the live, collaborative coding editor.
 */
export function CollabEditor(props: CollabEditorProps) {
  const { documentId, projectId, user, canEdit, canCode, canProposeCodes, members, initialCodes } = props;
  const editor = useRef<EditorHandle | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const { session, editorModule, loadError, snapshot } = useCollabSession({ documentId, room: props.room, projectId, user, initialCodes, editor });
  const [selectionEmpty, setSelectionEmpty] = useState(true);
  const [palette, setPalette] = useState<{ quote: string; from: number; to: number } | null>(null);
  const [popover, setPopover] = useState<PopoverState | null>(null);
  const [focus, setFocus] = useState<{ codeId: string; index: number; total: number } | null>(null);
  const [notice, setNotice] = useState("");
  const [mod, setMod] = useState("Ctrl");

  useEffect(() => {
    if (/Mac|iPhone|iPad/.test(navigator.platform)) setMod("⌘");
  }, []);

  const refused = snapshot.connection === "denied" || snapshot.connection === "signed-out" || snapshot.connection === "too-large";
  const mayCode = canCode && !refused;

  const tree = useMemo(() => codeTree(snapshot.codes), [snapshot.codes]);
  const applicable = useMemo(() => applicableCodes(tree), [tree]);
  const codeMap = useMemo(() => new Map(snapshot.codes.map((c) => [c.id, c])), [snapshot.codes]);
  const { counts, orphans, byId } = useMemo(() => {
    const counts = new Map<string, number>();
    const orphans: ResolvedCoding[] = [];
    const byId = new Map<string, ResolvedCoding>();
    for (const c of snapshot.codings) {
      byId.set(c.id, c);
      if (c.orphaned) orphans.push(c);
      else counts.set(c.codeId, (counts.get(c.codeId) ?? 0) + 1);
    }
    return { counts, orphans, byId };
  }, [snapshot.codings]);

  // --- actions -----------------------------------------------------------------------------

  const say = (message: string) => setNotice(message);
  const redaction = useRedaction({ documentId, editor, session, enabled: canEdit && !refused, say });

  const openRedaction = (): boolean => {
    const opened = redaction.open();
    if (opened) setPopover(null);
    return opened;
  };

  const openPalette = (): boolean => {
    const ed = editor.current;
    if (!mayCode || !ed || !session) return false;
    const sel = ed.selection();
    if (!sel) {
      say("Select some text first, then choose a code.");
      return true;
    }
    setPopover(null);
    setPalette({ ...sel, quote: excerpt(session.text.toString().slice(sel.from, Math.min(sel.to, sel.from + 400)), 140) });
    return true;
  };

  const closePalette = () => {
    setPalette(null);
    editor.current?.focus();
  };

  const apply = (codeId: string, keepOpen = false) => {
    const ed = editor.current;
    const sel = ed?.selection() ?? (palette ? { from: palette.from, to: palette.to } : null);
    if (!session || !ed || !sel) return;
    const added = session.applyCodes([codeId], sel.from, sel.to);
    const name = codeMap.get(codeId)?.name ?? "the code";
    say(added ? `Applied “${name}”.` : `“${name}” is already on this passage.`);
    if (!keepOpen) closePalette();
  };

  const createAndApply = async (name: string, keepOpen: boolean) => {
    const res = await fetch(`/api/v1/projects/${encodeURIComponent(projectId)}/codes`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ name }),
    });
    const body = (await res.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
    if (!res.ok || !body?.id) throw new Error(body?.error?.message ?? "The code could not be created.");
    apply(body.id, keepOpen);
  };

  const stepThrough = (codeId: string) => {
    const ed = editor.current;
    if (!ed) return;
    const list = ed.codingsOfCode(codeId);
    if (list.length === 0) {
      setFocus({ codeId, index: 0, total: 0 });
      ed.setFocusCode(null);
      return;
    }
    let index: number;
    if (focus?.codeId === codeId && focus.total > 0) index = (focus.index + 1) % list.length;
    else {
      const head = ed.view.state.selection.main.head;
      index = Math.max(0, list.findIndex((c) => c.from >= head));
    }
    const target = list[index]!;
    ed.setFocusCode(codeId);
    ed.select(target.from, target.from);
    setFocus({ codeId, index, total: list.length });
  };

  const onCodeClick = (codeId: string) => {
    const ed = editor.current;
    if (mayCode && ed?.selection()) {
      apply(codeId);
      ed.focus();
    } else stepThrough(codeId);
  };

  const clearFocus = () => {
    editor.current?.setFocusCode(null);
    setFocus(null);
  };

  const showPopover = ({ ids, pos, keyboard }: PopoverRequest) => {
    const coords = editor.current?.coordsAt(pos);
    const box = wrap.current?.getBoundingClientRect();
    if (!coords || !box) return;
    const left = Math.max(0, Math.min(coords.left - box.left - 24, box.width - POPOVER_WIDTH));
    // Below the line if it fits in the window, else above it.
    const above = window.innerHeight - coords.bottom < POPOVER_ROOM && coords.top > POPOVER_ROOM;
    const top = above ? coords.top - box.top - 8 : coords.bottom - box.top + 8;
    setPopover({ ids, left, top, above, keyboard });
  };

  const closePopover = useCallback((refocus = false) => {
    setPopover(null);
    if (refocus) editor.current?.focus();
  }, []);

  // The editor is created once; its callbacks reach the latest render through this ref.
  // Typing or moving the cursor puts the popover away.
  const onUserMove = () => popover && setPopover(null);
  const handlers = useRef({ openPalette, openRedaction, showPopover, stepThrough, onUserMove });
  handlers.current = { openPalette, openRedaction, showPopover, stepThrough, onUserMove };

  useEffect(() => {
    if (!session || !snapshot.ready || !editorModule || editor.current || !host.current) return;
    editor.current = editorModule.createEditor(host.current, session, {
      editable: canEdit || Boolean(props.lockText),
      lockText: props.lockText,
      onPalette: () => handlers.current.openPalette(),
      onRedact: () => handlers.current.openRedaction(),
      onPopover: (request) => handlers.current.showPopover(request),
      onSelection: (empty, byUser) => {
        setSelectionEmpty(empty);
        if (byUser) handlers.current.onUserMove();
      },
      onStripeClick: (codeId) => handlers.current.stepThrough(codeId),
    });
  }, [session, snapshot.ready, editorModule, canEdit, props.lockText]);

  useEffect(() => {
    editor.current?.setEditable((canEdit || Boolean(props.lockText)) && !refused);
  }, [canEdit, props.lockText, refused, snapshot.ready]);

  // ?coding=ID (the matrix's "Open in editor"): once the text and its codings are in, select
  // that passage, scroll to it, mark it and step through its code from there. Once per id.
  const [searchParams] = useSearchParams();
  const landingId = searchParams.get("coding");
  const landedOn = useRef<string | null>(null);
  const editorReady = snapshot.ready && session !== null && editorModule !== null;
  // ?compare=… (the agreement page): each compared coder's codings marked by coder.
  const compare = useCompareMode({ editor, ready: editorReady, codings: snapshot.codings, codes: codeMap, members });
  useEffect(() => {
    const ed = editor.current;
    if (!landingId || !editorReady || !ed || landedOn.current === landingId) return;
    landedOn.current = landingId;
    const target = byId.get(landingId);
    if (!target || target.orphaned) {
      setNotice(target ? "That excerpt's text was deleted; it is listed under orphaned codings." : "That excerpt is no longer in this document.");
      return;
    }
    ed.land(target.start, target.end);
    ed.focus();
    ed.setFocusCode(target.codeId);
    const list = ed.codingsOfCode(target.codeId);
    setFocus({ codeId: target.codeId, index: Math.max(0, list.findIndex((c) => c.id === target.id)), total: list.length });
    setNotice(`Showing the passage coded “${codeMap.get(target.codeId)?.name ?? "a code"}”.`);
  }, [landingId, editorReady, byId, codeMap]);

  // ?from=N&to=M (a search hit): select and mark that range of the text, once per range.
  const landingRange = landingId ? null : searchParams.get("from") !== null ? `${searchParams.get("from")}:${searchParams.get("to")}` : null;
  useEffect(() => {
    const ed = editor.current;
    if (!landingRange || !editorReady || !ed || landedOn.current === landingRange) return;
    landedOn.current = landingRange;
    const [from, to] = landingRange.split(":").map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from! >= to!) return;
    try {
      ed.land(from!, to!);
      ed.focus();
      setNotice("Showing the search hit.");
    } catch {
      // The text has since become shorter than the hit's range.
      setNotice("That passage is no longer in this document.");
    }
  }, [landingRange, editorReady]);

  // Ctrl/Cmd+K from anywhere on the page (the editor handles it itself when focused).
  useEffect(() => {
    if (!mayCode) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "k" || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return; // typing elsewhere
      if (handlers.current.openPalette()) event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [mayCode]);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(""), 4000);
    return () => clearTimeout(t);
  }, [notice]);

  const popoverItems: PopoverItem[] = popover && session
    ? popover.ids.flatMap((id) => {
        const entry = session.entry(id);
        if (!entry) return [];
        const code = codeMap.get(entry.codeId);
        return [
          {
            id,
            codeName: code?.name ?? "Unknown code",
            color: code?.color ?? "",
            authorName: entry.authorId === user.id ? `you (${user.name})` : (members[entry.authorId] ?? "a former member"),
            createdAt: entry.createdAt,
            memo: entry.memo ?? "",
            quote: byId.get(id)?.quote ?? "",
          },
        ];
      })
    : [];
  const popoverEmpty = popover !== null && popoverItems.length === 0;
  useEffect(() => {
    if (popoverEmpty) closePopover(true);
  }, [popoverEmpty, closePopover]);

  const appliedHere = useMemo(() => {
    if (!palette) return new Set<string>();
    const sel = editor.current?.selection() ?? palette;
    return new Set(snapshot.codings.filter((c) => c.start === sel.from && c.end === sel.to).map((c) => c.codeId));
  }, [palette, snapshot.codings]);

  const ready = snapshot.ready && session !== null && editorModule !== null;

  return (
    <div className="thk-doc">
      <EditorToolbar
        snapshot={snapshot}
        ready={ready}
        refused={refused}
        notice={notice}
        mod={mod}
        canCode={canCode}
        canEdit={canEdit}
        selectionEmpty={selectionEmpty}
        onCode={() => openPalette()}
        onRedact={() => openRedaction()}
        onUndo={() => {
          session?.undo();
          editor.current?.focus();
        }}
        onRedo={() => {
          session?.redo();
          editor.current?.focus();
        }}
      />

      <div className="thk-layout">
        <div className="thk-main">
          {props.note ? (
            props.note
          ) : !canEdit ? (
            <p className="thk-readonly-note">
              Read only: your role can read this document and its codings but not change them.
            </p>
          ) : null}
          {compare.legend}
          <div ref={wrap} className="thk-editor-wrap" data-ready={ready ? "true" : "false"}>
            {!ready ? (
              <div className="thk-placeholder" aria-busy="true">
                <p className="thk-placeholder__note">
                  {loadError ? "The editor could not load. Reload the page to try again." : refused ? "Not connected." : "Connecting…"}
                </p>
                <PreviewText
                  text={props.previewText}
                  truncated={props.previewTruncated}
                  codings={props.previewCodings}
                  codes={snapshot.codes}
                />
              </div>
            ) : null}
            <div ref={host} className="thk-editor-host" hidden={!ready} data-testid="document-editor" />
            {popover && popoverItems.length > 0 ? (
              <CodingPopover
                items={popoverItems}
                left={popover.left}
                top={popover.top}
                above={popover.above}
                canCode={mayCode}
                focusOnOpen={popover.keyboard}
                onMemo={(id, memo) => session?.setMemo(id, memo)}
                onRemove={(id) => {
                  session?.removeCoding(id);
                  say("Coding removed. Undo brings it back.");
                }}
                onClose={closePopover}
              />
            ) : null}
          </div>
          <p className="thk-keys meta">
            {canCode ? (
              <>
                Select text and press <kbd>{mod}+K</kbd> to code it · click a highlight (or <kbd>Alt+Enter</kbd>) to see its
                codings · <kbd>{mod}+Z</kbd> undoes your own changes · <kbd>{shiftShortcut(mod, "X")}</kbd> redacts a name or detail
              </>
            ) : (
              <>Click a highlight to see who coded it and why.</>
            )}
          </p>
        </div>
        <aside className="thk-side" aria-label="Codes and document details">
          {compare.panel}
          <CodebookPanel
            codes={tree}
            counts={counts}
            applies={mayCode && !selectionEmpty}
            focus={focus}
            live={ready}
            onCode={onCodeClick}
            onClearFocus={clearFocus}
          />
          <OrphanedCodings
            orphans={orphans}
            codes={codeMap}
            members={members}
            canCode={mayCode}
            onRemove={(id) => session?.removeCoding(id)}
          />
          {props.side}
        </aside>
      </div>

      {palette ? (
        <CodePalette
          codes={applicable}
          quote={palette.quote}
          applied={appliedHere}
          onApply={apply}
          onCreate={canProposeCodes ? createAndApply : undefined}
          onClose={closePalette}
        />
      ) : null}
      {redaction.request ? (
        <RedactionDialog text={redaction.request.text} onConfirm={redaction.confirm} onClose={redaction.close} />
      ) : null}
    </div>
  );
}
