import { MIN_DONE_FOR_ESTIMATE, unavailable, type ShareOutcome } from "./types";
import { wilsonInterval } from "./wilson";

/**
 * The design-based share of a code in a group of a table's rows (a stratum, a saved segment, or
 * the whole table), from a stratified random sample of which some rows are coded ("done").
 *
 * Each done row of stratum h stands for N_h / n_h rows of the table. The share in a group is the
 * weighted count of its coded rows with the code over the weighted count of its coded rows (the
 * ratio estimator of domain estimation, as R's `survey::svyby` computes it); for the whole table
 * this is the textbook stratified proportion Σ (N_h/N) p_h. Its variance is the linearised
 * (Taylor) variance with each stratum's finite-population correction, which for the whole table
 * is exactly Σ (N_h/N)² (1 − n_h/N_h) p_h (1 − p_h) / (n_h − 1) (Cochran, Sampling Techniques,
 * §5A; Scheaffer, Mendenhall & Ott, Elementary Survey Sampling, ch. 5).
 *
 * The interval is a Wilson interval on the design's effective sample size, p(1 − p) / variance
 * (Kish's design effect; the approach of Korn & Graubard 1998 for small counts), so it behaves
 * at 0 and 1 and with few coded rows; for one stratum it is the Wilson interval of that stratum.
 */

/** One stratum of the design, as seen from one group. */
export interface DesignStratum {
  /** The stratum's value, named in reasons ("north"); null for an unstratified sample. */
  value: string | null;
  /** Rows of the whole table in the stratum (N_h). */
  population: number;
  /** Rows of the stratum in the group (0 when the group holds none of this stratum). */
  groupPopulation: number;
  /** Done design rows of the stratum, in the group or not (n_h). */
  done: number;
  /** Done design rows of the stratum that are in the group. */
  groupDone: number;
  /** Of those, how many carry the code. */
  groupPositives: number;
}

export function designShare(strata: readonly DesignStratum[]): ShareOutcome {
  const done = strata.reduce((sum, s) => sum + s.groupDone, 0);
  if (done === 0) return unavailable("No coded rows in this group yet.");
  if (done < MIN_DONE_FOR_ESTIMATE) {
    return unavailable(
      `Only ${done} coded row${done === 1 ? "" : "s"} here; an estimate needs at least ${MIN_DONE_FOR_ESTIMATE}.`,
    );
  }
  for (const s of strata) {
    if (s.groupPopulation > 0 && s.done < 2) {
      const name = s.value === null ? "The sample" : `Stratum "${s.value}"`;
      return unavailable(`${name} has ${s.done} coded row${s.done === 1 ? "" : "s"}; each stratum needs at least 2.`);
    }
  }
  let weightedDone = 0;
  let weightedPositives = 0;
  for (const s of strata) {
    if (s.done === 0) continue;
    const weight = s.population / s.done;
    weightedDone += weight * s.groupDone;
    weightedPositives += weight * s.groupPositives;
  }
  const share = weightedPositives / weightedDone;
  const variance = linearisedVariance(strata, share, weightedDone);
  const effectiveN = share > 0 && share < 1 && variance > 0 ? (share * (1 - share)) / variance : done;
  const interval = wilsonInterval(share, effectiveN);
  return { ok: true, ...interval, se: Math.sqrt(variance) };
}

/**
 * Σ_h (1 − f_h) n_h/(n_h − 1) Σ_i (z_i − z̄_h)², with z_i = w_h d_i (y_i − R) / N̂_d, computed
 * from counts: a done row is in the group with the code, in the group without it, or outside.
 */
function linearisedVariance(strata: readonly DesignStratum[], share: number, weightedDone: number): number {
  let variance = 0;
  for (const s of strata) {
    if (s.done < 2) continue;
    const weight = s.population / s.done;
    const withCode = (weight * (1 - share)) / weightedDone;
    const withoutCode = (-weight * share) / weightedDone;
    const nWith = s.groupPositives;
    const nWithout = s.groupDone - s.groupPositives;
    const nOutside = s.done - s.groupDone;
    const mean = (nWith * withCode + nWithout * withoutCode) / s.done;
    const squares =
      nWith * (withCode - mean) ** 2 + nWithout * (withoutCode - mean) ** 2 + nOutside * mean ** 2;
    const fpc = Math.max(0, 1 - s.done / s.population);
    variance += (fpc * s.done * squares) / (s.done - 1);
  }
  return variance;
}
