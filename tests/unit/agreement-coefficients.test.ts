import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement, type Unit } from "~/lib/agreement/coefficients";

/** `count` copies of a unit, or one unit weighted `count`: the two must give the same results. */
const repeated = (values: (string | null)[], count: number): Unit[] => Array.from({ length: count }, () => ({ values }));
const weighted = (values: (string | null)[], count: number): Unit[] => [{ values, weight: count }];

/** Units from one row per coder, "." marking a missing value (as in Krippendorff's tables). */
const fromCoders = (...coders: string[]): Unit[] => {
  const rows = coders.map((row) => row.split(" "));
  return rows[0]!.map((_, u) => ({ values: rows.map((row) => (row[u] === "." ? null : row[u]!)) }));
};

// Wikipedia, "Cohen's kappa", Examples: 50 proposals, A and B say yes or no.
const cohenTable: [(string | null)[], number][] = [
  [["yes", "yes"], 20],
  [["yes", "no"], 5],
  [["no", "yes"], 10],
  [["no", "no"], 15],
];

// Fleiss (1971) / Wikipedia, "Fleiss' kappa", Worked example: 10 subjects, 14 raters, 5 categories.
const fleissTable = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];
const fleissUnits = (): Unit[] => fleissTable.map((row) => ({ values: row.flatMap((count, j) => Array<string>(count).fill(`category ${j + 1}`)) }));

describe("percentAgreement", () => {
  it("pools the agreeing pairs of every unit with two values or more", () => {
    // [a a a]: 3 pairs, 3 agree; [a b .]: 1 pair, none agree; [a .]: no pair, left out → 3 / 4.
    const units: Unit[] = [{ values: ["a", "a", "a"] }, { values: ["a", "b", null] }, { values: ["a", null] }];
    expect(percentAgreement(units)).toBe(0.75);
    // Weighting the disagreeing unit 2 gives it 2 pairs: 3 / 5.
    expect(percentAgreement([units[0]!, { ...units[1]!, weight: 2 }, units[2]!])).toBeCloseTo(0.6, 12);
  });

  it("is 35 / 50 on the Cohen example, weighted or expanded", () => {
    expect(percentAgreement(cohenTable.flatMap(([v, n]) => repeated(v, n)))).toBeCloseTo(0.7, 12);
    expect(percentAgreement(cohenTable.flatMap(([v, n]) => weighted(v, n)))).toBeCloseTo(0.7, 12);
  });

  it("is null when no unit has two values", () => {
    expect(percentAgreement([])).toBeNull();
    expect(percentAgreement([{ values: ["a", null] }, { values: [null, null] }])).toBeNull();
  });
});

describe("cohenKappa", () => {
  it("gives κ = 0.40 on the 50 proposals (Wikipedia, \"Cohen's kappa\", Examples)", () => {
    // p_o = 35/50 = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.2 / 0.5 = 0.4.
    expect(cohenKappa(cohenTable.flatMap(([v, n]) => repeated(v, n)))).toBeCloseTo(0.4, 12);
  });

  it("gives the same κ with 4 weighted units as with the 50 expanded ones", () => {
    const expanded = cohenKappa(cohenTable.flatMap(([v, n]) => repeated(v, n)));
    expect(cohenKappa(cohenTable.flatMap(([v, n]) => weighted(v, n)))).toBeCloseTo(expanded!, 12);
  });

  it("leaves out units where either coder gave no value", () => {
    const units = [...cohenTable.flatMap(([v, n]) => weighted(v, n)), { values: ["yes", null] }, { values: [null, "no"], weight: 7 }];
    expect(cohenKappa(units)).toBeCloseTo(0.4, 12);
  });

  it("is 1 for two coders who always agree", () => {
    expect(cohenKappa([...weighted(["x", "x"], 3), ...weighted(["y", "y"], 2)])).toBe(1);
  });

  it("is null with no units, or when expected agreement is 1 (one category throughout)", () => {
    expect(cohenKappa([])).toBeNull();
    expect(cohenKappa([{ values: ["a", null] }])).toBeNull();
    expect(cohenKappa(repeated(["a", "a"], 5))).toBeNull();
  });
});

