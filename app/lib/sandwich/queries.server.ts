/**
 * The SQL behind the estimates (ADR 0190): which sampled rows count, which of them carry each
 * code, and how many rows of the table each group holds per stratum. Groups are numbered:
 * 0 is the whole table, 1… the segments asked for, each a compiled filter over the dataset row.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { DatasetRow, SampleRow, SegmentRow, StoredColumn } from "../../../db/schema";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { codeAncestry } from "../datasets/code-scope.server";
import { compileFilter } from "../datasets/filter-compiler.server";
import { queryRows, sqlList } from "../datasets/query.server";
import { columnSql, datasetTable, keyColumn } from "../datasets/sql.server";
import type { Filter } from "../datasets/types";

/** The dataset row's text is not empty: the rows a sample is drawn from and stands for. */
export const hasText = (text: StoredColumn, alias: string) => sql`nullif(btrim(${columnSql(text, alias)}::text), '') is not null`;

/** The stratum value of a dataset row as the sample stores it: text, null when empty. */
export const stratumValue = (strata: StoredColumn | null, alias: string) =>
  strata ? sql`nullif(${columnSql(strata, alias)}::text, '')` : sql`null::text`;

/** `(seg, inside)` pairs evaluated on the row `r`: 0 is the whole table. */
function groupValues(dataset: DatasetRow, segments: readonly SegmentRow[]): SQL {
  const values = [sql`(0, true)`, ...segments.map((s, i) => sql`(${sql.raw(String(i + 1))}, ${compileFilter(s.filter as Filter, dataset.columns, "r")})`)];
  return sql`(values ${sql.join(values, sql`, `)}) as g(seg, inside)`;
}

/**
 * The rows that count: drawn by design (not hand-picked), their document still there, in the
 * analysis (not a rejected contribution) and marked done.
 */
function doneRows(sampleId: string): SQL {
  return sql`select sr.row_key, sr.stratum, sr.document_id from sample_rows sr
    join documents d on d.id = sr.document_id
    where sr.sample_id = ${sampleId} and not sr.hand_picked and d.done and ${inAnalysis("d")}`;
}

export interface DoneCount {
  seg: number;
  stratum: number;
  done: number;
}

export interface PositiveCount extends DoneCount {
  codeId: string;
}

/**
 * Done rows per (group, stratum), and per (code, group, stratum) those with ≥1 live coding of the
 * code (with `subcodes`, a coding also counts for its code's ancestors, as in the matrix).
 */
export async function doneAndPositives(
  db: Database,
  { projectId, sample, dataset, segments, codeIds, subcodes }: {
    projectId: string;
    sample: SampleRow;
    dataset: DatasetRow;
    segments: readonly SegmentRow[];
    codeIds: readonly string[];
    subcodes: boolean;
  },
): Promise<{ done: DoneCount[]; positives: PositiveCount[] }> {
  const members = sql`select dr.row_key, dr.stratum, dr.document_id, g.seg
      from done_rows dr
      join ${datasetTable(dataset)} as r on ${columnSql(keyColumn(dataset), "r")} = dr.row_key
      cross join lateral ${groupValues(dataset, segments)}
      where g.inside`;
  const codeFilter = codeIds.length ? sql`c.code_id in (${sqlList(codeIds)})` : sql`false`;
  const coded = subcodes
    ? sql`select distinct t.scope_id as code_id, c.document_id from codings c
          join done_rows dr on dr.document_id = c.document_id
          join (${codeAncestry(projectId)}) t on t.code_id = c.code_id
          where not c.orphaned and t.scope_id in (${codeIds.length ? sqlList(codeIds) : sql`null`})`
    : sql`select distinct c.code_id, c.document_id from codings c
          join done_rows dr on dr.document_id = c.document_id
          where not c.orphaned and ${codeFilter}`;
  const query = sql`with done_rows as materialized (${doneRows(sample.id)}),
      members as materialized (${members}),
      coded as (${coded})
    select null::text as "codeId", m.seg::int as "seg", m.stratum::int as "stratum", count(*)::int as "done"
      from members m group by m.seg, m.stratum
    union all
    select k.code_id, m.seg::int, m.stratum::int, count(*)::int
      from coded k join members m on m.document_id = k.document_id
      group by k.code_id, m.seg, m.stratum`;
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<{ codeId: string | null; seg: number; stratum: number; done: number }>(tx, query);
  });
  const done: DoneCount[] = [];
  const positives: PositiveCount[] = [];
  for (const row of rows) {
    if (row.codeId === null) done.push({ seg: row.seg, stratum: row.stratum, done: row.done });
    else positives.push({ codeId: row.codeId, seg: row.seg, stratum: row.stratum, done: row.done });
  }
  return { done, positives };
}

