import type { ColumnSummary } from "~/lib/datasets/types";
import { columnTypeLabels, isNumeric } from "./column-types";
import { formatInteger, formatNumber, formatPercent } from "./format";
import { Histogram } from "./histogram";
import { TopValuesChart } from "./top-values-chart";

function show(value: number | string | null | undefined) {
  if (value === null || value === undefined) return "—";
  return typeof value === "number" ? formatNumber(value) : value;
}

/** One column at a glance: how many values, how many missing, their range or commonest values. */
export function ColumnSummaryCard({ summary, isKey }: { summary: ColumnSummary; isKey: boolean }) {
  const rows = summary.count + summary.nulls;
  const numeric = isNumeric(summary.type) && !isKey;
  // Bars of ones say nothing: an identifier-like column gets a sentence instead.
  const allDifferent = !numeric && summary.count > 1 && summary.distinct === summary.count;
  const headingId = `summary-${summary.name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const facts: [string, string][] = [
    ["Values", formatInteger(summary.count)],
    [
      "Empty",
      rows > 0 && summary.nulls > 0
        ? `${formatInteger(summary.nulls)} (${formatPercent(summary.nulls / rows)})`
        : formatInteger(summary.nulls),
    ],
  ];
  if (numeric) {
    facts.push(
      ["Min", show(summary.min)],
      ["Max", show(summary.max)],
      ["Mean", show(summary.mean)],
      ["Median", show(summary.median)]
    );
  } else if (summary.type === "date") {
    facts.push(["Earliest", show(summary.min)], ["Latest", show(summary.max)]);
  }
  if (summary.distinct !== undefined && !numeric) facts.push(["Distinct", formatInteger(summary.distinct)]);

  return (
    <article className="summary-card" aria-labelledby={headingId} data-testid="column-summary">
      <header className="summary-card__head">
        <h3 id={headingId}>{summary.name}</h3>
        <span className="type-chip">{isKey ? "Key · text" : columnTypeLabels[summary.type]}</span>
      </header>
      <dl className="summary-card__facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {numeric && summary.histogram && summary.histogram.length > 0 ? (
        <Histogram column={summary.name} bins={summary.histogram} />
      ) : null}
      {isKey ? null : allDifferent ? (
        <p className="hint">Every value is different.</p>
      ) : !numeric && summary.top && summary.top.length > 0 ? (
        <TopValuesChart column={summary.name} top={summary.top} />
      ) : null}
    </article>
  );
}
