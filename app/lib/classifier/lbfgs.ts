/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, algorithms 7.4 and 7.5) with a
 * line search for the strong Wolfe conditions (algorithms 3.5 and 3.6, cubic interpolation).
 * Deterministic: the same objective and start give the same iterates.
 */

/** f(x); writes the gradient at x into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Pairs of steps kept (scipy's default is 10). */
  memory?: number;
  /** Stop once every gradient component is at most this in absolute value. */
  gradientTolerance?: number;
  maxIterations?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  /** Largest absolute gradient component at x. */
  gradientMax: number;
  converged: boolean;
}

const C1 = 1e-4; // sufficient decrease
const C2 = 0.9; // curvature

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};
const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** p = −H·g by the two-loop recursion over the kept pairs (s, y), newest last. */
function direction(p: Float64Array, g: Float64Array, s: Float64Array[], y: Float64Array[]): void {
  for (let i = 0; i < p.length; i++) p[i] = -(g[i] as number);
  const alphas: number[] = [];
  for (let k = s.length - 1; k >= 0; k--) {
    const [sk, yk] = [s[k] as Float64Array, y[k] as Float64Array];
    const a = dot(sk, p) / dot(yk, sk);
    alphas[k] = a;
    for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) - a * (yk[i] as number);
  }
  if (s.length > 0) {
    const [sk, yk] = [s[s.length - 1] as Float64Array, y[y.length - 1] as Float64Array];
    const gamma = dot(sk, yk) / dot(yk, yk);
    for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) * gamma;
  }
  for (let k = 0; k < s.length; k++) {
    const [sk, yk] = [s[k] as Float64Array, y[k] as Float64Array];
    const b = dot(yk, p) / dot(yk, sk);
    const a = alphas[k] as number;
    for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) + (a - b) * (sk[i] as number);
  }
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), kept inside the middle 80 % of [a, b]. */
function cubicStep(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const d2 = Math.sign(b - a) * Math.sqrt(d1 * d1 - da * db);
  const x = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
  const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
  const margin = 0.1 * (hi - lo);
  return Number.isFinite(x) && x >= lo + margin && x <= hi - margin ? x : (a + b) / 2;
}

interface Point {
  a: number;
  f: number;
  d: number;
}

/**
 * Finds a step along p from x that satisfies the strong Wolfe conditions; leaves that point and
 * its gradient in xNew and gNew. Answers its f, or null when no such step was found.
 */
function wolfeSearch(objective: Objective, x: Float64Array, p: Float64Array, start: Point, firstStep: number, xNew: Float64Array, gNew: Float64Array) {
  let evaluations = 0;
  const at = (a: number): Point => {
    for (let i = 0; i < x.length; i++) xNew[i] = (x[i] as number) + a * (p[i] as number);
    evaluations++;
    const f = objective(xNew, gNew);
    return { a, f: Number.isFinite(f) ? f : Infinity, d: dot(gNew, p) };
  };
  const armijo = (q: Point) => q.f <= start.f + C1 * q.a * start.d;
  const curvature = (q: Point) => Math.abs(q.d) <= -C2 * start.d;
  const zoom = (lo: Point, hi: Point): Point | null => {
    for (let j = 0; j < 40 && Math.abs(hi.a - lo.a) > 1e-16 * Math.abs(lo.a); j++) {
      const q = at(Number.isFinite(hi.f) ? cubicStep(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d) : (lo.a + hi.a) / 2);
      if (!armijo(q) || q.f >= lo.f) hi = q;
      else {
        if (curvature(q)) return q;
        if (q.d * (hi.a - lo.a) >= 0) hi = lo;
        lo = q;
      }
    }
    // Rounding blurs f this close to the optimum: take the best decrease found, if any.
    return lo.a > 0 ? at(lo.a) : null;
  };
  let previous = start;
  let found: Point | null = null;
  for (let i = 0, a = firstStep; i < 30; i++, a *= 2) {
    const q = at(a);
    if (!armijo(q) || (i > 0 && q.f >= previous.f)) found = zoom(previous, q);
    else if (curvature(q)) found = q;
    else if (q.d >= 0) found = zoom(q, previous);
    else {
      previous = q;
      continue;
    }
    break;
  }
  return { found, evaluations };
}

/** Minimises `objective` from x0. */
export function minimizeLbfgs(objective: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const { memory = 10, gradientTolerance = 1e-8, maxIterations = 1000 } = options;
  let x = Float64Array.from(x0);
  let g = new Float64Array(x.length);
  let f = objective(x, g);
  let evaluations = 1;
  let xNew = new Float64Array(x.length);
  let gNew = new Float64Array(x.length);
  const p = new Float64Array(x.length);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  let iterations = 0;
  for (; iterations < maxIterations && maxAbs(g) > gradientTolerance; iterations++) {
    direction(p, g, s, y);
    let d = dot(g, p);
    if (!(d < 0)) {
      // Not a descent direction (rounding): start again from steepest descent.
      s.length = y.length = 0;
      direction(p, g, s, y);
      d = dot(g, p);
    }
    const firstStep = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-d)) : 1;
    const search = wolfeSearch(objective, x, p, { a: 0, f, d }, firstStep, xNew, gNew);
    evaluations += search.evaluations;
    if (!search.found || search.found.f > f) break;
    const sk = xNew.map((v, i) => v - (x[i] as number));
    const yk = gNew.map((v, i) => v - (g[i] as number));
    if (dot(sk, yk) > 1e-12 * dot(yk, yk)) {
      s.push(sk);
      y.push(yk);
      if (s.length > memory) {
        s.shift();
        y.shift();
      }
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = search.found.f;
  }
  const gradientMax = maxAbs(g);
  return { x, f, iterations, evaluations, gradientMax, converged: gradientMax <= gradientTolerance };
}
