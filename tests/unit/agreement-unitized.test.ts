import { describe, expect, it } from "vitest";
import { alphaOf, UnitizedAlpha, unionOf, type Span } from "~/lib/agreement/unitized";

/** |uα terms of one code over one document. */
const terms = (length: number, ...coders: Span[][]) => {
  const u = new UnitizedAlpha(coders.length);
  u.add(length, coders);
  return u.terms();
};
const alpha = (length: number, ...coders: Span[][]) => alphaOf(terms(length, ...coders) ? [terms(length, ...coders)!] : []);

/**
 * Krippendorff (2004), "Measuring the reliability of qualitative text analysis data", Quality &
 * Quantity 38: 787–800, worked example: a continuum from 150 to 450 (L = 300), coders i and j,
 * categories c and k. Published: D_o(c) = .0144, D_e(c) = .0532, |uα(c) = .7286 (from the values
 * rounded to four places); D_o(k) = 0, D_e(k) = .0490, |uα(k) = 1; across both, uα = .8587 with
 * unrounded terms (also the values DKPro Statistics' tests assert for the same data). Offsets here
 * are shifted by −150 so the continuum is one document [0, 300).
 */
const at = (start: number, length: number): Span => [start - 150, start - 150 + length];
const example = {
  c: { i: [at(225, 70), at(370, 30)], j: [at(220, 80), at(355, 20), at(400, 20)] },
  k: { i: [at(180, 60), at(300, 50)], j: [at(180, 60), at(300, 50)] },
};

describe("Krippendorff's 2004 worked example", () => {
  it("gives the published observed and expected disagreements and alphas", () => {
    // By hand, D_o(c): the overlapping pairs give (225−220)² + (295−300)² = 50 and (370−355)² +
    // (400−375)² = 850; j's [400, 420) lies in i's gap [400, 450): 20² = 400. Both orders of the
    // pair: 2 · 1,300 over m(m − 1)L² = 180,000 → .01444.
    const c = terms(300, example.c.i, example.c.j)!;
    expect(c.observed).toBeCloseTo(2600 / 180000, 12);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(1 - c.observed / c.expected).toBeCloseTo(0.7286, 4);
    const k = terms(300, example.k.i, example.k.j)!;
    expect(k.observed).toBe(0);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(alphaOf([k])).toBe(1);
    expect(alphaOf([c, k])).toBeCloseTo(0.8587, 4);
  });
});

/**
 * The definition taken literally, O(n²) over every pair of sections (segments and gaps) of every
 * pair of coders, with sections laid end to end over the documents: the reference the sweep and
 * the closed form of the expected term are checked against.
 */
