import { describe, expect, it } from "vitest";
import { createRandom } from "~/lib/demo/random";
import { designShare, type DesignStratum } from "~/lib/estimates/design-share";
import { wilsonInterval } from "~/lib/estimates/wilson";

const whole = (value: string, population: number, done: number, positives: number): DesignStratum => ({
  value,
  population,
  groupPopulation: population,
  done,
  groupDone: done,
  groupPositives: positives,
});

describe("Wilson interval", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857–872, Table II, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i gives Newcombe's published interval", (x, n, low, high) => {
    const interval = wilsonInterval(x / n, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });
});

describe("design-based share", () => {
  it("reproduces the textbook stratified proportion and its variance", () => {
    // Scheaffer, Mendenhall & Ott, Elementary Survey Sampling, ch. 5: households in town A, town B
    // and the rural area (N = 155, 62, 93; n = 20, 8, 12) of which 16, 2 and 6 watch the show.
    // p̂_st = (155·0.8 + 62·0.25 + 93·0.5)/310 = 0.60; V̂ = (1/N²) Σ N_h² (1 − n_h/N_h) p̂q̂/(n_h − 1)
    // = 0.0045483, so the book's bound 2·√V̂ is 0.13.
    const result = designShare([whole("A", 155, 20, 16), whole("B", 62, 8, 2), whole("C", 93, 12, 6)]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.estimate).toBeCloseTo(0.6, 12);
    expect(result.se ** 2).toBeCloseTo(0.0045483, 6);
    expect(2 * result.se).toBeCloseTo(0.13, 2);
    expect(result.low).toBeLessThan(0.6);
    expect(result.high).toBeGreaterThan(0.6);
  });

  it("gives a stratum's own share and Wilson interval when the group is that stratum", () => {
    const stratumB = { ...whole("B", 62, 8, 2) };
    const others = [
      { ...whole("A", 155, 20, 16), groupPopulation: 0, groupDone: 0, groupPositives: 0 },
      { ...whole("C", 93, 12, 6), groupPopulation: 0, groupDone: 0, groupPositives: 0 },
    ];
    const result = designShare([others[0]!, stratumB, others[1]!]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.estimate).toBeCloseTo(0.25, 12);
    // One stratum: variance (1 − f) p q / (n − 1), the interval Wilson's on (n − 1)/(1 − f) rows.
    expect(result.se ** 2).toBeCloseTo(((1 - 8 / 62) * 0.25 * 0.75) / 7, 12);
    const wilson = wilsonInterval(0.25, 7 / (1 - 8 / 62));
    expect(result.low).toBeCloseTo(wilson.low, 12);
  });

  it("says why instead of showing a number when the data cannot support one", () => {
    expect(designShare([whole("A", 100, 0, 0)])).toEqual({ ok: false, reason: "No coded rows in this group yet." });
    expect(designShare([whole("A", 100, 3, 1)])).toMatchObject({ ok: false, reason: expect.stringMatching(/Only 3 coded rows/) });
    expect(designShare([whole("A", 100, 10, 1), whole("north", 50, 1, 0)])).toMatchObject({
      ok: false,
      reason: 'Stratum "north" has 1 coded row; each stratum needs at least 2.',
    });
  });

  it("a census of the table has no sampling error", () => {
    const result = designShare([whole("A", 10, 10, 3)]);
    expect(result).toMatchObject({ ok: true, estimate: 0.3, se: 0 });
  });
});

/** A synthetic table: three strata of different sizes and shares, and one segment across them. */
function syntheticTable() {
  const random = createRandom(7);
  const strata = [
    { value: "north", size: 6000, share: 0.32, segmentShare: 0.5 },
    { value: "south", size: 3000, share: 0.08, segmentShare: 0.2 },
    { value: "west", size: 1000, share: 0.55, segmentShare: 0.7 },
  ];
  return strata.map((s) => {
    const rows = Array.from({ length: s.size }, () => ({
      coded: random.chance(s.share) ? 1 : 0,
      inSegment: random.chance(s.segmentShare),
    }));
    return { ...s, rows };
  });
}

describe("interval coverage by simulation", () => {
  it("95% intervals cover the true share 93–97% of the time, for the table and for a segment", () => {
    const table = syntheticTable();
    const all = table.flatMap((s) => s.rows);
    const truth = all.reduce((sum, r) => sum + r.coded, 0) / all.length;
    const segmentRows = all.filter((r) => r.inSegment);
    const segmentTruth = segmentRows.reduce((sum, r) => sum + r.coded, 0) / segmentRows.length;
    const random = createRandom(2024);
    const allocation = [150, 75, 25]; // proportional, 250 of 10,000
    let covered = 0;
    let segmentCovered = 0;
    const draws = 1000;
    for (let draw = 0; draw < draws; draw++) {
      const overall: DesignStratum[] = [];
      const segment: DesignStratum[] = [];
      table.forEach((s, h) => {
        const picked = random.shuffle(s.rows).slice(0, allocation[h]);
        const positives = picked.reduce((sum, r) => sum + r.coded, 0);
        const inSegment = picked.filter((r) => r.inSegment);
        overall.push(whole(s.value, s.rows.length, picked.length, positives));
        segment.push({
          value: s.value,
          population: s.rows.length,
          groupPopulation: s.rows.filter((r) => r.inSegment).length,
          done: picked.length,
          groupDone: inSegment.length,
          groupPositives: inSegment.reduce((sum, r) => sum + r.coded, 0),
        });
      });
      const a = designShare(overall);
      const b = designShare(segment);
      if (!a.ok || !b.ok) throw new Error("every draw should support an estimate");
      if (a.low <= truth && truth <= a.high) covered++;
      if (b.low <= segmentTruth && segmentTruth <= b.high) segmentCovered++;
    }
    expect(covered / draws).toBeGreaterThanOrEqual(0.93);
    expect(covered / draws).toBeLessThanOrEqual(0.97);
    expect(segmentCovered / draws).toBeGreaterThanOrEqual(0.93);
    expect(segmentCovered / draws).toBeLessThanOrEqual(0.97);
  });
});
