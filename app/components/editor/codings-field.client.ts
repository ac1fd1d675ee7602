import { RangeSet, RangeSetBuilder, RangeValue, StateEffect, StateField, type EditorState } from "@codemirror/state";
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from "@codemirror/view";
import { highlightCss, highlightStyle, segments } from "./highlight-style";

/** One coding in the editor's state: mapped through every edit like a non-inclusive mark. */
export class CodingMark extends RangeValue {
  override startSide = 1;
  override endSide = -1;
  constructor(
    readonly id: string,
    readonly codeId: string,
  ) {
    super();
  }
  override eq(other: RangeValue): boolean {
    return other instanceof CodingMark && other.id === this.id && other.codeId === this.codeId;
  }
}

export interface CodeStyle {
  name: string;
  color: string;
  /** Position in the codebook, so overlapping underlines are always stacked the same way. */
  order: number;
}

export interface CodingRange {
  id: string;
  codeId: string;
  from: number;
  to: number;
}

/** Replaces all codings (ranges sorted by `from`, none empty). */
export const setCodings = StateEffect.define<CodingRange[]>();
export const setCodeStyles = StateEffect.define<Map<string, CodeStyle>>();
/** Emphasises one code's highlights (stepping through a code from the codebook); null clears. */
export const setFocusCode = StateEffect.define<string | null>();

interface CodingsState {
  codings: RangeSet<CodingMark>;
  styles: Map<string, CodeStyle>;
  focus: string | null;
}

export const codingsField = StateField.define<CodingsState>({
  create: () => ({ codings: RangeSet.empty, styles: new Map(), focus: null }),
  update(value, tr) {
    let { codings, styles, focus } = value;
    if (tr.docChanged) codings = codings.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setCodings)) {
        const builder = new RangeSetBuilder<CodingMark>();
        for (const c of effect.value) if (c.to > c.from) builder.add(c.from, c.to, new CodingMark(c.id, c.codeId));
        codings = builder.finish();
      } else if (effect.is(setCodeStyles)) styles = effect.value;
      else if (effect.is(setFocusCode)) focus = effect.value;
    }
    if (codings === value.codings && styles === value.styles && focus === value.focus) return value;
    return { codings, styles, focus };
  },
});

/**
 * Highlights are drawn for the rendered viewport only: a 1 MB transcript with thousands of
 * codings decorates the few dozen on screen, rebuilt when the codings or the viewport change.
 */
export const codingHighlights = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = highlightsFor(view);
    }
    update(update: ViewUpdate) {
      if (
        update.docChanged ||
        update.viewportChanged ||
        update.startState.field(codingsField) !== update.state.field(codingsField)
      ) {
        this.decorations = highlightsFor(update.view);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function highlightsFor(view: EditorView): DecorationSet {
  const { codings, styles, focus } = view.state.field(codingsField);
  const { from, to } = view.viewport;
  return buildDecorations(codings, styles, focus, from, to);
}

/** The codings covering `pos` (touching it counts at either end), innermost last. */
export function codingsAt(state: EditorState, pos: number): CodingRange[] {
  const out: CodingRange[] = [];
  state.field(codingsField).codings.between(pos, pos, (from, to, mark) => {
    out.push({ id: mark.id, codeId: mark.codeId, from, to });
  });
  return out;
}

/** Every coding of one code, in document order. */
export function codingsOfCode(state: EditorState, codeId: string): CodingRange[] {
  const out: CodingRange[] = [];
  for (let it = state.field(codingsField).codings.iter(); it.value; it.next()) {
    if (it.value.codeId === codeId) out.push({ id: it.value.id, codeId, from: it.from, to: it.to });
  }
  return out;
}

const UNKNOWN: CodeStyle = { name: "Unknown code", color: "#8a8f8c", order: Number.MAX_SAFE_INTEGER };

/**
 * One mark per piece of text with the same codes (see highlight-style.ts), for [from, to)
 * only. Pieces with the same codes share one Decoration object.
 */
function buildDecorations(
  codings: RangeSet<CodingMark>,
  styles: Map<string, CodeStyle>,
  focus: string | null,
  from: number,
  to: number,
): DecorationSet {
  if (codings.size === 0) return Decoration.none;
  const ranges: Array<{ from: number; to: number; codeId: string }> = [];
  codings.between(from, to, (a, b, mark) => {
    ranges.push({ from: a, to: b, codeId: mark.codeId });
  });
  const styleOf = (id: string) => styles.get(id) ?? UNKNOWN;
  const cache = new Map<string, Decoration>();
  const builder = new RangeSetBuilder<Decoration>();
  for (const piece of segments(ranges, from, to)) {
    const codeIds = piece.codeIds.sort((a, b) => styleOf(a).order - styleOf(b).order || (a < b ? -1 : 1));
    const key = codeIds.join(" ");
    let deco = cache.get(key);
    if (!deco) {
      const focused = focus !== null && codeIds.includes(focus);
      deco = Decoration.mark({
        class: focused ? "thk-coded thk-coded--focus" : "thk-coded",
        attributes: {
          "data-code-ids": key,
          style: highlightCss(highlightStyle(codeIds.map((id) => styleOf(id).color))),
          title: codeIds.map((id) => styleOf(id).name).join(", "),
        },
      });
      cache.set(key, deco);
    }
    builder.add(piece.from, piece.to, deco);
  }
  return builder.finish();
}
