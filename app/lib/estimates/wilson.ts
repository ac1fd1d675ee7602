import { clamp01, Z95, type ShareInterval } from "./types";

/**
 * The Wilson score interval for a proportion `p` observed on `n` units (Wilson 1927; Newcombe
 * 1998, method 3). Unlike the normal ("Wald") interval it stays inside [0, 1] and keeps close to
 * its nominal coverage for small counts and shares near 0 or 1, which is where coded samples
 * live. `n` may be an effective sample size (not a whole number) for a weighted design.
 */
export function wilsonInterval(p: number, n: number, z: number = Z95): ShareInterval {
  if (!(n > 0)) throw new RangeError("A Wilson interval needs at least one observation.");
  if (!(p >= 0 && p <= 1)) throw new RangeError("A share must lie between 0 and 1.");
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    estimate: p,
    low: p === 0 ? 0 : clamp01(centre - half),
    high: p === 1 ? 1 : clamp01(centre + half),
    se: Math.sqrt((p * (1 - p)) / n),
  };
}
