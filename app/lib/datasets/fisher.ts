/**
 * Fisher's exact test for a 2×2 table, two-sided: the probability, with the margins fixed, of a
 * table at least as unlikely as the one observed. Pure, so it is tested on published examples.
 *
 *              with code   without
 *   inside         a          b
 *   outside        c          d
 */

/** ln(n!) for every n up to `max`, summed once rather than through a gamma approximation. */
function logFactorials(max: number): Float64Array {
  const table = new Float64Array(max + 1);
  for (let n = 2; n <= max; n++) table[n] = table[n - 1]! + Math.log(n);
  return table;
}

/**
 * Ties in probability (symmetric tables) are computed along different paths and can differ in
 * the last bits; a table counts as "as extreme" when within this relative distance.
 */
const RELATIVE_TOLERANCE = 1e-7;

export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const v of [a, b, c, d]) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError("Fisher's exact test needs counts: whole numbers ≥ 0.");
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  const lf = logFactorials(n);
  const fixed = lf[row1]! + lf[row2]! + lf[col1]! + lf[n - col1]! - lf[n]!;
  // Hypergeometric probability of the table whose top-left cell is x.
  const logP = (x: number) => fixed - lf[x]! - lf[row1 - x]! - lf[col1 - x]! - lf[row2 - col1 + x]!;

  const observed = logP(a);
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed + Math.log1p(RELATIVE_TOLERANCE)) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
