/**
 * How many rows of each stratum a sample draws. Proportional allocation by default (each
 * stratum's share of the sample is its share of the table), optionally with a minimum per stratum
 * so small strata can be estimated on their own; whole numbers by largest remainders (Hamilton),
 * never more than a stratum holds. The estimates weight each stratum by N_h / n_h, so any
 * allocation gives unbiased estimates; proportional keeps the weights equal.
 */

export interface StratumSize {
  value: string | null;
  population: number;
}

export class AllocationError extends Error {}

/** Shares `size` among strata in proportion to `weights`, each at most `caps[h]`. */
function shareOut(size: number, weights: readonly number[], caps: readonly number[]): number[] {
  const out = weights.map(() => 0);
  let left = size;
  // A capped stratum's surplus is shared again among the rest: at most one round per stratum.
  for (let round = 0; left > 0 && round <= weights.length; round++) {
    const open = weights.map((w, h) => (out[h]! < caps[h]! && w > 0 ? w : 0));
    const totalWeight = open.reduce((a, b) => a + b, 0);
    if (totalWeight === 0) break;
    const quotas = open.map((w) => (left * w) / totalWeight);
    const given = quotas.map((q, h) => Math.min(Math.floor(q), caps[h]! - out[h]!));
    given.forEach((g, h) => (out[h]! += g));
    left -= given.reduce((a, b) => a + b, 0);
    const byRemainder = quotas
      .map((q, h) => ({ h, remainder: q - Math.floor(q) }))
      .filter(({ h }) => open[h]! > 0 && out[h]! < caps[h]!)
      .sort((a, b) => b.remainder - a.remainder || a.h - b.h);
    for (const { h } of byRemainder) {
      if (left === 0) break;
      out[h]!++;
      left--;
    }
  }
  return out;
}

export function allocate(strata: readonly StratumSize[], size: number, minPerStratum = 0): number[] {
  const population = strata.reduce((sum, s) => sum + s.population, 0);
  if (!Number.isInteger(size) || size < 1) throw new AllocationError("The sample size must be a whole number of at least 1.");
  if (size > population) {
    throw new AllocationError(`The table has ${population} rows with text; a sample of ${size} cannot be drawn from it.`);
  }
  const base = strata.map((s) => Math.min(minPerStratum, s.population));
  const baseTotal = base.reduce((a, b) => a + b, 0);
  if (baseTotal > size) {
    throw new AllocationError(
      `At least ${minPerStratum} rows from each of ${strata.length} strata needs a sample of ${baseTotal}, more than ${size}.`,
    );
  }
  const rest = shareOut(
    size - baseTotal,
    strata.map((s) => s.population),
    strata.map((s, h) => s.population - base[h]!),
  );
  return base.map((b, h) => b + rest[h]!);
}

/**
 * A second wave: `extra` more rows, allocated so that the sample as a whole moves towards the
 * allocation it would have had at its new size, never taking back a row already drawn.
 */
export function extendAllocation(
  strata: readonly (StratumSize & { drawn: number })[],
  extra: number,
  minPerStratum = 0,
): number[] {
  const drawn = strata.reduce((sum, s) => sum + s.drawn, 0);
  const target = allocate(strata, drawn + extra, minPerStratum);
  const shortfall = strata.map((s, h) => Math.max(0, target[h]! - s.drawn));
  return shareOut(extra, shortfall, shortfall);
}
