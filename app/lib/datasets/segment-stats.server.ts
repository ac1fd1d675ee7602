/**
 * A segment's numbers: its size and, for each numeric column, mean/median/min/max inside and the
 * mean outside, in one pass over the dataset table (aggregates with FILTER), never in JS.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { DatasetRow, StoredColumn } from "../../../db/schema";
import { compileFilter } from "./filter-compiler.server";
import { queryRows } from "./query.server";
import { columnSql, datasetTable } from "./sql.server";
import type { Filter, SegmentComparison, SegmentStats } from "./types";

export interface ComputedStats {
  size: number;
  datasetRows: number;
  stats: SegmentStats;
  comparison: SegmentComparison[];
}

/** What segments.stats holds (datasets never change, so it stays true). */
export interface StoredSegmentStats {
  inside: SegmentStats;
  comparison: SegmentComparison[];
}

export const numericColumns = (dataset: Pick<DatasetRow, "columns">): StoredColumn[] =>
  dataset.columns.filter((c) => c.type === "integer" || c.type === "number");

/** Quoted, so no header-made column name can collide with it. */
const INSIDE = sql.identifier("?inside");

const agg = (expr: SQL, alias: string) => sql`(${expr})::float8 as ${sql.identifier(alias)}`;

/**
 * Size and numbers of the rows where `filter` holds. Rows where the filter is NULL (empty
 * cells) count as outside. Medians need a sort per column, so a live preview skips them.
 */
export async function computeSegmentStats(
  db: Database,
  dataset: DatasetRow,
  filter: Filter,
  { medians = true }: { medians?: boolean } = {},
): Promise<ComputedStats> {
  const condition = compileFilter(filter, dataset.columns);
  const numeric = numericColumns(dataset);
  const selects: SQL[] = [sql`count(*)::int as "total"`, sql`(count(*) filter (where ${INSIDE}))::int as "size"`];
  numeric.forEach((column, i) => {
    const col = columnSql(column);
    selects.push(
      agg(sql`avg(${col}) filter (where ${INSIDE})`, `mean${i}`),
      agg(sql`min(${col}) filter (where ${INSIDE})`, `min${i}`),
      agg(sql`max(${col}) filter (where ${INSIDE})`, `max${i}`),
      agg(sql`avg(${col}) filter (where not ${INSIDE})`, `out${i}`),
    );
    if (medians) {
      selects.push(agg(sql`percentile_cont(0.5) within group (order by ${col}) filter (where ${INSIDE})`, `median${i}`));
    }
  });
  const [row] = await queryRows<Record<string, number | null>>(
    db,
    sql`select ${sql.join(selects, sql`, `)}
        from (select *, (${condition}) is true as ${INSIDE} from ${datasetTable(dataset)}) as "rows"`,
  );
  const value = (key: string) => (row?.[key] ?? null) as number | null;
  const stats: SegmentStats = {};
  const comparison: SegmentComparison[] = [];
  numeric.forEach((column, i) => {
    stats[column.name] = { mean: value(`mean${i}`), median: medians ? value(`median${i}`) : null, min: value(`min${i}`), max: value(`max${i}`) };
    const inside = value(`mean${i}`);
    const outside = value(`out${i}`);
    comparison.push({ column: column.name, inside, outside, difference: inside !== null && outside !== null ? inside - outside : null });
  });
  return { size: value("size") ?? 0, datasetRows: value("total") ?? 0, stats, comparison };
}
