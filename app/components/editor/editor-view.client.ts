import { defaultKeymap } from "@codemirror/commands";
import { Compartment, EditorSelection, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import type { ResolvedCoding } from "~/lib/collab/doc-model";
import { codeTree } from "./codebook-tree";
import {
  codingHighlights,
  codingsAt,
  codingsField,
  codingsOfCode,
  setCodeStyles,
  setCodings,
  setFocusCode,
  type CodeStyle,
  type CodingRange,
} from "./codings-field.client";
import type { CollabSession } from "./collab-session.client";
import { landing, markLanding } from "./landing.client";
import { codingStripes } from "./stripes.client";
import type { CodeInfo } from "./types";

export interface PopoverRequest {
  ids: string[];
  pos: number;
  /** Opened from the keyboard: focus moves into it. */
  keyboard: boolean;
}

export interface EditorOptions {
  editable: boolean;
  /**
   * The text cannot change but the cursor and selection work as when editing (a coding
   * round's layer: coders select passages to code with the keyboard as usual).
   */
  lockText?: boolean;
  onPalette(): boolean;
  /** Mod-Shift-X: redact the selection (returns false when the person may not). */
  onRedact(): boolean;
  onPopover(request: PopoverRequest): void;
  /** The selection changed; `byUser` when the person typed, clicked or moved the cursor. */
  onSelection(empty: boolean, byUser: boolean): void;
  onStripeClick(codeId: string): void;
}

export interface EditorHandle {
  view: EditorView;
  /** The main selection, or null when it is empty. */
  selection(): { from: number; to: number } | null;
  select(from: number, to: number): void;
  focus(): void;
  setEditable(editable: boolean): void;
  setFocusCode(codeId: string | null): void;
  /** Selects a passage opened from elsewhere, scrolls it to the middle and marks it for a moment. */
  land(from: number, to: number): void;
  codingsOfCode(codeId: string): CodingRange[];
  /** Screen coordinates of a position, for placing the popover. */
  coordsAt(pos: number): { left: number; top: number; bottom: number } | null;
  destroy(): void;
}

function stylesOf(codes: CodeInfo[]): Map<string, CodeStyle> {
  return new Map(codeTree(codes).map((c, order) => [c.id, { name: c.name, color: c.color, order }]));
}

function rangesOf(codings: ResolvedCoding[]): CodingRange[] {
  const out: CodingRange[] = [];
  for (const c of codings) if (!c.orphaned && c.end > c.start) out.push({ id: c.id, codeId: c.codeId, from: c.start, to: c.end });
  return out;
}

const editability = (editable: boolean) => [EditorState.readOnly.of(!editable), EditorView.editable.of(editable)];

/**
 * The CodeMirror editor bound to the session's Y.Text (yCollab: sync, remote cursors, undo),
 * with coding highlights, margin stripes and the editor's keys. Browser-only.
 */
export function createEditor(parent: HTMLElement, session: CollabSession, opts: EditorOptions): EditorHandle {
  performance.mark("thicket:editor-start");
  const editableCompartment = new Compartment();
  let editable = opts.editable;

  const state = EditorState.create({
    doc: session.text.toString(),
    extensions: [
      // Positions must be Y.Text indices: never fold "\r\n" into one line break.
      EditorState.lineSeparator.of("\n"),
      Prec.highest(
        keymap.of([
          { key: "Mod-k", run: () => opts.onPalette(), preventDefault: true },
          { key: "Mod-Shift-x", run: () => opts.onRedact() },
          {
            key: "Alt-Enter",
            run: (view) => {
              const pos = view.state.selection.main.head;
              const ids = codingsAt(view.state, pos).map((c) => c.id);
              if (ids.length === 0) return false;
              opts.onPopover({ ids, pos, keyboard: true });
              return true;
            },
          },
        ]),
      ),
      keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
      yCollab(session.text, session.provider.awareness, { undoManager: session.undoManager }),
      EditorView.lineWrapping,
      editableCompartment.of(editability(editable)),
      opts.lockText ? Prec.highest(EditorState.readOnly.of(true)) : [],
      codingsField,
      codingHighlights,
      codingStripes({ onStripeClick: opts.onStripeClick }),
      landing,
      EditorView.contentAttributes.of({ "aria-label": "Document text", spellcheck: "false" }),
      EditorView.updateListener.of((update) => {
        if (!update.selectionSet && !update.docChanged) return;
        const byUser = update.transactions.some((tr) => tr.isUserEvent("input") || tr.isUserEvent("delete") || tr.isUserEvent("select"));
        opts.onSelection(update.state.selection.main.empty, byUser);
      }),
      EditorView.domEventHandlers({
        click(event, view) {
          if (event.button !== 0 || event.shiftKey || event.metaKey || event.ctrlKey || event.altKey) return false;
          const span = (event.target as HTMLElement | null)?.closest?.<HTMLElement>(".thk-coded");
          if (!span) return false;
          const collapsed = editable ? view.state.selection.main.empty : (window.getSelection()?.isCollapsed ?? true);
          if (!collapsed) return false; // a drag-select, not a click on a highlight
          const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
          if (pos === null) return false;
          const codeIds = (span.dataset.codeIds ?? "").split(" ");
          const here = codingsAt(view.state, pos);
          const ids = (here.some((c) => codeIds.includes(c.codeId)) ? here.filter((c) => codeIds.includes(c.codeId)) : here).map(
            (c) => c.id,
          );
          if (ids.length > 0) opts.onPopover({ ids, pos, keyboard: false });
          return false;
        },
      }),
    ],
  });
  performance.mark("thicket:state-created");
  const view = new EditorView({ state, parent });
  performance.mark("thicket:view-created");

  // First paint: colours and codings in one transaction, so highlights are built once.
  let codes = session.getSnapshot().codes;
  let codings = session.getSnapshot().codings;
  view.dispatch({ effects: [setCodeStyles.of(stylesOf(codes)), setCodings.of(rangesOf(codings))] });
  if (codings.length > 0) {
    parent.dataset.highlights = "drawn";
    performance.mark("thicket:highlights-drawn");
  }
  const offCodings = session.onResolved((next) => {
    if (next === codings) return;
    codings = next;
    view.dispatch({ effects: setCodings.of(rangesOf(next)) });
    if (next.length > 0) parent.dataset.highlights = "drawn";
  });
  const offCodes = session.onCodes((next) => {
    if (next === codes) return;
    codes = next;
    view.dispatch({ effects: setCodeStyles.of(stylesOf(next)) });
  });

  return {
    view,
    selection() {
      const { from, to } = view.state.selection.main;
      return to > from ? { from, to } : null;
    },
    select(from, to) {
      view.dispatch({
        selection: EditorSelection.single(from, to),
        effects: EditorView.scrollIntoView(from, { y: "center" }),
      });
    },
    focus: () => view.focus(),
    setEditable(next) {
      if (next === editable) return;
      editable = next;
      view.dispatch({ effects: editableCompartment.reconfigure(editability(next)) });
    },
    setFocusCode(codeId) {
      if (view.state.field(codingsField).focus !== codeId) view.dispatch({ effects: setFocusCode.of(codeId) });
    },
    land(from, to) {
      view.dispatch({
        selection: EditorSelection.single(from, to),
        effects: EditorView.scrollIntoView(from, { y: "center" }),
      });
      markLanding(view, from, to);
    },
    codingsOfCode: (codeId) => codingsOfCode(view.state, codeId),
    coordsAt(pos) {
      const rect = view.coordsAtPos(pos);
      return rect ? { left: rect.left, top: rect.top, bottom: rect.bottom } : null;
    },
    destroy() {
      offCodings();
      offCodes();
      view.destroy();
    },
  };
}
