import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

/**
 * "Land" on a passage opened from elsewhere (the matrix's "Open in editor"): the range gets a
 * mark that pulses a few times and then stays outlined for a while, so the eye finds it after
 * the scroll. Browser-only, like the rest of the editor.
 */
const setLanding = StateEffect.define<{ from: number; to: number } | null>();

const landingMark = Decoration.mark({ class: "thk-landing", attributes: { "data-landing": "true" } });

export const landingField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = tr.docChanged ? value.map(tr.changes) : value;
    for (const effect of tr.effects) {
      if (effect.is(setLanding)) {
        next = effect.value && effect.value.to > effect.value.from ? Decoration.set([landingMark.range(effect.value.from, effect.value.to)]) : Decoration.none;
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const landingTheme = EditorView.baseTheme({
  ".thk-landing": {
    outline: "2px solid #b07d1a",
    outlineOffset: "1px",
    borderRadius: "2px",
    animation: "thk-landing-pulse 0.7s ease-in-out 3",
  },
  "@keyframes thk-landing-pulse": {
    "0%, 100%": { backgroundColor: "transparent" },
    "50%": { backgroundColor: "rgb(255 214 102 / 75%)" },
  },
});

export const landing = [landingField, landingTheme];

/** How long the outline stays after the pulse. */
const LANDING_MS = 8000;

/** Marks [from, to) as the landing spot; the mark goes by itself. */
export function markLanding(view: EditorView, from: number, to: number): void {
  view.dispatch({ effects: setLanding.of({ from, to }) });
  setTimeout(() => {
    // The view may be gone by then (the person left the page).
    if (view.dom.isConnected) view.dispatch({ effects: setLanding.of(null) });
  }, LANDING_MS);
}
