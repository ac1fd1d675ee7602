/**
 * The units inter-coder agreement is measured over (API.md "Agreement and exchange"), and the
 * yes/no judgement of each coder on each unit, per code. Pure: no database, no server.
 * Offsets are UTF-16 code units, `end` exclusive, as codings' offsets are.
 */
import type { Unit } from "./coefficients";

export const agreementUnits = ["paragraph", "sentence", "character"] as const;
export type AgreementUnit = (typeof agreementUnits)[number];

/** [start, end) */
export type Range = readonly [number, number];

/** A coding as far as agreement cares: which code, where. */
export interface CodedSpan {
  codeId: string;
  start: number;
  end: number;
}

/** A line break followed by one or more lines holding nothing but spaces or tabs. */
const BLANK_LINES = /\r?\n(?:[ \t]*\r?\n)+/g;
const LINE_BREAK = /\r?\n/g;

/**
 * [from, to) without its surrounding whitespace, so a coding of the gap between units counts
 * for neither; null when nothing is left (whitespace-only pieces are not units).
 */
function trimmed(text: string, from: number, to: number): Range | null {
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  return from < to ? [from, to] : null;
}

/** The trimmed pieces of `text` between matches of `separator` (a global RegExp). */
function piecesBetween(text: string, separator: RegExp): Range[] {
  const out: Range[] = [];
  let from = 0;
  for (const match of text.matchAll(separator)) {
    const piece = trimmed(text, from, match.index);
    if (piece) out.push(piece);
    from = match.index + match[0].length;
  }
  const last = trimmed(text, from, text.length);
  if (last) out.push(last);
  return out;
}

/**
 * Paragraphs are runs between blank lines; a document with no blank line at all (one line per
 * paragraph, as many transcripts are) is cut at every line break instead. Sentences come from
 * Intl.Segmenter, which also breaks at line breaks. Ranges are sorted and do not overlap.
 */
export function unitRanges(text: string, unit: Exclude<AgreementUnit, "character">): Range[] {
  if (unit === "paragraph") {
    const hasBlankLine = text.search(BLANK_LINES) !== -1;
    return piecesBetween(text, hasBlankLine ? BLANK_LINES : LINE_BREAK);
  }
  const out: Range[] = [];
  for (const { index, segment } of new Intl.Segmenter(undefined, { granularity: "sentence" }).segment(text)) {
    const piece = trimmed(text, index, index + segment.length);
    if (piece) out.push(piece);
  }
  return out;
}

/** Sorted, merged (touching ones too) copies of one coder's spans of one code, clipped to the text. */
function merged(spans: CodedSpan[], length: number): [number, number][] {
  const sorted = spans
    .map((s): [number, number] => [Math.max(0, s.start), Math.min(length, s.end)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Index of the first range whose end is past `at` (ranges sorted and disjoint). */
function firstEndingAfter(ranges: readonly Range[], at: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One Unit per range: "1" when one of the coder's spans intersects it. */
function rangeUnits(ranges: readonly Range[], perCoder: [number, number][][]): Unit[] {
  const marks = perCoder.map((spans) => {
    const hit = new Uint8Array(ranges.length);
    for (const [s, e] of spans) {
      for (let i = firstEndingAfter(ranges, s); i < ranges.length && ranges[i]![0] < e; i++) hit[i] = 1;
    }
    return hit;
  });
  return ranges.map((_, i) => ({ values: marks.map((hit) => (hit[i] ? "1" : "0")) }));
}

/**
 * Character units without one object per character: the text is cut at every coder's span
 * boundaries, so inside each run every judgement is constant; a run is one Unit whose weight
 * is its length. Spans are merged per coder, so every cut changes some coder's judgement and
 * runs are as long as they can be.
 */
function characterRuns(length: number, perCoder: [number, number][][]): Unit[] {
  const cuts = new Set<number>([0, length]);
  for (const spans of perCoder) for (const [s, e] of spans) cuts.add(s).add(e);
  const points = [...cuts].sort((a, b) => a - b);
  const next = perCoder.map(() => 0);
  const out: Unit[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const at = points[i]!;
    const values = perCoder.map((spans, c) => {
      while (next[c]! < spans.length && spans[next[c]!]![1] <= at) next[c]!++;
      const span = spans[next[c]!];
      return span && span[0] <= at ? "1" : "0";
    });
    out.push({ values, weight: points[i + 1]! - at });
  }
  return out;
}

/**
 * Per code, the Unit[] of one document: `units` is its unit ranges, or its text length for
 * character units; `codingsByCoder[c]` the spans of coder c. `codeIds` names the codes to
 * judge (a code no coder applied here is all "0"s, which still counts across documents);
 * by default every code in the spans.
 */
export function judgements(
  units: readonly Range[] | number,
  codingsByCoder: CodedSpan[][],
  codeIds: Iterable<string> = new Set(codingsByCoder.flat().map((s) => s.codeId)),
): Map<string, Unit[]> {
  const length = typeof units === "number" ? units : Infinity;
  // Group once: filtering every coder's spans per code would be codes × codings.
  const byCode = codingsByCoder.map((spans) => {
    const groups = new Map<string, CodedSpan[]>();
    for (const span of spans) {
      const group = groups.get(span.codeId);
      if (group) group.push(span);
      else groups.set(span.codeId, [span]);
    }
    return groups;
  });
  const out = new Map<string, Unit[]>();
  for (const codeId of codeIds) {
    const perCoder = byCode.map((groups) => merged(groups.get(codeId) ?? [], length));
    out.set(codeId, typeof units === "number" ? characterRuns(units, perCoder) : rangeUnits(units, perCoder));
  }
  return out;
}
