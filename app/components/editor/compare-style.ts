/**
 * Compare mode (`?compare=coderA,coderB`): each compared coder gets a colour and a pattern
 * (solid, dashed, dotted…), so their bands stay apart for colour-blind readers too. Shared by
 * the legend (React) and the editor marks (CodeMirror); no browser APIs.
 */
const CODER_COLORS = ["#1d4ed8", "#c2410c", "#7e22ce", "#047857", "#be123c", "#a16207", "#0f766e", "#4338ca", "#b45309", "#15803d"];
const PATTERNS = ["solid", "dashed", "dotted", "dash-dot"] as const;
export type CoderPattern = (typeof PATTERNS)[number];

/** Band thickness and the step between stacked bands, in px. */
const BAND = 3;
const STEP = 4;

export interface CoderLook {
  color: string;
  pattern: CoderPattern;
}

export function coderLook(index: number): CoderLook {
  return { color: CODER_COLORS[index % CODER_COLORS.length]!, pattern: PATTERNS[index % PATTERNS.length]! };
}

function bandImage({ color, pattern }: CoderLook): string {
  switch (pattern) {
    case "solid":
      return `linear-gradient(${color}, ${color})`;
    case "dashed":
      return `repeating-linear-gradient(90deg, ${color} 0 7px, transparent 7px 11px)`;
    case "dotted":
      return `repeating-linear-gradient(90deg, ${color} 0 3px, transparent 3px 6px)`;
    case "dash-dot":
      return `repeating-linear-gradient(90deg, ${color} 0 8px, transparent 8px 10px, ${color} 10px 12px, transparent 12px 14px)`;
  }
}

/**
 * Inline CSS for a piece of text coded by these coders (indices into the compare list): one
 * band per coder above the text, stacked in list order, so the code colours below (fill and
 * underlines) stay as they are.
 */
export function coderBandsCss(indices: number[]): string {
  const sorted = [...indices].sort((a, b) => a - b);
  const images = sorted.map((i) => bandImage(coderLook(i)));
  const sizes = sorted.map(() => `100% ${BAND}px`);
  const positions = sorted.map((_, k) => `0 ${k * STEP}px`);
  return (
    `background-image: ${images.join(", ")}; background-size: ${sizes.join(", ")}; ` +
    `background-position: ${positions.join(", ")}; background-repeat: no-repeat; padding-top: ${sorted.length * STEP}px`
  );
}

/** A sample of a coder's band, for the legend. */
export function coderSampleStyle(index: number): Record<string, string> {
  return { backgroundImage: bandImage(coderLook(index)), backgroundSize: `100% ${BAND}px`, backgroundRepeat: "no-repeat", backgroundPosition: "0 50%" };
}

/** `?at=START-END` as a range, or null. */
export function parseAt(value: string | null): { from: number; to: number } | null {
  const m = /^(\d+)-(\d+)$/.exec(value ?? "");
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return to > from ? { from, to } : null;
}
