/**
 * Which of the project's cases fall in which segments: the bridge between documents (by their
 * caseKey) and dataset rows (by their key), shared by the matrix, its excerpts and the
 * over-representation test.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { datasets, segments, type DatasetRow, type SegmentRow } from "../../../db/schema";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { compileFilter } from "./filter-compiler.server";
import { columnSql, datasetTable, keyColumn } from "./sql.server";
import type { Filter } from "./types";

export interface SegmentWithDataset {
  segment: SegmentRow;
  dataset: DatasetRow;
}

export async function projectSegments(db: Database, projectId: string, segmentIds?: string[]): Promise<SegmentWithDataset[]> {
  const where = [eq(segments.projectId, projectId)];
  if (segmentIds) where.push(inArray(segments.id, segmentIds));
  return db
    .select({ segment: segments, dataset: datasets })
    .from(segments)
    .innerJoin(datasets, eq(datasets.id, segments.datasetId))
    .where(and(...where))
    .orderBy(asc(segments.name), asc(segments.id));
}

/** The project's distinct case keys: one row per case however many documents share it. */
export const projectCases = (projectId: string) =>
  sql`select distinct d.case_key from documents d
      where d.project_id = ${projectId} and d.case_key is not null and ${inAnalysis("d")}`;

/**
 * `(case_key, seg)` for every case in every given segment, where `seg` is the segment's index in
 * `list` (an integer: cheaper than its text id in the joins and groupings that fan out over
 * segments). Each case is looked up once per dataset by the key's unique index, then every
 * segment of that dataset is evaluated on that one row (a LATERAL VALUES list), so a segment
 * costs one filter per case, never a scan of the dataset. `cases` is an SQL relation with a
 * `case_key` column.
 */
export function caseSegments(cases: SQL, list: SegmentWithDataset[]): SQL {
  const byDataset = new Map<string, { dataset: DatasetRow; items: { index: number; segment: SegmentRow }[] }>();
  list.forEach(({ segment, dataset }, index) => {
    const group = byDataset.get(dataset.id) ?? { dataset, items: [] };
    group.items.push({ index, segment });
    byDataset.set(dataset.id, group);
  });
  const parts = [...byDataset.values()].map(({ dataset, items }) => {
    const values = items.map(
      ({ index, segment }) => sql`(${sql.raw(String(index))}, ${compileFilter(segment.filter as Filter, dataset.columns, "r")})`,
    );
    return sql`select k.case_key, s.seg
      from (${cases}) as k
      join ${datasetTable(dataset)} as r on ${columnSql(keyColumn(dataset), "r")} = k.case_key
      cross join lateral (values ${sql.join(values, sql`, `)}) as s(seg, inside)
      where s.inside`;
  });
  return parts.length ? sql.join(parts, sql` union all `) : sql`select null::text as case_key, null::int as seg where false`;
}