export interface GroupPopulation {
  seg: number;
  /** The stratum's value as text (null: empty or an unstratified sample). */
  value: string | null;
  population: number;
  /** With a model column: the scores of the rows not among the done rows. */
  uncoded: number;
  sum: number;
  sumOfSquares: number;
}

/**
 * Rows of the table with text per (group, stratum value): the segments' populations, and with a
 * model's score column the count, Σf and Σf² of the rows nobody coded (PPI's unlabelled rows).
 * One scan of the dataset table.
 */
export async function groupPopulations(
  db: Database,
  { sample, dataset, segments, text, strata, score }: {
    sample: SampleRow;
    dataset: DatasetRow;
    segments: readonly SegmentRow[];
    text: StoredColumn;
    strata: StoredColumn | null;
    score: StoredColumn | null;
  },
): Promise<GroupPopulation[]> {
  const f = score ? sql`(${columnSql(score, "r")})::float8` : sql`null::float8`;
  const uncoded = sql`dr.row_key is null and ${f} is not null`;
  const query = sql`with done_rows as materialized (${doneRows(sample.id)})
    select g.seg::int as "seg", ${stratumValue(strata, "r")} as "value", count(*)::int as "population",
           count(*) filter (where ${uncoded})::int as "uncoded",
           coalesce(sum(${f}) filter (where ${uncoded}), 0)::float8 as "sum",
           coalesce(sum(${f} * ${f}) filter (where ${uncoded}), 0)::float8 as "sumOfSquares"
    from ${datasetTable(dataset)} as r
    left join done_rows dr on dr.row_key = ${columnSql(keyColumn(dataset), "r")}::text
    cross join lateral ${groupValues(dataset, segments)}
    where g.inside and ${hasText(text, "r")}
    group by 1, 2`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    return queryRows<GroupPopulation>(tx, query);
  });
}

export interface DoneRowScore {
  rowKey: string;
  stratum: number;
  documentId: string;
  /** Groups (0: the whole table, 1…: segments) the row falls in. */
  segs: number[];
  /** The applied model's score of the row in the dataset column (null when none). */
  score: number | null;
}

/** Each done row with its groups and the model column's score: PPI's labelled rows. */
export async function doneRowScores(
  db: Database,
  { sample, dataset, segments, score }: { sample: SampleRow; dataset: DatasetRow; segments: readonly SegmentRow[]; score: StoredColumn },
): Promise<DoneRowScore[]> {
  return queryRows<DoneRowScore>(
    db,
    sql`with done_rows as materialized (${doneRows(sample.id)})
      select dr.row_key as "rowKey", dr.stratum::int as "stratum", dr.document_id as "documentId",
             array_agg(g.seg::int order by g.seg) as "segs", min((${columnSql(score, "r")})::float8) as "score"
      from done_rows dr
      join ${datasetTable(dataset)} as r on ${columnSql(keyColumn(dataset), "r")} = dr.row_key
      cross join lateral ${groupValues(dataset, segments)}
      where g.inside
      group by dr.row_key, dr.stratum, dr.document_id`,
  );
}

/** Documents among `documentIds` with ≥1 live coding of the code (or, with subcodes, below it). */
export async function codedDocuments(db: Database, sampleId: string, codeId: string, subcodes: boolean): Promise<Set<string>> {
  const scope = subcodes
    ? sql`c.code_id in (with recursive down(id) as (select ${codeId}::text union select k.id from codes k join down on k.parent_id = down.id) select id from down)`
    : sql`c.code_id = ${codeId}`;
  const rows = await queryRows<{ documentId: string }>(
    db,
    sql`with done_rows as materialized (${doneRows(sampleId)})
      select distinct c.document_id as "documentId" from codings c join done_rows dr on dr.document_id = c.document_id
      where not c.orphaned and ${scope}`,
  );
  return new Set(rows.map((r) => r.documentId));
}
