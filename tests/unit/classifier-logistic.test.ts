/** L-BFGS and the balanced, L2-penalised logistic regression it solves. */
import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "~/lib/classifier/lbfgs";
import { fitLogistic, logisticObjective, sampleWeights } from "~/lib/classifier/logistic";
import type { CsrMatrix } from "~/lib/classifier/tfidf";

/** A CSR matrix from dense rows (zeros left out). */
function csr(rows: number[][]): CsrMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => v !== 0 && (indices.push(j), values.push(v)));
    indptr.push(indices.length);
  }
  return { rows: rows.length, columns: rows[0]?.length ?? 0, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

// Six short "documents" over three features, three of each class, one of each overlapping.
const dense = [
  [0.8, 0.6, 0],
  [1, 0, 0],
  [0.6, 0, 0.8],
  [0, 0, 1],
  [0, 0.6, 0.8],
  [0.6, 0.8, 0],
];
const X = csr(dense);
const y = [true, true, true, false, false, false];

describe("logistic regression", () => {
  it("stops where the gradient of 0.5‖w‖² + C Σ sᵢ logloss is zero (computed here from its definition)", () => {
    for (const [C, labels] of [[1, y], [10, y], [1, [true, true, false, false, false, false]]] as const) {
      const fit = fitLogistic(X, labels, { C });
      const s = sampleWeights(labels, "balanced");
      const grad = Array.from(fit.weights);
      let gradIntercept = 0;
      dense.forEach((row, i) => {
        const p = 1 / (1 + Math.exp(-(fit.intercept + row.reduce((sum, v, j) => sum + v * fit.weights[j]!, 0))));
        const r = C * s[i]! * (p - (labels[i] ? 1 : 0));
        row.forEach((v, j) => (grad[j]! += r * v));
        gradIntercept += r;
      });
      for (const g of [...grad, gradIntercept]) expect(Math.abs(g)).toBeLessThan(1e-6);
      expect(fit.converged).toBe(true);
    }
  });

  it("weighs each class as a whole when balanced: n / (2·n_class)", () => {
    expect(Array.from(sampleWeights([true, false, false, false], "balanced"))).toEqual([2, 2 / 3, 2 / 3, 2 / 3]);
  });

  it("fits the intercept alone to its closed form when no text has a feature", () => {
    const empty = csr(Array.from({ length: 8 }, () => [0, 0]));
    const labels = [true, true, false, false, false, false, false, false];
    // Balanced classes carry equal weight, so σ(b) = 1/2; unweighted, σ(b) = share of positives.
    expect(fitLogistic(empty, labels).intercept).toBeCloseTo(0, 8);
    expect(fitLogistic(empty, labels, { classWeight: "none" }).intercept).toBeCloseTo(Math.log(2 / 6), 8);
    expect(Array.from(fitLogistic(empty, labels).weights)).toEqual([0, 0]);
  });

  it("has the gradient its finite differences show", () => {
    const objective = logisticObjective(X, y, sampleWeights(y, "balanced"), 2);
    const at = Float64Array.from([0.3, -0.7, 0.2, 0.1]);
    const grad = new Float64Array(4);
    objective(at, grad);
    const h = 1e-6;
    at.forEach((_, j) => {
      const [up, down] = [Float64Array.from(at), Float64Array.from(at)];
      up[j]! += h;
      down[j]! -= h;
      const scratch = new Float64Array(4);
      expect(grad[j]).toBeCloseTo((objective(up, scratch) - objective(down, scratch)) / (2 * h), 8);
    });
  });

  it("refuses labels of one class only", () => {
    expect(() => fitLogistic(X, y.map(() => true))).toThrow(/both classes/);
  });
});

describe("L-BFGS", () => {
  it("finds the minimum of the Rosenbrock function", () => {
    const rosenbrock = (x: Float64Array, g: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = minimizeLbfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(1, 8);
  });

  it("is deterministic", () => {
    const a = fitLogistic(X, y);
    const b = fitLogistic(X, y);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.iterations).toBe(b.iterations);
  });
});
