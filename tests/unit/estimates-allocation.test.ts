import { describe, expect, it } from "vitest";
import { allocate, AllocationError, extendAllocation } from "~/lib/estimates/allocation";

const strata = [
  { value: "north", population: 500 },
  { value: "south", population: 300 },
  { value: "west", population: 200 },
];

describe("sample allocation", () => {
  it("is proportional to the strata and adds up to the size", () => {
    expect(allocate(strata, 100)).toEqual([50, 30, 20]);
    const odd = allocate(strata, 7);
    expect(odd.reduce((a, b) => a + b, 0)).toBe(7);
    expect(odd).toEqual([4, 2, 1]); // quotas 3.5, 2.1, 1.4: the largest remainder gets the spare row
  });

  it("gives each stratum its minimum and never more rows than it holds", () => {
    const tiny = [{ value: "big", population: 10_000 }, { value: "tiny", population: 3 }];
    expect(allocate(tiny, 100)).toEqual([100, 0]);
    expect(allocate(tiny, 100, 10)).toEqual([97, 3]);
  });

  it("refuses what cannot be drawn, naming the numbers", () => {
    expect(() => allocate(strata, 1001)).toThrow(new AllocationError("The table has 1000 rows with text; a sample of 1001 cannot be drawn from it."));
    expect(() => allocate(strata, 20, 10)).toThrow(/needs a sample of 30, more than 20/);
    expect(() => allocate(strata, 0)).toThrow(AllocationError);
  });

  it("a second wave moves the sample towards its allocation at the new size without taking rows back", () => {
    const drawn = [{ ...strata[0]!, drawn: 10 }, { ...strata[1]!, drawn: 30 }, { ...strata[2]!, drawn: 20 }];
    const wave = extendAllocation(drawn, 40);
    expect(wave.reduce((a, b) => a + b, 0)).toBe(40);
    expect(wave).toEqual([40, 0, 0]); // the new size 100 wants 50/30/20
    expect(wave.every((n) => n >= 0)).toBe(true);
  });
});
