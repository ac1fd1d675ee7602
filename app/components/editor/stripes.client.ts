import { EditorView, layer, type LayerMarker } from "@codemirror/view";
import { safeColor } from "./colors";
import { codingsField } from "./codings-field.client";

/** One bar column's width, the most columns side by side, and the label lane after them. */
const COLUMN = 9;
const MAX_COLUMNS = 6;
const LABEL_HEIGHT = 16;
/** Room the stripes need to the right of the text (the content's right padding). */
export const STRIPE_AREA = 210;

/**
 * A coding stripe in the right margin (as NVivo draws them): a bar in the code's colour beside
 * the lines its codings cover, and the code's name in a lane to the right, level with the
 * bar's top (pushed down when labels would overlap). Labels are set as text, never HTML.
 */
class StripeMarker implements LayerMarker {
  constructor(
    readonly codeId: string,
    readonly name: string,
    readonly color: string,
    readonly left: number,
    readonly top: number,
    readonly height: number,
    /** Where the label goes, relative to the bar; null when there is no room for it. */
    readonly label: { left: number; top: number; width: number } | null,
  ) {}

  eq(other: LayerMarker): boolean {
    return (
      other instanceof StripeMarker &&
      other.codeId === this.codeId &&
      other.name === this.name &&
      other.color === this.color &&
      other.left === this.left &&
      other.top === this.top &&
      other.height === this.height &&
      other.label?.left === this.label?.left &&
      other.label?.top === this.label?.top &&
      other.label?.width === this.label?.width
    );
  }

  draw(): HTMLElement {
    const el = document.createElement("div");
    el.className = "thk-stripe";
    const label = el.appendChild(document.createElement("span"));
    label.className = "thk-stripe__label";
    this.adjust(el);
    return el;
  }

  update(el: HTMLElement, prev: LayerMarker): boolean {
    if (!(prev instanceof StripeMarker)) return false;
    this.adjust(el);
    return true;
  }

  private adjust(el: HTMLElement) {
    el.dataset.codeId = this.codeId;
    el.title = this.name;
    el.style.left = `${this.left}px`;
    el.style.top = `${this.top}px`;
    el.style.height = `${this.height}px`;
    el.style.setProperty("--stripe-color", this.color);
    const label = el.firstChild as HTMLElement;
    label.textContent = this.name;
    label.hidden = this.label === null;
    if (this.label) {
      label.style.left = `${this.label.left}px`;
      label.style.top = `${this.label.top}px`;
      label.style.maxWidth = `${this.label.width}px`;
    }
  }
}

interface Run {
  codeId: string;
  top: number;
  bottom: number;
}

/** Vertical extent of [from, to) relative to the layer's origin, for rendered positions. */
function extent(view: EditorView, from: number, to: number, baseTop: number): { top: number; bottom: number } | null {
  const start = view.coordsAtPos(from, 1);
  const end = view.coordsAtPos(to, -1);
  if (start && end) return { top: start.top - baseTop, bottom: end.bottom - baseTop };
  // Not drawn (inside a gap): use the line blocks' estimated heights.
  const docTop = view.documentTop - baseTop;
  return { top: docTop + view.lineBlockAt(from).top, bottom: docTop + view.lineBlockAt(to).bottom };
}

function markers(view: EditorView): StripeMarker[] {
  const { codings, styles } = view.state.field(codingsField);
  if (codings.size === 0) return [];
  const scroller = view.scrollDOM.getBoundingClientRect();
  const baseTop = scroller.top - view.scrollDOM.scrollTop;
  const baseLeft = scroller.left - view.scrollDOM.scrollLeft;
  const content = view.contentDOM.getBoundingClientRect();
  const areaLeft = content.right - baseLeft - STRIPE_AREA + 14;

  // Per code, the vertical spans of its codings in the rendered viewport, merged into runs.
  const { from: vFrom, to: vTo } = view.viewport;
  const spans = new Map<string, Array<{ top: number; bottom: number }>>();
  codings.between(vFrom, vTo, (from, to, mark) => {
    const box = extent(view, Math.max(from, vFrom), Math.min(to, vTo), baseTop);
    if (!box || box.bottom <= box.top) return;
    let list = spans.get(mark.codeId);
    if (!list) spans.set(mark.codeId, (list = []));
    list.push(box);
  });
  const runs: Run[] = [];
  for (const [codeId, list] of spans) {
    list.sort((a, b) => a.top - b.top);
    let current: Run | null = null;
    for (const box of list) {
      if (current && box.top <= current.bottom + 2) current.bottom = Math.max(current.bottom, box.bottom);
      else runs.push((current = { codeId, top: box.top, bottom: box.bottom }));
    }
  }

  // Columns: each run takes the leftmost column free over its height (interval colouring).
  const order = (id: string) => styles.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  runs.sort((a, b) => a.top - b.top || order(a.codeId) - order(b.codeId));
  const columnEnds: number[] = [];
  const placed: Array<{ run: Run; column: number }> = [];
  for (const run of runs) {
    let column = columnEnds.findIndex((end) => end + 3 <= run.top);
    if (column === -1) {
      if (columnEnds.length >= MAX_COLUMNS) continue; // too many at once: the codebook still counts them
      column = columnEnds.length;
      columnEnds.push(run.bottom);
    } else {
      columnEnds[column] = run.bottom;
    }
    placed.push({ run, column });
  }

  // Labels: in a lane after the columns in use, each level with its bar or just below the
  // previous label; one that would drift well past its bar is left to the bar's tooltip.
  const laneLeft = areaLeft + columnEnds.length * COLUMN + 4;
  const laneWidth = Math.max(0, content.right - baseLeft - laneLeft - 4);
  let labelsEnd = -Infinity;
  const out: StripeMarker[] = [];
  for (const { run, column } of placed) {
    const style = styles.get(run.codeId);
    const left = Math.round(areaLeft + column * COLUMN);
    const top = Math.round(run.top);
    let label: StripeMarker["label"] = null;
    const labelTop = Math.max(run.top, labelsEnd);
    if (laneWidth >= 40 && labelTop <= Math.max(run.bottom, run.top + LABEL_HEIGHT) + LABEL_HEIGHT) {
      label = { left: Math.round(laneLeft - left), top: Math.round(labelTop - run.top), width: Math.round(laneWidth) };
      labelsEnd = labelTop + LABEL_HEIGHT;
    }
    out.push(
      new StripeMarker(
        run.codeId,
        style?.name ?? "Unknown code",
        safeColor(style?.color),
        left,
        top,
        Math.max(8, Math.round(run.bottom - run.top)),
        label,
      ),
    );
  }
  return out;
}

export interface StripeOptions {
  onStripeClick(codeId: string): void;
}

export function codingStripes(opts: StripeOptions) {
  return [
    layer({
      above: true,
      class: "thk-stripes",
      update: (update) =>
        update.docChanged ||
        update.viewportChanged ||
        update.geometryChanged ||
        update.startState.field(codingsField) !== update.state.field(codingsField),
      markers,
      mount(dom) {
        dom.addEventListener("click", (event) => {
          const stripe = (event.target as HTMLElement).closest<HTMLElement>(".thk-stripe");
          if (stripe?.dataset.codeId) opts.onStripeClick(stripe.dataset.codeId);
        });
      },
    }),
    EditorView.contentAttributes.of({ style: `padding-right: ${STRIPE_AREA}px` }),
  ];
}
