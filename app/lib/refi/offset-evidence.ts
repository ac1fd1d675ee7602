/**
 * How a REFI file counts positions, decided from the file itself (ADR 0140). Pure.
 *
 * The schemes that could differ for a project's texts (import-offsets.ts) are each tried on
 * every selection of every source, and scored on what a right reading shows and a wrong one
 * does not:
 * - a selection whose label is its own text (ATLAS.ti, Thicket) is decisive;
 * - people code words, not parts of them: under the right reading nearly every selection starts
 *   and ends on a word boundary, while a reading off by one or two lands inside words;
 * - a right reading never splits a surrogate pair or a CR LF, and never runs past the text.
 * Readings that place every selection the same are one candidate. The file's origin (the tool
 * that wrote it) says how that tool counts; it decides only where the evidence does not, and
 * then the choice is reported as weak, so the person checks a few codings.
 */
import { labelMatches, OFFSET_SCHEMES, sameScheme, schemeName, type OffsetScheme, type SourceText } from "./import-offsets";

export interface SelectionAt {
  start: number;
  end: number;
  name?: string;
}

export interface SourceSelections {
  text: SourceText;
  selections: readonly SelectionAt[];
}

export interface OffsetChoice {
  scheme: OffsetScheme;
  /** Set when the file does not show clearly how it counts: why, for the import report. */
  weak?: string;
}

/** How tools that name themselves in `origin` count (as observed in their exports). */
const ORIGIN_UNITS: readonly [RegExp, OffsetScheme["unit"]][] = [
  [/nvivo|thicket/i, "utf16"],
  [/qualitative[- ]coding/i, "codepoint"],
];

/** The reading the tool that wrote the file is known to use, if it is known. */
export function originScheme(origin: string | undefined): OffsetScheme | undefined {
  const unit = origin ? ORIGIN_UNITS.find(([pattern]) => pattern.test(origin))?.[1] : undefined;
  return unit && { unit, crlfAsOne: false, bomCounted: false };
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);
/** Not inside a word: a word character on neither side or on one side only. */
const onBoundary = (text: string, at: number) => !isWord(text[at - 1]) || !isWord(text[at]);

interface Candidate {
  scheme: OffsetScheme;
  labels: number;
  score: number;
  /** Where each selection lands, to tell readings that differ from readings that do not. */
  placements: string;
}

function evaluate(scheme: OffsetScheme, sources: readonly SourceSelections[]): Candidate {
  let labels = 0;
  let score = 0;
  const placements: string[] = [];
  for (const { text, selections } of sources) {
    for (const s of selections) {
      const r = text.range(scheme, s.start, s.end);
      placements.push(r ? `${r.start}:${r.end}` : "-");
      if (!r) {
        score -= 2;
        continue;
      }
      if (labelMatches(text.text.slice(r.start, r.end), s.name)) labels++;
      for (const [raw, at] of [[s.start, r.start], [s.end, r.end]] as const) {
        if (text.splits(scheme, raw)) score -= 1;
        else if (onBoundary(text.text, at)) score += 1;
      }
    }
  }
  return { scheme, labels, score, placements: placements.join(",") };
}

/** Selections placed differently by two readings. */
function differing(a: Candidate, b: Candidate): number {
  const x = a.placements.split(",");
  const y = b.placements.split(",");
  return x.reduce((n, p, i) => n + (p === y[i] ? 0 : 1), 0);
}

/** `a` beats `b` on the evidence: labels, or selection ends on boundaries by a clear margin. */
function clearlyAhead(a: Candidate, b: Candidate): boolean {
  if (a.labels !== b.labels) return a.labels > b.labels;
  const margin = a.score - b.score;
  // A right reading puts about two ends per differing selection on a boundary, a wrong one few.
  return margin >= 4 && margin >= differing(a, b);
}

export function chooseOffsetScheme(sources: readonly SourceSelections[], origin?: string): OffsetChoice {
  const possible = OFFSET_SCHEMES.filter((s) => sources.some(({ text }) => text.schemes().some((t) => sameScheme(s, t))));
  if (possible.length <= 1 || sources.every((s) => s.selections.length === 0)) return { scheme: OFFSET_SCHEMES[0]! };
  const known = originScheme(origin);
  const preferred = known && possible.find((s) => sameScheme(s, known));

  // One candidate per distinct placement, named by the preferred scheme among those that agree.
  const groups = new Map<string, Candidate>();
  for (const scheme of possible) {
    const c = evaluate(scheme, sources);
    const held = groups.get(c.placements);
    if (!held || (preferred && sameScheme(scheme, preferred))) groups.set(c.placements, c);
  }
  const candidates = [...groups.values()];
  if (candidates.length === 1) return { scheme: candidates[0]!.scheme };

  const ranked = [...candidates].sort((a, b) => b.labels - a.labels || b.score - a.score);
  const [best, second] = ranked as [Candidate, Candidate];
  if (clearlyAhead(best, second)) return { scheme: best.scheme };

  const byOrigin = preferred && candidates.find((c) => sameScheme(c.scheme, preferred));
  const chosen = byOrigin && !clearlyAhead(best, byOrigin) ? byOrigin : best;
  const runnerUp = chosen === best ? second : best;
  const n = differing(chosen, runnerUp);
  const basis = chosen === byOrigin ? `as ${origin} writes them` : "the reading that fits the text best";
  return {
    scheme: chosen.scheme,
    weak:
      `The file does not show clearly how it counts characters: ${n.toLocaleString("en-GB")} selection${n === 1 ? "" : "s"} land on different text ` +
      `when read as ${schemeName(chosen.scheme)} or as ${schemeName(runnerUp.scheme)}, and the text does not tell which is right. ` +
      `Positions were read as ${schemeName(chosen.scheme)}, ${basis}; check a few codings against the text.`,
  };
}
