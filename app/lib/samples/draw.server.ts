import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { sampleRows, type DatasetRow, type StoredColumn } from "../../../db/schema";
import { columnSql, datasetTable, keyColumn } from "../datasets/sql.server";

/**
 * The SQL of a draw. Within each stratum rows are ordered by md5(seed || ':' || key): a seeded
 * random permutation that does not depend on how the table is stored, so the same seed draws
 * the same rows on either database and a second wave takes the next rows of the same order
 * (ADR 0181).
 */

type Rows<T> = { rows: T[] };
const rowsOf = <T>(result: unknown) => (result as Rows<T>).rows;

/** Rows of the table whose text, trimmed, is not empty. */
const hasText = (text: StoredColumn, alias?: string) => sql`btrim(${columnSql(text, alias)}::text) <> ''`;

/** A row's stratum as text; '' for an empty or null value (a real value is never ''). */
const stratumOf = (strata: StoredColumn | null, alias?: string): SQL =>
  strata ? sql`coalesce(nullif(btrim(${columnSql(strata, alias)}::text), ''), '')` : sql`''`;

/** Non-empty rows per stratum value (null for the empty-value stratum), ordered for display. */
export async function countStrata(
  db: Database,
  dataset: DatasetRow,
  text: StoredColumn,
  strata: StoredColumn | null,
): Promise<{ value: string | null; population: number }[]> {
  const result = await db.execute(sql`
    SELECT ${stratumOf(strata)} AS value, count(*)::int AS population
    FROM ${datasetTable(dataset)} WHERE ${hasText(text)} GROUP BY 1`);
  const counted = rowsOf<{ value: string; population: number }>(result).map((r) => ({
    value: r.value === "" ? null : r.value,
    population: Number(r.population),
  }));
  // Sorted here rather than in SQL so the order does not hang on the database's collation.
  return counted.sort((a, b) =>
    a.value === null ? 1 : b.value === null ? -1 : a.value.localeCompare(b.value, "en", { numeric: true }),
  );
}

export interface DrawnRow {
  key: string;
  text: string;
  /** Position of the row's stratum in the design. */
  stratum: number;
}

/**
 * The first `want[h]` rows of each stratum h in hash order, leaving out rows the sample holds
 * already (so a second wave continues the same order).
 */
export async function drawRows(
  db: Database,
  dataset: DatasetRow,
  design: { sampleId: string; seed: number; text: StoredColumn; strata: StoredColumn | null },
  want: { value: string | null; n: number }[],
): Promise<DrawnRow[]> {
  const asked = want.map((w, h) => ({ ...w, h })).filter((w) => w.n > 0);
  if (asked.length === 0) return [];
  const key = sql`${columnSql(keyColumn(dataset), "t")}::text`;
  const values = sql.join(
    asked.map((w) => sql`(${w.h}::int, ${w.value ?? ""}::text, ${w.n}::int)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    WITH want(h, v, n) AS (VALUES ${values}),
    ranked AS (
      SELECT ${key} AS key, ${columnSql(design.text, "t")}::text AS text, ${stratumOf(design.strata, "t")} AS v,
        row_number() OVER (
          PARTITION BY ${stratumOf(design.strata, "t")}
          ORDER BY md5(${design.seed}::int::text || ':' || ${key}), ${key}
        ) AS rn
      FROM ${datasetTable(dataset)} t
      WHERE ${hasText(design.text, "t")}
        AND NOT EXISTS (SELECT 1 FROM ${sampleRows} s WHERE s.sample_id = ${design.sampleId} AND s.row_key = ${key})
    )
    SELECT r.key, r.text, w.h AS stratum FROM ranked r JOIN want w ON w.v = r.v
    WHERE r.rn <= w.n ORDER BY w.h, r.rn`);
  return rowsOf<{ key: string; text: string; stratum: number }>(result).map((r) => ({
    key: String(r.key),
    text: r.text,
    stratum: Number(r.stratum),
  }));
}
