import type { Figure } from "~/lib/sandwich/schemas";

export const percent = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

/**
 * A share with its 95% interval drawn as a bar on 0–100%, or the plain reason there is no
 * number. The text says the same as the drawing, for screen readers and print.
 */
export function IntervalBar({ figure }: { figure: Figure }) {
  if (figure.estimate === null || figure.low === null || figure.high === null) {
    return <span className="est-reason">{figure.reason ?? "No estimate."}</span>;
  }
  const { estimate, low, high } = figure;
  return (
    <span className="est-figure">
      <span className="est-figure__text">
        <strong>{percent(estimate)}</strong> <span className="est-figure__range">({percent(low)}–{percent(high)})</span>
      </span>
      <span className="est-bar" aria-hidden="true">
        <span className="est-bar__range" style={{ left: `${low * 100}%`, width: `${Math.max(0.5, (high - low) * 100)}%` }} />
        <span className="est-bar__point" style={{ left: `${estimate * 100}%` }} />
      </span>
    </span>
  );
}