function literal(documents: { length: number; coders: Span[][] }[]) {
  type Section = { b: number; l: number; w: 0 | 1 };
  const m = documents[0]!.coders.length;
  const byCoder: Section[][] = Array.from({ length: m }, () => []);
  let offset = 0;
  for (const doc of documents) {
    doc.coders.forEach((spans, c) => {
      let pos = 0;
      for (const [s, e] of unionOf(spans, doc.length)) {
        if (s > pos) byCoder[c]!.push({ b: offset + pos, l: s - pos, w: 0 });
        byCoder[c]!.push({ b: offset + s, l: e - s, w: 1 });
        pos = e;
      }
      if (pos < doc.length) byCoder[c]!.push({ b: offset + pos, l: doc.length - pos, w: 0 });
    });
    offset += doc.length;
  }
  const L = offset;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      for (const g of byCoder[i]!) {
        for (const h of byCoder[j]!) {
          const d = g.b - h.b;
          if (g.w && h.w && -g.l < d && d < h.l) sum += d ** 2 + (g.b + g.l - h.b - h.l) ** 2;
          else if (g.w && !h.w && h.l - g.l >= d && d >= 0) sum += g.l ** 2;
          else if (!g.w && h.w && g.l - h.l >= -d && -d >= 0) sum += h.l ** 2;
        }
      }
    }
  }
  const all = byCoder.flat();
  const segments = all.filter((s) => s.w);
  let numerator = 0;
  for (const g of segments) {
    let inGaps = 0;
    for (const h of all) if (!h.w && h.l >= g.l) inGaps += h.l - g.l + 1;
    numerator += ((segments.length - 1) / 3) * (2 * g.l ** 3 - 3 * g.l ** 2 + g.l) + g.l ** 2 * inGaps;
  }
  const denominator = m * L * (m * L - 1) - segments.reduce((s, g) => s + g.l ** 2 - g.l, 0);
  return { observed: sum / (m * (m - 1) * L * L), expected: ((2 / L) * numerator) / denominator };
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("UnitizedAlpha", () => {
  it("matches the literal O(n²) definition on random codings of several documents and coders", () => {
    const next = random(7);
    for (let trial = 0; trial < 40; trial++) {
      const m = 2 + (trial % 3);
      const documents = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const length = 20 + Math.floor(next() * 200);
        const coders = Array.from({ length: m }, () =>
          Array.from({ length: Math.floor(next() * 6) }, (): Span => {
            const s = Math.floor(next() * length);
            return [s, Math.min(length, s + 1 + Math.floor(next() * 40))];
          }),
        );
        return { length, coders };
      });
      if (documents.every((d) => d.coders.every((c) => c.length === 0))) continue;
      const u = new UnitizedAlpha(m);
      for (const d of documents) u.add(d.length, d.coders);
      const want = literal(documents);
      const got = u.terms()!;
      expect(got.observed).toBeCloseTo(want.observed, 12);
      expect(got.expected).toBeCloseTo(want.expected, 12);
    }
  });

  it("is 1 when the coders agree exactly, in every document", () => {
    const u = new UnitizedAlpha(3);
    u.add(100, [[[10, 30]], [[10, 30]], [[10, 30]]]);
    u.add(50, [[], [], []]);
    u.add(80, [[[0, 80]], [[0, 80]], [[0, 80]]]);
    expect(u.alpha()).toBe(1);
  });

  it("falls smoothly as one coder's start moves away from the other's", () => {
    const shifted = [0, 1, 2, 5, 10, 20].map((d) => alpha(200, [[50, 100]], [[50 + d, 100]])!);
    expect(shifted[0]).toBe(1);
    for (let k = 1; k < shifted.length; k++) expect(shifted[k]!).toBeLessThan(shifted[k - 1]!);
    // One character off costs little: D_o = 2·1² / (2·200²).
    expect(shifted[1]).toBeGreaterThan(0.99);
  });

  it("is at most 0 when the coders code disjoint stretches", () => {
    // [0, 50) against [50, 100) in L = 100: each segment lies in the other's gap, D_o = 2 · 2 · 50² /
    // (2 · 100²) = .5; D_e = (2/100) · 2 · (80,850 + 2,500 · 2) / (39,800 − 4,900) = .09839 → −4.08.
    const a = alpha(100, [[0, 50]], [[50, 100]])!;
    expect(a).toBeCloseTo(1 - 0.5 / ((0.02 * 2 * (80850 + 5000)) / 34900), 10);
    expect(a).toBeLessThanOrEqual(0);
  });

  it("takes the union of a coder's own overlapping or touching codings", () => {
    expect(alpha(100, [[10, 30], [20, 40], [40, 50]], [[10, 50]])).toBe(1);
    expect(unionOf([[20, 40], [10, 30], [45, 60], [-5, 2], [90, 120]], 100)).toEqual([[0, 2], [10, 40], [45, 60], [90, 100]]);
  });

  it("does not depend on the order of the coders", () => {
    const one: Span[] = [[5, 40], [60, 70]];
    const two: Span[] = [[0, 35], [65, 90]];
    const three: Span[] = [[10, 20]];
    expect(alpha(100, one, two, three)).toBeCloseTo(alpha(100, three, one, two)!, 12);
  });

  it("is undefined when nobody coded the code, and refuses fewer than two coders", () => {
    expect(terms(100, [], [])).toBeNull();
    expect(alpha(100, [], [])).toBeNull();
    expect(alphaOf([])).toBeNull();
    expect(() => new UnitizedAlpha(1)).toThrow(RangeError);
  });
});
