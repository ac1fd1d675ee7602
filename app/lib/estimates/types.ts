/**
 * Shapes of the sandwich's estimates (issue 16): a share of all rows with a 95% interval, or a
 * plain reason why the data cannot support a number. Browser-safe: the pages draw these.
 */

/** A share (0–1) with its 95% interval. */
export interface ShareInterval {
  estimate: number;
  low: number;
  high: number;
  /** The standard error behind the interval (for tests and the "how to read this" notes). */
  se: number;
}

/** Either a number the data support, or the reason there is none. Never both. */
export type ShareOutcome = ({ ok: true } & ShareInterval) | { ok: false; reason: string };

/** The two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

/** Fewer done rows than this in a group: no number, a reason. */
export const MIN_DONE_FOR_ESTIMATE = 5;

export function unavailable(reason: string): ShareOutcome {
  return { ok: false, reason };
}

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