describe("fleissKappa", () => {
  it("gives κ = 0.210 on 10 subjects × 14 raters (Fleiss 1971; Wikipedia, \"Fleiss' kappa\", Worked example)", () => {
    // Wikipedia: P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
    expect(fleissKappa(fleissUnits())).toBeCloseTo(0.21, 3);
  });

  it("gives the same κ when the table's units are weighted copies", () => {
    const units = fleissUnits();
    const expanded = units.flatMap((u, i) => repeated(u.values, i + 1));
    const collapsed = units.map((u, i) => ({ ...u, weight: i + 1 }));
    expect(fleissKappa(collapsed)).toBeCloseTo(fleissKappa(expanded)!, 12);
  });

  it("equals Scott's π for two coders: on the Cohen example, (0.7 − 0.5) / (1 − 0.5) = 0.4", () => {
    // Pooled margins: yes = 55/100, no = 45/100, P_e = 0.505; κ = (0.7 − 0.505) / 0.495.
    expect(fleissKappa(cohenTable.flatMap(([v, n]) => weighted(v, n)))).toBeCloseTo(0.195 / 0.495, 12);
  });

  it("leaves out units with a missing value, and is null when coder counts differ or agreement is certain", () => {
    expect(fleissKappa([...fleissUnits(), { values: ["category 1", null, "category 2"] }])).toBeCloseTo(0.21, 3);
    expect(fleissKappa([{ values: ["a", "b"] }, { values: ["a", "b", "a"] }])).toBeNull();
    expect(fleissKappa(repeated(["a", "a", "a"], 4))).toBeNull();
    expect(fleissKappa([{ values: ["a"] }, { values: ["b"] }])).toBeNull();
    expect(fleissKappa([])).toBeNull();
  });

  it("is 1 when every coder always agrees", () => {
    expect(fleissKappa([{ values: ["a", "a", "a"] }, { values: ["b", "b", "b"], weight: 3 }])).toBe(1);
  });
});

describe("krippendorffAlpha", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
  // Communication Departmental Papers 43, example A: binary data, two observers, no missing data.
  const binary = fromCoders("0 1 0 0 0 0 0 0 1 0", "1 1 1 0 0 1 0 0 0 0");

  it("gives α = 0.095 on the binary two-observer example (Krippendorff 2011, A)", () => {
    // o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20: α = 1 − 19 · 4 / (14 · 6) = 0.0952.
    expect(krippendorffAlpha(binary)).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12);
    expect(krippendorffAlpha(binary)).toBeCloseTo(0.095, 3);
  });

  it("gives α = 0.743 on the nominal example with missing data, 4 observers × 12 units (Krippendorff 2011, C)", () => {
    const units = fromCoders(
      "1 2 3 3 2 1 4 1 2 . . .",
      "1 2 3 3 2 2 4 1 2 5 . 3",
      ". 3 3 3 2 3 4 2 2 5 1 .",
      "1 2 3 3 2 4 4 1 2 5 1 .",
    );
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743, 3);
    // Unit 12 has a single value, so it is not pairable: leaving it out changes nothing.
    expect(krippendorffAlpha(units.slice(0, 11))).toBe(krippendorffAlpha(units));
  });

  it("gives the same α for weighted units as for the units repeated", () => {
    const expanded = binary.flatMap((u, i) => repeated(u.values, (i % 3) + 1));
    const collapsed = binary.map((u, i) => ({ ...u, weight: (i % 3) + 1 }));
    expect(krippendorffAlpha(collapsed)).toBeCloseTo(krippendorffAlpha(expanded)!, 12);
  });

  it("is 1 for coders who always agree, even with values missing", () => {
    expect(krippendorffAlpha([{ values: ["a", "a", null] }, { values: ["b", null, "b"], weight: 4 }, { values: ["c", null, null] }])).toBe(1);
  });

  it("is null when only one category is ever used, or nothing is pairable", () => {
    expect(krippendorffAlpha([])).toBeNull();
    expect(krippendorffAlpha(repeated(["a", "a", null], 3))).toBeNull();
    expect(krippendorffAlpha([{ values: ["a", null] }, { values: [null, "b"] }])).toBeNull();
  });
});

describe("weights", () => {
  it("refuses a negative or non-finite weight", () => {
    expect(() => percentAgreement([{ values: ["a", "a"], weight: -1 }])).toThrow(RangeError);
    expect(() => krippendorffAlpha([{ values: ["a", "b"], weight: Number.NaN }])).toThrow(RangeError);
  });
});
