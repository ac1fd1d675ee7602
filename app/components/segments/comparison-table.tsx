import type { SegmentComparison } from "~/lib/datasets/types";
import { formatDifference, formatNumber } from "./format";

/** Each numeric column's mean inside the segment and in the rest of the dataset, and the difference. */
export function ComparisonTable({
  comparison,
  caption,
  compact = false,
}: {
  comparison: SegmentComparison[];
  caption: string;
  compact?: boolean;
}) {
  if (comparison.length === 0) {
    return <p className="hint">This dataset has no numeric columns to compare.</p>;
  }
  return (
    <div className="table-wrap">
      <table className={`table seg-compare${compact ? " seg-compare--compact" : ""}`} data-testid="segment-comparison">
        <caption className={compact ? "visually-hidden" : "seg-compare__caption"}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col" className="num">
              Inside
            </th>
            <th scope="col" className="num">
              Rest
            </th>
            <th scope="col" className="num">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {comparison.map((row) => (
            <tr key={row.column}>
              <th scope="row">{row.column}</th>
              <td className="num">{formatNumber(row.inside)}</td>
              <td className="num">{formatNumber(row.outside)}</td>
              <td className={`num seg-compare__diff${diffClass(row.difference)}`}>{formatDifference(row.difference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const diffClass = (d: number | null) => (d === null || d === 0 ? "" : d > 0 ? " seg-compare__diff--up" : " seg-compare__diff--down");
