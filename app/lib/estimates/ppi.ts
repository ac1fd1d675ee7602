import { clamp01, MIN_DONE_FOR_ESTIMATE, unavailable, Z95, type ShareOutcome } from "./types";

/**
 * Model-assisted share: prediction-powered inference with power tuning (PPI++, Angelopoulos,
 * Duchi & Zrnic 2023; PPI, Angelopoulos et al., Science 2023), stratified, with cross-fitted
 * predictions (cross-PPI, Zrnic & Candès, PNAS 2024).
 *
 * In each stratum h the model's mean score over the rows nobody coded is corrected by the mean
 * error of the model on the coded rows:
 *     θ_h = λ · mean_u(f) + mean_n(y − λ ŷ)
 * where ŷ are OUT-OF-FOLD predictions (from a fold model that never saw the row) and f the scores
 * of the uncoded rows by the same fold models (their mean). The estimate stays unbiased however
 * poor the model; λ ∈ [0, 1] is chosen to minimise the variance (λ = 0 is the sample alone), one λ
 * for the whole stratified estimate. With one stratum, λ, the estimate and its interval are those
 * of `ppi_py.ppi_mean_ci(Y, Yhat, Yhat_unlabeled, lam=None)` (checked in the unit tests).
 */

/** One stratum: the coded rows' labels and out-of-fold scores, and the uncoded rows' scores. */
export interface PpiStratum {
  value: string | null;
  /** Rows of the group in this stratum (the stratum's weight). */
  population: number;
  /** 0/1: does the coded row carry the code. */
  labels: readonly number[];
  /** Out-of-fold model scores of the same coded rows, in the same order. */
  predictions: readonly number[];
  /** The uncoded rows' scores, summarised: count, Σf and Σf². */
  unlabelled: { count: number; sum: number; sumOfSquares: number };
}

export interface PpiResult {
  outcome: ShareOutcome;
  /** The power-tuning weight used (0: the model was not used). */
  lambda: number;
}

interface Moments {
  n: number;
  meanY: number;
  meanYhat: number;
  /** (1/n) Σ (y − ȳ)(ŷ − ŷ̄). */
  covariance: number;
  /** Sample variance (n − 1) of the coded and uncoded scores together. */
  scoreVariance: number;
  meanU: number;
  /** Population variance (n) of the uncoded scores. */
  varianceU: number;
}

function moments(s: PpiStratum): Moments {
  const n = s.labels.length;
  const meanY = s.labels.reduce((a, b) => a + b, 0) / n;
  const meanYhat = s.predictions.reduce((a, b) => a + b, 0) / n;
  let covariance = 0;
  let sumYhat2 = 0;
  for (let i = 0; i < n; i++) {
    covariance += (s.labels[i]! - meanY) * (s.predictions[i]! - meanYhat);
    sumYhat2 += s.predictions[i]! ** 2;
  }
  const { count: N, sum, sumOfSquares } = s.unlabelled;
  const total = n + N;
  const meanAll = (n * meanYhat + sum) / total;
  const scoreVariance = total > 1 ? (sumYhat2 + sumOfSquares - total * meanAll ** 2) / (total - 1) : 0;
  const meanU = N > 0 ? sum / N : 0;
  return {
    n,
    meanY,
    meanYhat,
    covariance: covariance / n,
    scoreVariance: Math.max(0, scoreVariance),
    meanU,
    varianceU: N > 0 ? Math.max(0, sumOfSquares / N - meanU ** 2) : 0,
  };
}

/** The λ minimising Σ W_h² Var(θ_h(λ)), clipped to [0, 1] as PPI++ does. */
function tunedLambda(strata: readonly PpiStratum[], stats: readonly Moments[], total: number): number {
  let numerator = 0;
  let denominator = 0;
  strata.forEach((s, h) => {
    const m = stats[h]!;
    const w2 = (s.population / total) ** 2;
    numerator += (w2 * m.covariance) / m.n;
    denominator += (w2 * (1 + m.n / Math.max(1, s.unlabelled.count)) * m.scoreVariance) / m.n;
  });
  return denominator > 0 ? clamp01(numerator / denominator) : 0;
}

/** The stratified estimate and its variance at a given λ. */
function estimateAt(strata: readonly PpiStratum[], stats: readonly Moments[], total: number, lambda: number) {
  let estimate = 0;
  let variance = 0;
  strata.forEach((s, h) => {
    const m = stats[h]!;
    const w = s.population / total;
    let residualSquares = 0;
    const meanResidual = m.meanY - lambda * m.meanYhat;
    for (let i = 0; i < m.n; i++) residualSquares += (s.labels[i]! - lambda * s.predictions[i]! - meanResidual) ** 2;
    const thetaH = lambda * m.meanU + meanResidual;
    const varH = (lambda ** 2 * m.varianceU) / Math.max(1, s.unlabelled.count) + residualSquares / m.n / m.n;
    estimate += w * thetaH;
    variance += w * w * varH;
  });
  return { estimate, variance };
}

export function ppiShare(strata: readonly PpiStratum[], lambda?: number): PpiResult {
  const present = strata.filter((s) => s.population > 0);
  const done = present.reduce((sum, s) => sum + s.labels.length, 0);
  if (done < MIN_DONE_FOR_ESTIMATE) {
    return { lambda: 0, outcome: unavailable(`Only ${done} coded rows here; an estimate needs at least ${MIN_DONE_FOR_ESTIMATE}.`) };
  }
  for (const s of present) {
    if (s.labels.length !== s.predictions.length) throw new RangeError("Each coded row needs its out-of-fold score.");
    if (s.labels.length < 2) {
      const name = s.value === null ? "The sample" : `Stratum "${s.value}"`;
      return { lambda: 0, outcome: unavailable(`${name} has ${s.labels.length} coded rows; each stratum needs at least 2.`) };
    }
  }
  const total = present.reduce((sum, s) => sum + s.population, 0);
  const stats = present.map(moments);
  const used = lambda ?? tunedLambda(present, stats, total);
  const { estimate, variance } = estimateAt(present, stats, total, used);
  const se = Math.sqrt(variance);
  return {
    lambda: used,
    outcome: { ok: true, estimate: clamp01(estimate), low: clamp01(estimate - Z95 * se), high: clamp01(estimate + Z95 * se), se },
  };
}
