import { describe, expect, it } from "vitest";
import { createRandom } from "~/lib/demo/random";
import { designShare } from "~/lib/estimates/design-share";
import { ppiShare, type PpiStratum } from "~/lib/estimates/ppi";
import reference from "../fixtures/estimates/ppi-mean.json";

interface ReferenceCase {
  labels: number[];
  predictions: number[];
  unlabelled: PpiStratum["unlabelled"];
  lambda: number;
  estimate: number;
  low: number;
  high: number;
  cross: { estimate: number; low: number; high: number };
}

const cases = reference as ReferenceCase[];
const stratumOf = (c: ReferenceCase): PpiStratum => ({
  value: null,
  population: c.labels.length + c.unlabelled.count,
  labels: c.labels,
  predictions: c.predictions,
  unlabelled: c.unlabelled,
});

describe("prediction-powered share against ppi_py's formulas", () => {
  // Figures from bench/reference/ppi_mean.py, which restates ppi_py's ppi_mean_ci (PPI++, λ tuned)
  // and crossppi_mean_ci (λ = 1) with numpy.
  it.each(cases.map((c, i) => [i, c] as const))("case %i: tuned λ, estimate and interval", (_, c) => {
    const { lambda, outcome } = ppiShare([stratumOf(c)]);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(lambda).toBeCloseTo(c.lambda, 10);
    expect(outcome.estimate).toBeCloseTo(c.estimate, 10);
    expect(outcome.low).toBeCloseTo(Math.max(0, c.low), 10);
    expect(outcome.high).toBeCloseTo(Math.min(1, c.high), 10);
  });

  it.each(cases.map((c, i) => [i, c] as const))("case %i: cross-PPI at λ = 1", (_, c) => {
    const { outcome } = ppiShare([stratumOf(c)], 1);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.estimate).toBeCloseTo(c.cross.estimate, 10);
    expect(outcome.low).toBeCloseTo(Math.max(0, c.cross.low), 10);
  });

  it("leans on a good model and falls back to the sample when the model knows nothing", () => {
    const good = ppiShare([stratumOf(cases[0]!)]);
    const useless = ppiShare([stratumOf(cases[2]!)]);
    expect(good.lambda).toBeGreaterThan(0.5);
    expect(useless.lambda).toBeLessThan(0.2);
  });
});

describe("model-assisted interval coverage by simulation", () => {
  it("covers the true share 93–97% of the time and is narrower than the sample alone with a useful model", () => {
    const random = createRandom(99);
    const strata = [
      { value: "phone", size: 8000, share: 0.25 },
      { value: "email", size: 4000, share: 0.1 },
    ];
    // Scores: a noisy, somewhat biased model (it over-scores), fixed for the table.
    const table = strata.map((s) =>
      Array.from({ length: s.size }, () => {
        const y = random.chance(s.share) ? 1 : 0;
        const logit = 2.2 * (y - 0.5) * 2 + 0.4 + random.normal(0, 1);
        return { y, f: 1 / (1 + Math.exp(-logit)) };
      }),
    );
    const all = table.flat();
    const truth = all.reduce((sum, r) => sum + r.y, 0) / all.length;
    const allocation = [100, 50];
    const draws = 1000;
    let covered = 0;
    let narrower = 0;
    for (let draw = 0; draw < draws; draw++) {
      const ppi: PpiStratum[] = [];
      const design = [];
      for (let h = 0; h < strata.length; h++) {
        const rows = table[h]!;
        const order = random.shuffle(rows.map((_, i) => i));
        const picked = new Set(order.slice(0, allocation[h]));
        const labelled = [...picked].map((i) => rows[i]!);
        let sum = 0;
        let sumOfSquares = 0;
        rows.forEach((r, i) => {
          if (picked.has(i)) return;
          sum += r.f;
          sumOfSquares += r.f * r.f;
        });
        ppi.push({
          value: strata[h]!.value,
          population: rows.length,
          labels: labelled.map((r) => r.y),
          predictions: labelled.map((r) => r.f),
          unlabelled: { count: rows.length - labelled.length, sum, sumOfSquares },
        });
        const positives = labelled.reduce((s, r) => s + r.y, 0);
        design.push({
          value: strata[h]!.value,
          population: rows.length,
          groupPopulation: rows.length,
          done: labelled.length,
          groupDone: labelled.length,
          groupPositives: positives,
        });
      }
      const model = ppiShare(ppi).outcome;
      const sample = designShare(design);
      if (!model.ok || !sample.ok) throw new Error("every draw should support an estimate");
      if (model.low <= truth && truth <= model.high) covered++;
      if (model.high - model.low < sample.high - sample.low) narrower++;
    }
    expect(covered / draws).toBeGreaterThanOrEqual(0.93);
    expect(covered / draws).toBeLessThanOrEqual(0.97);
    expect(narrower / draws).toBeGreaterThan(0.9);
  });
});
