import { Bar, BarChart, Tooltip, XAxis, YAxis } from "recharts";
import { ClientOnly } from "../client-only";
import { formatInteger } from "./format";
import { CHART_WIDTH } from "./histogram";

const BAR_HEIGHT = 18;
const SHOWN = 6;

/** The most frequent values of a text or true/false column, as horizontal bars. */
export function TopValuesChart({ column, top }: { column: string; top: { value: string; count: number }[] }) {
  // Short labels with no-break spaces: the axis would otherwise wrap them onto two lines.
  const data = top.slice(0, SHOWN).map((t) => ({
    ...t,
    label: (t.value.length > 13 ? `${t.value.slice(0, 12)}…` : t.value).replace(/ /g, "\u00a0"),
  }));
  const height = data.length * BAR_HEIGHT + 8;
  const description = `Most frequent values of ${column}: ${data
    .map((d) => `${d.value} (${formatInteger(d.count)})`)
    .join(", ")}`;
  return (
    <figure className="chart" role="img" aria-label={description}>
      <ClientOnly width={CHART_WIDTH} height={height}>
        {() => (
          <BarChart
            width={CHART_WIDTH}
            height={height}
            data={data}
            layout="vertical"
            barCategoryGap={3}
            margin={{ top: 4, right: 8, bottom: 4, left: 0 }}
          >
            <XAxis type="number" hide />
            <YAxis
              type="category"
              dataKey="label"
              width={96}
              tick={{ fontSize: 11 }}
              axisLine={false}
              tickLine={false}
              interval={0}
            />
            <Tooltip formatter={(value) => [formatInteger(Number(value)), "rows"]} isAnimationActive={false} />
            <Bar dataKey="count" fill="#5b8f74" isAnimationActive={false} />
          </BarChart>
        )}
      </ClientOnly>
    </figure>
  );
}
