import { sql, type SQL } from "drizzle-orm";
import type { StoredColumn } from "../../../db/schema";
import { columnSql } from "./sql.server";
import type { CellValue } from "./types";

/**
 * A column as it is read back: dates as `YYYY-MM-DD` text (no time zone games), bigints as
 * double precision so both drivers hand JS numbers (exact up to 2^53).
 */
export function cellSql(column: StoredColumn, alias?: string): SQL {
  const col = columnSql(column, alias);
  if (column.type === "date") return sql`to_char(${col}, 'YYYY-MM-DD')`;
  if (column.type === "integer") return sql`${col}::float8`;
  return col;
}

/** `cell0, cell1, …`: positional names, so headers never need to be SQL-safe. */
export const cellAlias = (i: number) => `cell${i}`;

export function selectCells(columns: StoredColumn[], alias?: string): SQL {
  return sql.join(
    columns.map((c, i) => sql`${cellSql(c, alias)} AS ${sql.identifier(cellAlias(i))}`),
    sql`, `,
  );
}

export function cellsOf(row: Record<string, unknown>, count: number): CellValue[] {
  const out: CellValue[] = [];
  for (let i = 0; i < count; i++) {
    const v = row[cellAlias(i)];
    out.push(v === undefined || v === null ? null : typeof v === "bigint" ? Number(v) : (v as CellValue));
  }
  return out;
}
