/** Number formatting shared by the segment pages and the matrix (one locale everywhere). */

const LOCALE = "en-GB";

export const formatCount = (n: number) => n.toLocaleString(LOCALE);

/** "12.3 %"; "–" when the whole is empty. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return "–";
  return formatPercent(part / whole);
}

/** A fraction as a percentage with one decimal ("12.3 %", "40 %" without a needless ".0"). */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "–";
  return `${(fraction * 100).toLocaleString(LOCALE, { maximumFractionDigits: 1 })} %`;
}

/** A mean or a difference: at most two decimals, fewer for big numbers. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const abs = Math.abs(x);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 2;
  return x.toLocaleString(LOCALE, { maximumFractionDigits: digits });
}

/** A signed difference, "+1.5" / "−0.3". */
export function formatDifference(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  return `${x > 0 ? "+" : "−"}${formatNumber(Math.abs(x))}`;
}

/** "1,234 of 10,000 rows (12.3 %)". */
export function sizeSentence(size: number, rows: number): string {
  return `${formatCount(size)} of ${formatCount(rows)} row${rows === 1 ? "" : "s"} (${formatShare(size, rows)})`;
}

/** p-values as people quote them: "p = 0.003", "p < 0.001". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "p not available";
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toLocaleString(LOCALE, { maximumFractionDigits: p < 0.01 ? 3 : 2, minimumFractionDigits: p < 0.01 ? 3 : 2 })}`;
}
