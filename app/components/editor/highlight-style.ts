import { rgba, safeColor } from "./colors";

/**
 * How coded text looks, shared by the live editor's marks and the server-rendered preview:
 * a translucent fill per code (overlaps blend darker) and an underline per code stacked up
 * from the baseline (so each overlapping code stays distinguishable).
 */
const MAX_UNDERLINES = 4;

export interface HighlightStyle {
  backgroundImage: string;
  backgroundSize: string;
  backgroundPosition: string;
  backgroundRepeat: string;
  paddingBottom: string;
}

export function highlightStyle(colors: string[]): HighlightStyle {
  const fills = colors.map(safeColor);
  const underlines = fills.slice(0, MAX_UNDERLINES);
  return {
    backgroundImage: [
      ...underlines.map((c) => `linear-gradient(${c}, ${c})`),
      ...fills.map((c) => `linear-gradient(${rgba(c, 0.2)}, ${rgba(c, 0.2)})`),
    ].join(", "),
    backgroundSize: [...underlines.map(() => "100% 2px"), ...fills.map(() => "100% 100%")].join(", "),
    backgroundPosition: [...underlines.map((_, i) => `0 calc(100% - ${i * 3}px)`), ...fills.map(() => "0 0")].join(", "),
    backgroundRepeat: "no-repeat",
    paddingBottom: `${Math.max(0, underlines.length - 1) * 3}px`,
  };
}

export const highlightCss = (s: HighlightStyle) =>
  `background-image: ${s.backgroundImage}; background-size: ${s.backgroundSize}; ` +
  `background-position: ${s.backgroundPosition}; background-repeat: ${s.backgroundRepeat}; padding-bottom: ${s.paddingBottom}`;

export interface Segment {
  from: number;
  to: number;
  /** The codes on this piece, each once. */
  codeIds: string[];
}

/**
 * Cuts [from, to) where any coding starts or ends; each piece lists the codes on it. Pieces
 * with no code are left out.
 */
export function segments(ranges: Iterable<{ from: number; to: number; codeId: string }>, from: number, to: number): Segment[] {
  const bounds: Array<{ pos: number; delta: number; codeId: string }> = [];
  for (const r of ranges) {
    if (r.to <= from || r.from >= to || r.to <= r.from) continue;
    bounds.push({ pos: Math.max(r.from, from), delta: 1, codeId: r.codeId }, { pos: Math.min(r.to, to), delta: -1, codeId: r.codeId });
  }
  bounds.sort((a, b) => a.pos - b.pos);
  const out: Segment[] = [];
  const active = new Map<string, number>();
  let at = from;
  for (let i = 0; i < bounds.length; ) {
    const pos = bounds[i]!.pos;
    if (pos > at && active.size > 0) out.push({ from: at, to: pos, codeIds: [...active.keys()] });
    for (; i < bounds.length && bounds[i]!.pos === pos; i++) {
      const { codeId, delta } = bounds[i]!;
      const n = (active.get(codeId) ?? 0) + delta;
      if (n > 0) active.set(codeId, n);
      else active.delete(codeId);
    }
    at = pos;
  }
  return out;
}
