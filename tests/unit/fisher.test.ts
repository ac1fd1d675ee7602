import { describe, expect, it } from "vitest";
import { fisherExactTwoSided } from "~/lib/datasets/fisher";
import { judge } from "~/lib/datasets/representation.server";

describe("fisherExactTwoSided", () => {
  it("gives the lady tasting tea her p = 0.4857 (Fisher 1935, The Design of Experiments, ch. II)", () => {
    // 8 cups, 4 milk first; she named 3 of the 4 correctly.
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
  });

  it("matches Fisher's like-sex twins convictions, p = 0.0005367 (Fisher 1962; R's ?fisher.test example)", () => {
    // Convicted / not convicted: dizygotic 2 / 15, monozygotic 10 / 3.
    expect(fisherExactTwoSided(2, 15, 10, 3)).toBeCloseTo(0.0005367, 7);
  });

  it("matches the studying-by-sex example, p = 0.002759 (Wikipedia, \"Fisher's exact test\", Example)", () => {
    // Men: 1 studying, 11 not; women: 9 studying, 3 not.
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(0.002759, 6);
  });

  it("is the same for a table, its transpose, and its rows or columns swapped", () => {
    const p = fisherExactTwoSided(2, 7, 8, 2);
    for (const q of [fisherExactTwoSided(2, 8, 7, 2), fisherExactTwoSided(8, 2, 2, 7), fisherExactTwoSided(7, 2, 2, 8)]) {
      expect(q).toBeCloseTo(p, 12);
    }
  });

  it("counts the mirror table of a symmetric one in full (p = 1 for a perfectly balanced table)", () => {
    // [[2,2],[2,2]] is the most likely table: every table is as extreme or more, so p = 1.
    expect(fisherExactTwoSided(2, 2, 2, 2)).toBeCloseTo(1, 12);
    // [[4,0],[0,4]] and [[0,4],[4,0]] are equally extreme: 2 × 1/70.
    expect(fisherExactTwoSided(4, 0, 0, 4)).toBeCloseTo(2 / 70, 12);
  });

  it("answers 1 when a margin is empty and refuses non-counts", () => {
    expect(fisherExactTwoSided(0, 0, 5, 5)).toBeCloseTo(1, 12);
    expect(fisherExactTwoSided(0, 0, 0, 0)).toBeCloseTo(1, 12);
    expect(() => fisherExactTwoSided(1.5, 0, 0, 1)).toThrow(RangeError);
    expect(() => fisherExactTwoSided(-1, 0, 0, 1)).toThrow(RangeError);
  });
});

describe("representation verdict", () => {
  it("calls a code over-represented when the share inside is higher and p < 0.05", () => {
    const r = judge("c", "s", { insideCases: 10, insideWith: 9, outsideCases: 10, outsideWith: 1 });
    expect(r).toMatchObject({ verdict: "over", ratio: 9, inside: { share: 0.9 }, outside: { share: 0.1 } });
    expect(r.pValue).toBeCloseTo(fisherExactTwoSided(9, 1, 1, 9), 12);
  });

  it("calls it under-represented the other way round, and no_difference when p ≥ 0.05", () => {
    expect(judge("c", "s", { insideCases: 10, insideWith: 1, outsideCases: 10, outsideWith: 9 }).verdict).toBe("under");
    const tea = judge("c", "s", { insideCases: 4, insideWith: 3, outsideCases: 4, outsideWith: 1 });
    expect(tea).toMatchObject({ verdict: "no_difference", ratio: 3 });
    expect(tea.pValue).toBeCloseTo(0.4857, 4);
  });

  it("has not enough data when either side has no cases", () => {
    const r = judge("c", "s", { insideCases: 0, insideWith: 0, outsideCases: 5, outsideWith: 2 });
    expect(r).toMatchObject({ verdict: "not_enough_data", pValue: null, ratio: null, inside: { share: null } });
  });
});
