/**
 * Where coders disagree, unit by unit, in one document: the passages behind a low agreement
 * figure. Pure (no database): agreement.server.ts reads the codings, this judges them with the
 * same units and yes/no judgements the coefficients use (units.ts).
 */
import { judgements, unitRanges, type AgreementUnit, type CodedSpan, type Range } from "./units";

export interface UnitDisagreement {
  start: number;
  end: number;
  /** Per coder (in the order asked for), the codes they applied to the unit, in `codeOrder`. */
  applied: string[][];
  /** The codes some coders applied here and others did not. */
  disputed: string[];
  /**
   * Without a chosen code: the number of (code, pair of coders) that disagree here, Σ k(m − k)
   * over the disputed codes with k of m coders applying each. With one: the share of pairs
   * of coders who disagree about it, k(m − k) / (m(m − 1)/2), so 1 is two coders split.
   */
  score: number;
}

/**
 * Character "units" worth listing: the text cut at every span boundary, so each piece has one
 * constant judgement per coder and code; neighbouring pieces with the same judgements are
 * joined again, so a passage reads as the stretch the coders disagree about, not as fragments.
 */
function characterPassages(text: string, perCoder: CodedSpan[][]): Range[] {
  const cuts = new Set<number>([0, text.length]);
  for (const spans of perCoder) {
    for (const s of spans) {
      cuts.add(Math.max(0, Math.min(text.length, s.start))).add(Math.max(0, Math.min(text.length, s.end)));
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Range[] = [];
  for (let i = 0; i + 1 < points.length; i++) pieces.push([points[i]!, points[i + 1]!]);
  const judged = judgements(pieces, perCoder);
  const signature = (i: number) => [...judged].map(([code, units]) => `${code}:${units[i]!.values.join("")}`).join("|");
  const out: Range[] = [];
  let previous = "";
  pieces.forEach((piece, i) => {
    const sig = signature(i);
    const last = out[out.length - 1];
    if (last && sig === previous && last[1] === piece[0]) out[out.length - 1] = [last[0], piece[1]];
    else out.push(piece);
    previous = sig;
  });
  return out;
}

/**
 * The units of one document where the coders disagree, in text order. `code`, when given,
 * narrows the question to that code (passages are cut by its codings only); `applied` still
 * lists every code each coder applied there, so the reader sees what they chose instead.
 */
export function documentDisagreements(
  text: string,
  unit: AgreementUnit,
  perCoder: CodedSpan[][],
  code?: string,
): UnitDisagreement[] {
  const m = perCoder.length;
  const considered = code ? perCoder.map((spans) => spans.filter((s) => s.codeId === code)) : perCoder;
  if (considered.every((spans) => spans.length === 0)) return [];
  const ranges = unit === "character" ? characterPassages(text, considered) : unitRanges(text, unit);
  const disputes = judgements(ranges, considered);
  // Codes in the order the coders' spans list them (the caller orders them as the codebook does).
  const codeOrder = [...new Set(perCoder.flat().map((s) => s.codeId))];
  const applied = code ? judgements(ranges, perCoder, codeOrder) : disputes;
  const pairs = (m * (m - 1)) / 2;
  const out: UnitDisagreement[] = [];
  ranges.forEach(([start, end], i) => {
    const disputed: string[] = [];
    let score = 0;
    for (const [codeId, units] of disputes) {
      const k = units[i]!.values.filter((v) => v === "1").length;
      if (k === 0 || k === m) continue;
      disputed.push(codeId);
      score += k * (m - k);
    }
    if (disputed.length === 0 || !/\S/.test(text.slice(start, end))) return;
    const perCoderCodes = perCoder.map((_, c) => codeOrder.filter((id) => applied.get(id)?.[i]?.values[c] === "1"));
    out.push({ start, end, applied: perCoderCodes, disputed, score: code ? score / pairs : score });
  });
  return out;
}
