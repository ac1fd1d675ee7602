import { sql, type SQL } from "drizzle-orm";
import type { DatasetRow, StoredColumn } from "../../../db/schema";

/** The schema dataset tables live in (created by migration 0002). */
export const DATASET_SCHEMA = "datasets";

/** `datasets."<tableName>"`: the table name is generated, and quoted all the same. */
export function datasetTable(dataset: Pick<DatasetRow, "tableName">): SQL {
  return sql`${sql.identifier(DATASET_SCHEMA)}.${sql.identifier(dataset.tableName)}`;
}

/** A column of a dataset table, optionally qualified by a table alias. */
export function columnSql(column: Pick<StoredColumn, "sqlName">, alias?: string): SQL {
  return alias
    ? sql`${sql.identifier(alias)}.${sql.identifier(column.sqlName)}`
    : sql`${sql.identifier(column.sqlName)}`;
}

/**
 * The key column. Keys are identifiers, kept as text exactly as written ("00123" stays
 * "00123"), so they compare directly with documents.case_key and use the key's index.
 */
export function keyColumn(dataset: Pick<DatasetRow, "columns" | "keyColumn">): StoredColumn {
  const column = dataset.columns.find((c) => c.name === dataset.keyColumn);
  if (!column) throw new Error(`Dataset key column ${dataset.keyColumn} is missing from its columns.`);
  return column;
}

/** The public shape of a column (API.md): no SQL names. */
export function publicColumns(dataset: Pick<DatasetRow, "columns">) {
  return dataset.columns.map(({ name, type }) => ({ name, type }));
}
