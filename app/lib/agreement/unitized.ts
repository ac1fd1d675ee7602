/**
 * Krippendorff's unitized alpha for one code, |uα (the binary, category-specific coefficient of
 * Krippendorff 2004, "Measuring the reliability of qualitative text analysis data", Quality &
 * Quantity 38: 787–800; Content Analysis, 2nd ed., §12.4), over a continuum of characters.
 * Pure: no database, no server. Offsets are UTF-16 code units, `end` exclusive.
 *
 * Each coder cuts the continuum into sections: the stretches they coded with the code (the union
 * of their codings of it, since a coder's own codings may overlap or touch) and the gaps between
 * them. The continuum is several documents laid end to end; sections never cross a document's
 * edge, so a gap ends where its document ends (no segment can be displaced into the next text).
 *
 * Observed disagreement, over ordered pairs of different coders (i, j), their segments g and h:
 *
 *   D_o = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m (m − 1) L²)
 *
 *   δ² = (b_g − b_h)² + (e_g − e_h)²   when segment g and segment h overlap,
 *      = l_g²                          when segment g lies inside a gap of coder j (or l_h², the other way),
 *      = 0                             otherwise (gap against gap).
 *
 * Expected disagreement: what the same segments would give if placed at random in the sections
 * of any coder, with N segments in all (every coder), all gaps h of every coder, and L the length:
 *
 *   D_e = (2 / L) Σ_g [ (N − 1)/3 · (2 l_g³ − 3 l_g² + l_g) + l_g² Σ_{h: l_h ≥ l_g} (l_h − l_g + 1) ]
 *         / ( m L (m L − 1) − Σ_g (l_g² − l_g) )
 *
 *   |uα = 1 − D_o / D_e, and across codes (Krippendorff 2004) uα = 1 − Σ_c D_o,c / Σ_c D_e,c.
 *
 * Cost: each coder's segments are sorted once; since a coder's segments are disjoint, a pair of
 * coders' overlapping segments is found by one merge-like sweep (O(n), not O(n²)). The expected
 * term needs only Σl, Σl², Σl³ of the segments and, for Σ_h (l_h − l_g + 1), the sorted gap
 * lengths with suffix sums: Σ_{l_h ≥ l}(l_h − l + 1) = S_{≥l} − (l − 1)·C_{≥l}.
 *
 * With more than two coders this is the 2004 definition summed over every pair of coders; the
 * 2016 revision (Krippendorff, Mathet, Bouvry & Widlöcher) changes how three or more coders are
 * combined and is not what is computed here.
 */

/** [start, end) */
export type Span = readonly [number, number];

/** The raw terms of one code over the whole continuum, so codes can be pooled. */
export interface UnitizedTerms {
  observed: number;
  expected: number;
}

/** Sorted, merged (touching ones too) copy of one coder's spans, clipped to [0, length). */
export function unionOf(spans: readonly Span[], length: number): [number, number][] {
  const sorted = spans
    .map(([s, e]): [number, number] => [Math.max(0, s), Math.min(length, e)])
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

/**
 * Σ δ² for one unordered pair of coders (the ordered sum counts it twice): overlapping segment
 * pairs give their squared boundary differences; a segment overlapping nothing of the other
 * coder lies inside one of their gaps and gives its squared length. Touching is not overlapping.
 */
function pairDisagreement(a: readonly Span[], b: readonly Span[]): number {
  let sum = 0;
  const bHit = new Uint8Array(b.length);
  let first = 0;
  for (const [as, ae] of a) {
    // b's segments are disjoint and sorted, so the first one ending after `as` only moves right.
    while (first < b.length && b[first]![1] <= as) first++;
    let hit = false;
    for (let k = first; k < b.length && b[k]![0] < ae; k++) {
      const [bs, be] = b[k]!;
      sum += (as - bs) ** 2 + (ae - be) ** 2;
      bHit[k] = 1;
      hit = true;
    }
    if (!hit) sum += (ae - as) ** 2;
  }
  b.forEach(([bs, be], k) => {
    if (!bHit[k]) sum += (be - bs) ** 2;
  });
  return sum;
}

/**
 * Accumulates one code's |uα over documents, one `add` per document with every coder's spans of
 * the code there (an empty list: the coder left the whole document uncoded).
 */
export class UnitizedAlpha {
  private length = 0;
  private pairSum = 0;
  private segments = 0;
  private sum1 = 0;
  private sum2 = 0;
  private sum3 = 0;
  private readonly segmentLengths: number[] = [];
  private readonly gapLengths: number[] = [];

  constructor(private readonly coders: number) {
    if (!Number.isInteger(coders) || coders < 2) throw new RangeError("Unitized alpha needs at least two coders.");
  }

  add(length: number, spansByCoder: readonly (readonly Span[])[]): void {
    if (spansByCoder.length !== this.coders) throw new RangeError(`Expected the spans of ${this.coders} coders.`);
    if (length <= 0) return;
    this.length += length;
    const unions = spansByCoder.map((spans) => unionOf(spans, length));
    for (let i = 0; i < unions.length; i++) {
      for (let j = i + 1; j < unions.length; j++) this.pairSum += 2 * pairDisagreement(unions[i]!, unions[j]!);
    }
    for (const union of unions) {
      let at = 0;
      for (const [s, e] of union) {
        if (s > at) this.gapLengths.push(s - at);
        const l = e - s;
        this.segments++;
        this.sum1 += l;
        this.sum2 += l * l;
        this.sum3 += l * l * l;
        this.segmentLengths.push(l);
        at = e;
      }
      if (at < length) this.gapLengths.push(length - at);
    }
  }

  /** D_o and D_e as defined above; null when nobody coded anything (no expected disagreement). */
  terms(): UnitizedTerms | null {
    const m = this.coders;
    const L = this.length;
    if (L === 0 || this.segments === 0) return null;
    const observed = this.pairSum / (m * (m - 1) * L * L);
    const placements = ((this.segments - 1) / 3) * (2 * this.sum3 - 3 * this.sum2 + this.sum1);
    const denominator = m * L * (m * L - 1) - (this.sum2 - this.sum1);
    const expected = ((2 / L) * (placements + this.inGaps())) / denominator;
    return expected > 0 ? { observed, expected } : null;
  }

  alpha(): number | null {
    const terms = this.terms();
    return alphaOf(terms ? [terms] : []);
  }

  /** Σ_g l_g² Σ_{gaps h: l_h ≥ l_g} (l_h − l_g + 1), both lists sorted and swept together. */
  private inGaps(): number {
    const gaps = Float64Array.from(this.gapLengths).sort();
    const segments = Float64Array.from(this.segmentLengths).sort();
    // suffix[k] = Σ gaps[k..]
    const suffix = new Float64Array(gaps.length + 1);
    for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
    let total = 0;
    let k = 0;
    for (const l of segments) {
      while (k < gaps.length && gaps[k]! < l) k++;
      const count = gaps.length - k;
      if (count > 0) total += l * l * (suffix[k]! - (l - 1) * count);
    }
    return total;
  }
}

/** 1 − ΣD_o / ΣD_e over the codes' terms (one code: its |uα); null when there is nothing to pool. */
export function alphaOf(terms: readonly UnitizedTerms[]): number | null {
  let observed = 0;
  let expected = 0;
  for (const t of terms) {
    observed += t.observed;
    expected += t.expected;
  }
  return expected > 0 ? 1 - observed / expected : null;
}
