import { RangeSetBuilder, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { codingsField } from "./codings-field.client";
import { coderBandsCss } from "./compare-style";
import { segments } from "./highlight-style";

/** Which compared coder (index) made each coding; codings of anyone else get no band. */
export const setCompareAuthors = StateEffect.define<Map<string, number>>();

const authorsField = StateField.define<Map<string, number>>({
  create: () => new Map(),
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setCompareAuthors)) return e.value;
    return value;
  },
});

/** Coder bands over the viewport, cut where any compared coder's coding starts or ends. */
function bandsFor(view: EditorView, names: string[]): DecorationSet {
  const authors = view.state.field(authorsField);
  const { codings } = view.state.field(codingsField);
  if (authors.size === 0 || codings.size === 0) return Decoration.none;
  const { from, to } = view.viewport;
  const ranges: Array<{ from: number; to: number; codeId: string }> = [];
  codings.between(from, to, (a, b, mark) => {
    const coder = authors.get(mark.id);
    // segments() groups by "codeId": here the coder's index plays that part.
    if (coder !== undefined) ranges.push({ from: a, to: b, codeId: String(coder) });
  });
  const cache = new Map<string, Decoration>();
  const builder = new RangeSetBuilder<Decoration>();
  for (const piece of segments(ranges, from, to)) {
    const indices = piece.codeIds.map(Number).sort((a, b) => a - b);
    const key = indices.join(" ");
    let deco = cache.get(key);
    if (!deco) {
      deco = Decoration.mark({
        class: "thk-cmp",
        attributes: {
          "data-coders": key,
          "data-coder-names": indices.map((i) => names[i] ?? "").join(", "),
          style: coderBandsCss(indices),
        },
      });
      cache.set(key, deco);
    }
    builder.add(piece.from, piece.to, deco);
  }
  return builder.finish();
}

/** The compare layer, added to a running editor (StateEffect.appendConfig). */
export function compareMarks(names: string[]): Extension {
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = bandsFor(view, names);
      }
      update(update: ViewUpdate) {
        const changed =
          update.docChanged ||
          update.viewportChanged ||
          update.startState.field(codingsField) !== update.state.field(codingsField) ||
          update.startState.field(authorsField) !== update.state.field(authorsField);
        if (changed) this.decorations = bandsFor(update.view, names);
      }
    },
    { decorations: (p) => p.decorations },
  );
  // Bands break with the line like the code highlights do.
  const theme = EditorView.baseTheme({ ".thk-cmp": { boxDecorationBreak: "clone", WebkitBoxDecorationBreak: "clone" } });
  return [authorsField, plugin, theme];
}

export function addCompareLayer(view: EditorView, names: string[], authors: Map<string, number>): void {
  view.dispatch({ effects: [StateEffect.appendConfig.of(compareMarks(names)), setCompareAuthors.of(authors)] });
}

export function updateCompareAuthors(view: EditorView, authors: Map<string, number>): void {
  view.dispatch({ effects: setCompareAuthors.of(authors) });
}
