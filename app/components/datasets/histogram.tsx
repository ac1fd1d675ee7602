import { Bar, BarChart, Tooltip, XAxis, YAxis } from "recharts";
import type { HistogramBin } from "~/lib/datasets/types";
import { ClientOnly } from "../client-only";
import { formatCompact, formatInteger, formatNumber } from "./format";

export const CHART_WIDTH = 260;
const HEIGHT = 96;

/** How a numeric column's values spread: one bar per bin, from min to max. */
export function Histogram({ column, bins }: { column: string; bins: HistogramBin[] }) {
  const data = bins.map((bin) => ({ ...bin, label: `${formatNumber(bin.from)}–${formatNumber(bin.to)}` }));
  const first = bins[0];
  const last = bins[bins.length - 1];
  const description =
    first && last
      ? `Histogram of ${column}: ${bins.length} bins from ${formatNumber(first.from)} to ${formatNumber(
          last.to
        )}; the fullest holds ${formatInteger(Math.max(...bins.map((b) => b.count)))} rows.`
      : `Histogram of ${column}`;
  return (
    <figure className="chart" role="img" aria-label={description}>
      <ClientOnly width={CHART_WIDTH} height={HEIGHT}>
        {() => (
          <BarChart
            width={CHART_WIDTH}
            height={HEIGHT}
            data={data}
            barCategoryGap={1}
            margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
          >
            <XAxis dataKey="label" hide />
            <YAxis
              width={34}
              tickFormatter={formatCompact}
              tick={{ fontSize: 10 }}
              allowDecimals={false}
              axisLine={false}
              tickLine={false}
            />
            <Tooltip formatter={(value) => [formatInteger(Number(value)), "rows"]} isAnimationActive={false} />
            <Bar dataKey="count" fill="#5b8f74" isAnimationActive={false} />
          </BarChart>
        )}
      </ClientOnly>
      {first && last ? (
        <figcaption className="chart__axis" aria-hidden="true">
          <span>{formatNumber(first.from)}</span>
          <span>{formatNumber(last.to)}</span>
        </figcaption>
      ) : null}
    </figure>
  );
}
