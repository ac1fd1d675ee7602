import { sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { DatasetRow, SampleRow } from "../../../db/schema";
import { MIN_PER_CLASS } from "../classifier";
import { queryRows } from "../datasets/query.server";
import { columnSql, datasetTable, keyColumn } from "../datasets/sql.server";

export interface Example {
  rowKey: string;
  positive: boolean;
}

/**
 * What a model of `codeId` learns from: the sample's done documents drawn by design (hand-picked
 * rows are left out, as they are of the estimate), positive when any of their live codings
 * carries the code.
 */
export async function sampleExamples(db: Database, sampleId: string, codeId: string): Promise<Example[]> {
  return queryRows<Example>(
    db,
    sql`select sr.row_key as "rowKey",
          exists (select 1 from codings c where c.document_id = d.id and c.code_id = ${codeId} and not c.orphaned) as "positive"
        from sample_rows sr join documents d on d.id = sr.document_id
        where sr.sample_id = ${sampleId} and not sr.hand_picked and d.done
        order by sr.row_key`,
  );
}

export interface ExampleCounts {
  positives: number;
  negatives: number;
  morePositivesNeeded: number;
  moreNegativesNeeded: number;
}

export function countExamples(examples: readonly Example[]): ExampleCounts {
  const positives = examples.filter((e) => e.positive).length;
  const negatives = examples.length - positives;
  return {
    positives,
    negatives,
    morePositivesNeeded: Math.max(0, MIN_PER_CLASS - positives),
    moreNegativesNeeded: Math.max(0, MIN_PER_CLASS - negatives),
  };
}

/** The text column of the sample, as stored in its dataset's catalogue. */
export function textColumnOf(dataset: Pick<DatasetRow, "columns">, sample: Pick<SampleRow, "textColumn">) {
  const column = dataset.columns.find((c) => c.name === sample.textColumn);
  if (!column) throw new Error(`The text column ${sample.textColumn} is no longer in the dataset.`);
  return column;
}

/** The text of each example's row (empty text for a row that is gone), in the examples' order. */
export async function exampleTexts(db: Database, dataset: DatasetRow, sample: SampleRow, examples: readonly Example[]): Promise<string[]> {
  if (examples.length === 0) return [];
  const key = keyColumn(dataset);
  const text = textColumnOf(dataset, sample);
  const rows = await queryRows<{ k: string; t: string | null }>(
    db,
    sql`select ${columnSql(key)}::text as k, ${columnSql(text)}::text as t from ${datasetTable(dataset)}
        where ${columnSql(key)}::text in (select jsonb_array_elements_text(${JSON.stringify(examples.map((e) => e.rowKey))}::jsonb))`,
  );
  const byKey = new Map(rows.map((r) => [r.k, r.t ?? ""]));
  return examples.map((e) => byKey.get(e.rowKey) ?? "");
}
