/**
 * Binary logistic regression with an L2 penalty and an unpenalised intercept, as scikit-learn's
 * LogisticRegression(C, class_weight) with the lbfgs solver defines it: minimise
 *   0.5·‖w‖² + C·Σ sᵢ·logloss(yᵢ, σ(xᵢ·w + b))
 * where sᵢ is the weight of document i's class ("balanced": n / (2·n_class), so each class weighs
 * as much in total). Solved by L-BFGS on that objective divided by C·Σsᵢ (sklearn's scaling,
 * same minimiser), to a gradient much smaller than sklearn's default tol of 1e-4.
 */
import { minimizeLbfgs } from "./lbfgs";
import type { CsrMatrix } from "./tfidf";

export interface LogisticOptions {
  /** Inverse regularisation strength (sklearn's C). */
  C?: number;
  /** "balanced" weighs each class by n / (2·n_class); "none" weighs every document 1. */
  classWeight?: "balanced" | "none";
  /** Largest gradient component allowed at the solution (of the scaled objective). */
  tolerance?: number;
  maxIterations?: number;
}

export interface LogisticFit {
  /** One weight per column of the training matrix. */
  weights: Float64Array;
  intercept: number;
  iterations: number;
  gradientMax: number;
  converged: boolean;
}

/** log(1 + eᶻ) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The class weight of each document (1 for all with "none"). */
export function sampleWeights(labels: ArrayLike<boolean>, classWeight: "balanced" | "none"): Float64Array {
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]) positives++;
  if (positives === 0 || positives === n) throw new Error("Logistic regression needs documents of both classes");
  const [wPos, wNeg] = classWeight === "balanced" ? [n / (2 * positives), n / (2 * (n - positives))] : [1, 1];
  return Float64Array.from({ length: n }, (_, i) => (labels[i] ? wPos : wNeg));
}

/**
 * The scaled objective and its gradient at params = [w₀ … w_{d−1}, b], for L-BFGS; exported so
 * tests can check the gradient at a solution.
 */
export function logisticObjective(X: CsrMatrix, labels: ArrayLike<boolean>, weights: Float64Array, C: number) {
  const total = weights.reduce((s, v) => s + v, 0);
  const lambda = 1 / (C * total);
  const d = X.columns;
  return (params: Float64Array, grad: Float64Array): number => {
    const b = params[d] as number;
    grad.fill(0);
    let loss = 0;
    let gb = 0;
    for (let i = 0; i < X.rows; i++) {
      const [from, to] = [X.indptr[i] as number, X.indptr[i + 1] as number];
      let z = b;
      for (let k = from; k < to; k++) z += (X.values[k] as number) * (params[X.indices[k] as number] as number);
      const y = labels[i] ? 1 : 0;
      const s = weights[i] as number;
      loss += s * (y ? softplus(-z) : softplus(z));
      const r = s * (sigmoid(z) - y);
      gb += r;
      for (let k = from; k < to; k++) {
        const j = X.indices[k] as number;
        grad[j] = (grad[j] as number) + r * (X.values[k] as number);
      }
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) {
      const w = params[j] as number;
      penalty += w * w;
      grad[j] = (grad[j] as number) / total + lambda * w;
    }
    grad[d] = gb / total;
    return loss / total + 0.5 * lambda * penalty;
  };
}

/** Fits the model to the rows of X and their labels (true = positive). */
export function fitLogistic(X: CsrMatrix, labels: ArrayLike<boolean>, options: LogisticOptions = {}): LogisticFit {
  const { C = 1, classWeight = "balanced", tolerance = 1e-8, maxIterations = 2000 } = options;
  if (labels.length !== X.rows) throw new Error(`${X.rows} rows but ${labels.length} labels`);
  const objective = logisticObjective(X, labels, sampleWeights(labels, classWeight), C);
  const result = minimizeLbfgs(objective, new Float64Array(X.columns + 1), { gradientTolerance: tolerance, maxIterations });
  return {
    weights: result.x.slice(0, X.columns),
    intercept: result.x[X.columns] as number,
    iterations: result.iterations,
    gradientMax: result.gradientMax,
    converged: result.converged,
  };
}
