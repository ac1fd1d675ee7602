/**
 * Inter-coder agreement coefficients: percent agreement, Cohen's kappa, Fleiss' kappa and
 * Krippendorff's alpha (nominal). Pure and dependency-free, so it is tested on published examples.
 *
 * A unit may stand for `weight` identical units (callers collapse long runs of identical character
 * units). Every coefficient is computed from weighted counts, which is exactly the same as repeating
 * the unit `weight` times, at a cost independent of the weights.
 */

/** One unit of analysis: the category each coder gave it (null = that coder gave none: missing), and how many identical units it stands for (default 1). */
export interface Unit {
  values: (string | null)[];
  weight?: number;
}

/** The unit's weight, refusing values that could not mean "this many copies". */
function weightOf(unit: Unit): number {
  const w = unit.weight ?? 1;
  if (!Number.isFinite(w) || w < 0) throw new RangeError("A unit's weight must be a finite number ≥ 0.");
  return w;
}

/** How many times each category occurs among the unit's non-missing values. */
function categoryCounts(values: (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Adds `amount` to the entry of `key`. */
function add(totals: Map<string, number>, key: string, amount: number): void {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}

/** Σ x² over the map's values. */
function sumOfSquares(counts: Map<string, number>): number {
  let s = 0;
  for (const c of counts.values()) s += c * c;
  return s;
}

/**
 * Share of agreeing pairs of coders among all pairs of non-missing values, over units with at
 * least two values (weighted). Null when no unit has two values.
 *
 *   A = Σ_u w_u Σ_c C(n_uc, 2) / Σ_u w_u C(m_u, 2)
 *
 * where m_u is the number of values in unit u and n_uc how many of them are category c. Pairs are
 * pooled (not per-unit shares averaged), so a unit with more coders counts for more pairs.
 */
export function percentAgreement(units: Unit[]): number | null {
  let agreeing = 0;
  let pairs = 0;
  for (const unit of units) {
    const w = weightOf(unit);
    const counts = categoryCounts(unit.values);
    let m = 0;
    for (const c of counts.values()) m += c;
    if (m < 2) continue;
    // Σ_c C(n_c, 2) = (Σ n_c² − m) / 2, and C(m, 2) = m(m − 1) / 2; the halves cancel.
    agreeing += w * (sumOfSquares(counts) - m);
    pairs += w * m * (m - 1);
  }
  return pairs > 0 ? agreeing / pairs : null;
}

/**
 * Cohen's kappa for exactly two coders (values[0], values[1]) over the units where both gave a
 * value. Null when undefined (no units, or expected agreement = 1).
 *
 *   κ = (p_o − p_e) / (1 − p_e),   p_o = Σ_c N_cc / N,   p_e = Σ_c (N_c· / N)(N_·c / N)
 *
 * with N the weighted number of units, N_cc those both coders put in c, and N_c·, N_·c the
 * margins: how often coder 1 and coder 2 used c. Values beyond the second are ignored.
 */
export function cohenKappa(units: Unit[]): number | null {
  let n = 0;
  let agreeing = 0;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  for (const unit of units) {
    const [a, b] = unit.values;
    if (a == null || b == null) continue;
    const w = weightOf(unit);
    n += w;
    if (a === b) agreeing += w;
    add(first, a, w);
    add(second, b, w);
  }
  if (n === 0) return null;
  let pe = 0;
  for (const [c, nc] of first) pe += (nc / n) * ((second.get(c) ?? 0) / n);
  // p_e = 1 only when both coders used one and the same category throughout: chance explains all.
  if (pe >= 1) return null;
  return (agreeing / n - pe) / (1 - pe);
}

/**
 * Fleiss' kappa over units where every coder gave a value (needs the same number of coders per
 * unit, at least 2). Null when undefined: no such unit, differing numbers of coders, fewer than
 * two coders, or expected agreement = 1.
 *
 *   κ = (P̄ − P_e) / (1 − P_e),   P_i = (Σ_j n_ij² − n) / (n(n − 1)),   P̄ = Σ_i w_i P_i / N,
 *   p_j = Σ_i w_i n_ij / (N n),   P_e = Σ_j p_j²
 *
 * with n coders per unit, n_ij how many put unit i in category j, N the weighted number of units.
 */
export function fleissKappa(units: Unit[]): number | null {
  let coders: number | null = null;
  let n = 0;
  let agreement = 0;
  const totals = new Map<string, number>();
  for (const unit of units) {
    if (unit.values.some((v) => v === null)) continue;
    const w = weightOf(unit);
    const m = unit.values.length;
    if (coders === null) coders = m;
    else if (m !== coders) return null;
    if (m < 2) return null;
    const counts = categoryCounts(unit.values);
    n += w;
    agreement += (w * (sumOfSquares(counts) - m)) / (m * (m - 1));
    for (const [c, k] of counts) add(totals, c, w * k);
  }
  if (coders === null || n === 0) return null;
  let pe = 0;
  for (const t of totals.values()) pe += (t / (n * coders)) ** 2;
  if (pe >= 1) return null;
  return (agreement / n - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha, nominal metric, with missing values (units with fewer than two values are
 * left out, as the method says). Null when undefined (e.g. only one category ever used: no
 * disagreement possible).
 *
 * From the coincidence matrix o_ck = Σ_u w_u · (number of ordered pairs (c, k) of values in u,
 * from different coders) / (m_u − 1), with margins n_c = Σ_k o_ck and n = Σ_c n_c:
 *
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k
 *
 * For the nominal metric only the diagonal and the margins matter: Σ_{c≠k} o_ck = n − Σ_c o_cc,
 * o_cc = Σ_u w_u n_uc(n_uc − 1) / (m_u − 1), n_c = Σ_u w_u n_uc, and Σ_{c≠k} n_c n_k = n² − Σ_c n_c².
 */
export function krippendorffAlpha(units: Unit[]): number | null {
  let diagonal = 0;
  const margins = new Map<string, number>();
  for (const unit of units) {
    const counts = categoryCounts(unit.values);
    let m = 0;
    for (const c of counts.values()) m += c;
    if (m < 2) continue; // a lone value has no other value to be paired with
    const w = weightOf(unit);
    diagonal += (w * (sumOfSquares(counts) - m)) / (m - 1);
    for (const [c, k] of counts) add(margins, c, w * k);
  }
  let n = 0;
  for (const t of margins.values()) n += t;
  const observed = n - diagonal;
  const expected = n * n - sumOfSquares(margins);
  // No expected disagreement (one category, or no pairable values): α is 0 / 0.
  if (!(expected > 0)) return null;
  return 1 - ((n - 1) * observed) / expected;
}
