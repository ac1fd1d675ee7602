import { eq, sql, type SQL } from "drizzle-orm";
import { datasets, type DatasetRow, type StoredColumn } from "../../../db/schema";
import type { AppServices } from "../services.server";
import { columnSql, datasetTable } from "./sql.server";
import type { ColumnSummary, HistogramBin } from "./types";

const HISTOGRAM_BINS = 10;
const TOP_VALUES = 10;

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

async function rowsOf(services: AppServices, query: SQL): Promise<Row[]> {
  return ((await services.db.execute(query)) as unknown as { rows: Row[] }).rows;
}

const isNumeric = (c: StoredColumn) => c.type === "integer" || c.type === "number";
const a = (prefix: string, i: number) => sql.identifier(`${prefix}${i}`);

/** One scan for every column's counts, numeric aggregates, date ranges and distinct counts. */
function overviewSql(dataset: DatasetRow): SQL {
  const parts: SQL[] = [sql`count(*) AS ${sql.identifier("total")}`];
  dataset.columns.forEach((c, i) => {
    const col = columnSql(c);
    parts.push(sql`count(${col}) AS ${a("n", i)}`);
    if (isNumeric(c)) {
      parts.push(
        sql`min(${col})::float8 AS ${a("min", i)}`,
        sql`max(${col})::float8 AS ${a("max", i)}`,
        sql`avg(${col})::float8 AS ${a("mean", i)}`,
        sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${col}) AS ${a("median", i)}`,
      );
    } else if (c.type === "date") {
      parts.push(
        sql`to_char(min(${col}), 'YYYY-MM-DD') AS ${a("min", i)}`,
        sql`to_char(max(${col}), 'YYYY-MM-DD') AS ${a("max", i)}`,
      );
    } else {
      parts.push(sql`count(DISTINCT ${col}) AS ${a("distinct", i)}`);
    }
  });
  return sql`SELECT ${sql.join(parts, sql`, `)} FROM ${datasetTable(dataset)}`;
}

/**
 * Equal-width bins from min to max, up to ten. Number bins are [from, to) with the max in the
 * last; integer bins are whole numbers, [from, to] inclusive ("3–5" holds 3, 4 and 5), so a
 * small range such as 1 to 5 gets one bin per value instead of fractional edges.
 */
async function histogram(services: AppServices, dataset: DatasetRow, column: StoredColumn, min: number, max: number) {
  if (min === max) return null;
  const integer = column.type === "integer";
  const width = integer ? Math.ceil((max - min + 1) / HISTOGRAM_BINS) : (max - min) / HISTOGRAM_BINS;
  const bins = integer ? Math.ceil((max - min + 1) / width) : HISTOGRAM_BINS;
  const col = sql`${columnSql(column)}::float8`;
  const rows = await rowsOf(
    services,
    sql`SELECT least(floor((${col} - ${min}::float8) / ${width}::float8), ${bins - 1}::float8)::int AS bin, count(*) AS n
        FROM ${datasetTable(dataset)} WHERE ${columnSql(column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  const counts = new Map(rows.map((r) => [Number(r.bin), Number(r.n)]));
  const out: HistogramBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = min + b * width;
    const to = b === bins - 1 ? max : integer ? from + width - 1 : min + (b + 1) * width;
    out.push({ from, to, count: counts.get(b) ?? 0 });
  }
  return out;
}

async function topValues(services: AppServices, dataset: DatasetRow, column: StoredColumn) {
  const col = columnSql(column);
  const rows = await rowsOf(
    services,
    sql`SELECT ${col}::text AS value, count(*) AS n FROM ${datasetTable(dataset)}
        WHERE ${col} IS NOT NULL GROUP BY ${col} ORDER BY n DESC, ${col} ASC LIMIT ${TOP_VALUES}`,
  );
  return rows.map((r) => ({ value: String(r.value), count: Number(r.n) }));
}

async function computeSummary(services: AppServices, dataset: DatasetRow): Promise<ColumnSummary[]> {
  const [overview = {}] = await rowsOf(services, overviewSql(dataset));
  const total = Number(overview.total ?? 0);
  const out: ColumnSummary[] = [];
  for (const [i, column] of dataset.columns.entries()) {
    const count = Number(overview[`n${i}`] ?? 0);
    const summary: ColumnSummary = { name: column.name, type: column.type, count, nulls: total - count };
    if (isNumeric(column)) {
      const min = num(overview[`min${i}`]);
      const max = num(overview[`max${i}`]);
      Object.assign(summary, { min, max, mean: num(overview[`mean${i}`]), median: num(overview[`median${i}`]) });
      if (min !== null && max !== null) {
        summary.histogram = (await histogram(services, dataset, column, min, max)) ?? [{ from: min, to: max, count }];
      }
    } else if (column.type === "date") {
      summary.min = (overview[`min${i}`] as string | null) ?? null;
      summary.max = (overview[`max${i}`] as string | null) ?? null;
    } else {
      summary.distinct = Number(overview[`distinct${i}`] ?? 0);
      summary.top = await topValues(services, dataset, column);
    }
    out.push(summary);
  }
  return out;
}

/**
 * Per-column summaries. Datasets never change after import, so the first request computes
 * them with SQL and later ones read what was kept in datasets.summary.
 */
export async function getSummary(services: AppServices, dataset: DatasetRow): Promise<ColumnSummary[]> {
  if (Array.isArray(dataset.summary)) return dataset.summary as ColumnSummary[];
  const summary = await computeSummary(services, dataset);
  await services.db.update(datasets).set({ summary }).where(eq(datasets.id, dataset.id));
  return summary;
}
