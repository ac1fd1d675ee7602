import { asc, eq, sql } from "drizzle-orm";
import { datasets, type DatasetRow } from "../../../db/schema";
import { HttpError } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { cellsOf, selectCells } from "./cells.server";
import { datasetInfo } from "./datasets.server";
import { columnSql, datasetTable, keyColumn, publicColumns } from "./sql.server";
import type { CellValue, DatasetInfo, DatasetPage } from "./types";

export const MAX_PAGE_ROWS = 200;

export interface PageQuery {
  offset?: number;
  limit?: number;
  /** A column name (the CSV header); null keeps the key order. */
  sort?: string | null;
  dir?: "asc" | "desc";
}

export const unknownColumn = (name: string) =>
  new HttpError(422, "unknown_column", `This dataset has no column named ${JSON.stringify(name)}.`);

/**
 * A page of rows in column order, sorted by one column (NULLs last either way), ties and the
 * default order by the key so pages never overlap.
 */
export async function getRows(services: AppServices, dataset: DatasetRow, query: PageQuery = {}): Promise<DatasetPage> {
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.min(MAX_PAGE_ROWS, Math.max(1, Math.floor(query.limit ?? 50)));
  const dir = query.dir === "desc" ? "desc" : "asc";
  const sortColumn = query.sort ? dataset.columns.find((c) => c.name === query.sort) : null;
  if (query.sort && !sortColumn) throw unknownColumn(query.sort);
  const key = columnSql(keyColumn(dataset));
  const order = sortColumn
    ? sql`${columnSql(sortColumn)} ${dir === "desc" ? sql`DESC` : sql`ASC`} NULLS LAST, ${key} ASC`
    : sql`${key} ${dir === "desc" ? sql`DESC` : sql`ASC`}`;
  const result = await services.db.execute(
    sql`SELECT ${selectCells(dataset.columns)} FROM ${datasetTable(dataset)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
  );
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return {
    columns: publicColumns(dataset),
    rows: rows.map((r) => cellsOf(r, dataset.columns.length)),
    offset,
    limit,
    total: dataset.rowCount,
    sort: sortColumn ? sortColumn.name : null,
    dir,
  };
}

/**
 * A document's case across the project's datasets: for each dataset, the row whose key equals
 * `caseKey` (an index lookup), or null when that dataset has no such case.
 */
export async function findCaseRows(
  services: AppServices,
  projectId: string,
  caseKey: string,
): Promise<{ dataset: DatasetInfo; row: Record<string, CellValue> | null }[]> {
  const list = await services.db.select().from(datasets).where(eq(datasets.projectId, projectId)).orderBy(asc(datasets.name));
  const out: { dataset: DatasetInfo; row: Record<string, CellValue> | null }[] = [];
  for (const dataset of list) {
    // Keys are never empty (the import refuses them): a document without a case key matches nothing.
    if (caseKey === "") {
      out.push({ dataset: datasetInfo(dataset), row: null });
      continue;
    }
    const result = await services.db.execute(
      sql`SELECT ${selectCells(dataset.columns)} FROM ${datasetTable(dataset)} WHERE ${columnSql(keyColumn(dataset))} = ${caseKey} LIMIT 1`,
    );
    const [found] = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    const cells = found ? cellsOf(found, dataset.columns.length) : null;
    out.push({
      dataset: datasetInfo(dataset),
      row: cells ? Object.fromEntries(dataset.columns.map((c, i) => [c.name, cells[i]!])) : null,
    });
  }
  return out;
}
