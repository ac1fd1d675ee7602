import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { datasets, type DatasetRow } from "../../../db/schema";
import type { AppServices } from "../services.server";
import { datasetTable, publicColumns } from "./sql.server";
import type { DatasetInfo } from "./types";

/** API.md's `{id, name, key, rowCount, columns}`, plus projectId and createdAt. */
export function datasetInfo(row: Omit<DatasetRow, "summary" | "createdBy" | "tableName"> & { createdAt: Date }): DatasetInfo {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    key: row.keyColumn,
    rowCount: row.rowCount,
    columns: publicColumns(row),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listDatasets(services: AppServices, projectId: string): Promise<DatasetInfo[]> {
  const rows = await services.db
    .select()
    .from(datasets)
    .where(eq(datasets.projectId, projectId))
    .orderBy(asc(datasets.name));
  return rows.map(datasetInfo);
}

export async function findDataset(services: AppServices, datasetId: string): Promise<DatasetRow | null> {
  const [row] = await services.db.select().from(datasets).where(eq(datasets.id, datasetId));
  return row ?? null;
}

/** Drops the dataset's table and its catalogue row together (segments go by cascade). */
export async function deleteDataset(services: AppServices, dataset: DatasetRow): Promise<void> {
  await services.db.transaction(async (tx) => {
    await tx.execute(sql`DROP TABLE IF EXISTS ${datasetTable(dataset)}`);
    await tx.delete(datasets).where(eq(datasets.id, dataset.id));
  });
}

/** For deleting a project: its dataset tables, in the caller's transaction. */
export async function dropProjectDatasetTables(tx: Database, projectId: string): Promise<void> {
  const rows = await tx.select({ tableName: datasets.tableName }).from(datasets).where(eq(datasets.projectId, projectId));
  for (const row of rows) await tx.execute(sql`DROP TABLE IF EXISTS ${datasetTable(row)}`);
}
