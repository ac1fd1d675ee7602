import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { SegmentComparison } from "~/lib/datasets/types";
import { ClientOnly } from "../client-only";
import { formatNumber } from "./format";

const WIDTH = 520;
const ROW = 34;

/**
 * Inside vs the rest for each numeric column. Columns have different scales (days, calls,
 * pounds), so each bar is the mean as a percentage of the rest's mean: the rest is always 100,
 * and the inside bar shows how far the segment sits from it. The table beside it has the raw means.
 */
export function ComparisonChart({ comparison }: { comparison: SegmentComparison[] }) {
  const data = comparison
    .filter((c) => c.inside !== null && c.outside !== null && c.outside !== 0)
    .map((c) => ({
      column: c.column,
      inside: Math.round(((c.inside as number) / (c.outside as number)) * 1000) / 10,
      rest: 100,
      insideMean: c.inside,
      restMean: c.outside,
    }));
  if (data.length === 0) return null;
  const height = 60 + data.length * ROW * 1.4;
  const sentence = data.map((d) => `${d.column}: ${d.inside} % of the rest`).join("; ");
  return (
    <figure
      className="seg-chart"
      role="img"
      aria-label={`Segment mean as a percentage of the rest's mean. ${sentence}.`}
    >
      <ClientOnly width={WIDTH} height={height} placeholderClass="seg-chart__placeholder">
        {() => (
          <BarChart
            width={WIDTH}
            height={height}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" tickFormatter={(v: number) => `${v} %`} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="column" width={120} tick={{ fontSize: 12 }} />
            <ReferenceLine x={100} stroke="#6b7570" />
            <Tooltip
              isAnimationActive={false}
              formatter={(value, name, item) => {
                const row = item.payload as (typeof data)[number];
                const mean = name === "Inside" ? row.insideMean : row.restMean;
                return [`${value} % (mean ${formatNumber(mean)})`, name];
              }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="inside" name="Inside" fill="#2f6b4f" isAnimationActive={false} />
            <Bar dataKey="rest" name="Rest" fill="#b9c7be" isAnimationActive={false} />
          </BarChart>
        )}
      </ClientOnly>
      <figcaption className="hint">
        Each column’s mean inside the segment as a percentage of its mean in the rest (rest = 100 %).
      </figcaption>
    </figure>
  );
}
