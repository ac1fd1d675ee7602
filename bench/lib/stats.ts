/** Sorts a copy of the values ascending. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Median of the values (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = sorted(values);
  if (s.length === 0) throw new Error("median of no values");
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100) of values that are already sorted ascending. */
export function percentileOfSorted(sortedValues: ArrayLike<number>, p: number): number {
  const n = sortedValues.length;
  if (n === 0) throw new Error("percentile of no values");
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sortedValues[rank - 1] as number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: [...values] };
}
