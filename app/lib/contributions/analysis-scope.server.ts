import { sql, type SQL } from "drizzle-orm";

/**
 * Which documents analyses count: all but contributions a researcher rejected. A pending
 * contribution counts (a project that takes stories through the API alone, with no one
 * triaging an inbox, still sees them in the matrix); a rejected one leaves the analysis until
 * someone moves it back. `alias` is the documents table's alias in the surrounding query.
 */
export function inAnalysis(alias: "d"): SQL {
  return sql`not exists (select 1 from submissions s where s.document_id = ${sql.raw(`${alias}.id`)} and s.status = 'rejected')`;
}
