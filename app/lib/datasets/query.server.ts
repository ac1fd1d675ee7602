import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { datasets, type DatasetRow } from "../../../db/schema";
import { notFound } from "../http/errors.server";

/**
 * Rows of a hand-written query. Both drivers answer `execute` with `{ rows }`; the SQL casts
 * every count to int and every statistic to float8 so both give plain JS numbers.
 */
export async function queryRows<T>(db: Pick<Database, "execute">, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** `a, b, c` as parameters, for `in (…)` in a hand-written query. The list must not be empty. */
export const sqlList = (values: readonly string[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** A unique index refused a write (both drivers report Postgres's SQLSTATE, drizzle may wrap it). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** A dataset of the project; another project's dataset is as absent as a missing one. */
export async function projectDataset(db: Database, projectId: string, datasetId: string): Promise<DatasetRow> {
  const [dataset] = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.id, datasetId), eq(datasets.projectId, projectId)));
  if (!dataset) throw notFound("Dataset not found.");
  return dataset;
}
