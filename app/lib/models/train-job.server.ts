/**
 * The `model.train` job: learns one code from a sample's done documents (5-fold cross-validated),
 * keeps the model, then scores every row of the dataset's text column into a staging table and,
 * in one transaction at the end, writes the probabilities as a number column of the dataset. A
 * cancelled or failed job drops the staging table and leaves the dataset as it was.
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { codeModels, codes, datasets, samples, type DatasetRow, type StoredColumn } from "../../../db/schema";
import { NotEnoughExamplesError, serializeModel, trainTextClassifier, type TextClassifierModel } from "../classifier";
import { sqlColumnNames } from "../datasets/csv-types";
import { queryRows } from "../datasets/query.server";
import { columnSql, DATASET_SCHEMA, datasetTable, keyColumn } from "../datasets/sql.server";
import { JobFailure, type JobContext } from "../jobs/queue.server";
import { exampleTexts, sampleExamples, textColumnOf } from "./examples.server";
import type { ModelJobResult } from "./types";

export const MODEL_TRAIN = "model.train";
/**
 * Rows read, scored and staged per round trip; progress and cancel are checked between batches.
 * THICKET_SCORE_BATCH overrides it (the tests use small batches to cancel a job mid-way).
 */
const scoreBatch = () => Number(process.env.THICKET_SCORE_BATCH) || 5000;
/** Share of the progress bar given to training (the rest is scoring). */
const TRAIN_SHARE = 0.1;

export interface ModelJobInput {
  sampleId: string;
  codeId: string;
}

const gone = (what: string) => new JobFailure(`The ${what} was deleted while the model was being trained or applied; nothing was written.`);

async function loadInputs(db: Database, input: ModelJobInput) {
  const [sample] = await db.select().from(samples).where(eq(samples.id, input.sampleId));
  if (!sample) throw gone("sample");
  const [code] = await db.select().from(codes).where(eq(codes.id, input.codeId));
  if (!code) throw gone("code");
  const [dataset] = await db.select().from(datasets).where(eq(datasets.id, sample.datasetId));
  if (!dataset) throw gone("dataset");
  return { sample, code, dataset };
}

export async function runModelJob(ctx: JobContext): Promise<ModelJobResult> {
  const { db, job } = ctx;
  const input = job.input as unknown as ModelJobInput;
  const { sample, code, dataset } = await loadInputs(db, input);

  const examples = await sampleExamples(db, sample.id, code.id);
  const texts = await exampleTexts(db, dataset, sample, examples);
  let trained;
  try {
    trained = trainTextClassifier(
      texts,
      examples.map((e) => e.positive),
      { folds: 5, seed: sample.seed },
    );
  } catch (err) {
    if (err instanceof NotEnoughExamplesError) throw new JobFailure(err.message);
    throw err;
  }
  const { model, cv } = trained;
  const top = model.topTerms(20);
  const outOfFold: Record<string, number> = {};
  examples.forEach((e, i) => (outOfFold[e.rowKey] = cv.outOfFold[i]!));
  const [stored] = await db
    .insert(codeModels)
    .values({
      projectId: sample.projectId,
      sampleId: sample.id,
      codeId: code.id,
      trainedOn: examples.length,
      positives: trained.positives,
      cv: { precision: cv.precision, recall: cv.recall, f1: cv.f1 },
      terms: { for: top.positive, against: top.negative },
      outOfFold,
      model: serializeModel(model),
      jobId: job.id,
      createdBy: job.createdBy,
    })
    .returning({ id: codeModels.id });
  await ctx.checkpoint(TRAIN_SHARE);

  const { scored, column } = await applyModel(ctx, dataset, sample.textColumn, model, {
    modelId: stored!.id,
    codeId: code.id,
    columnName: `p_${code.name}`,
  });
  return {
    modelId: stored!.id,
    codeId: code.id,
    trainedOn: examples.length,
    cv: { precision: cv.precision, recall: cv.recall, f1: cv.f1 },
    scored,
    column,
  };
}

/** A staging table of its own in the datasets schema; its name is generated, never user text. */
const stagingTable = () => sql`${sql.identifier(DATASET_SCHEMA)}.${sql.identifier(`stage_${randomBytes(8).toString("hex")}`)}`;

/**
 * Scores every row (keyset pages by the key column) into a staging table, then swaps the scores
 * into the dataset in one transaction. Exported for the bench.
 */
export async function applyModel(
  ctx: Pick<JobContext, "db" | "checkpoint">,
  dataset: DatasetRow,
  textColumnName: string,
  model: TextClassifierModel,
  target: { modelId: string; codeId: string; columnName: string },
): Promise<{ scored: number; column: string }> {
  const { db } = ctx;
  const key = keyColumn(dataset);
  const text = textColumnOf(dataset, { textColumn: textColumnName });
  const stage = stagingTable();
  await db.execute(sql`create table ${stage} (k text primary key, p double precision not null)`);
  try {
    let scored = 0;
    let after: string | null = null;
    const total = Math.max(1, dataset.rowCount);
    for (;;) {
      const rows: { k: string; t: string | null }[] = await readBatch(db, dataset, key, text, after);
      if (rows.length === 0) break;
      const p = model.predict(rows.map((r) => r.t ?? ""));
      const pairs = rows.map((r, i) => [r.k, p[i]]);
      await db.execute(
        sql`insert into ${stage} (k, p) select e->>0, (e->>1)::float8 from jsonb_array_elements(${JSON.stringify(pairs)}::jsonb) e`,
      );
      scored += rows.length;
      after = rows[rows.length - 1]!.k;
      await ctx.checkpoint(TRAIN_SHARE + (1 - TRAIN_SHARE) * Math.min(1, scored / total) * 0.95);
    }
    const column = await db.transaction(async (tx) => {
      // Locks the catalogue row: a concurrent delete of the dataset waits for us, or we see it gone.
      const [current] = await tx.select().from(datasets).where(eq(datasets.id, dataset.id)).for("update");
      if (!current) throw gone("dataset");
      const [code] = await tx.select({ id: codes.id }).from(codes).where(eq(codes.id, target.codeId)).for("share");
      if (!code) throw gone("code");
      const { column, isNew } = await targetColumn(tx, current, target);
      if (isNew) await tx.execute(sql`alter table ${datasetTable(current)} add column ${sql.identifier(column.sqlName)} double precision`);
      await tx.execute(
        sql`update ${datasetTable(current)} t set ${sql.identifier(column.sqlName)} = s.p
            from ${stage} s where ${columnSql(key, "t")}::text = s.k`,
      );
      const columns = isNew ? [...current.columns, column] : current.columns;
      await tx.update(datasets).set({ columns, summary: null }).where(eq(datasets.id, current.id));
      await tx.update(codeModels).set({ column: column.name, appliedAt: new Date() }).where(eq(codeModels.id, target.modelId));
      return column.name;
    });
    return { scored, column };
  } catch (err) {
    if (err instanceof JobFailure) throw err;
    // A read or write that failed because the table went away: say so plainly.
    const [still] = await db.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, dataset.id));
    if (!still) throw gone("dataset");
    throw err;
  } finally {
    await db.execute(sql`drop table if exists ${stage}`).catch(() => {});
  }
}

function readBatch(db: Database, dataset: DatasetRow, key: StoredColumn, text: StoredColumn, after: string | null) {
  const k = columnSql(key);
  return queryRows<{ k: string; t: string | null }>(
    db,
    sql`select ${k}::text as k, ${columnSql(text)}::text as t from ${datasetTable(dataset)}
        ${after === null ? sql`` : sql`where ${k}::text > ${after}`}
        order by ${k}::text limit ${scoreBatch()}`,
  );
}

/**
 * The column to write: the one an earlier model of the same code wrote under this name (replaced),
 * else a new number column named `p_<code name>` (with a number added if a column has that name).
 */
async function targetColumn(tx: Database, dataset: DatasetRow, target: { codeId: string; columnName: string }) {
  const previous = await queryRows<{ column: string }>(
    tx,
    sql`select distinct m.column from ${codeModels} m join ${samples} s on s.id = m.sample_id
        where s.dataset_id = ${dataset.id} and m.code_id = ${target.codeId} and m.column is not null`,
  );
  const ours = new Set(previous.map((r) => r.column));
  const existing = dataset.columns.find((c) => c.name === target.columnName);
  if (existing && existing.type === "number" && ours.has(existing.name)) return { column: existing, isNew: false };
  let name = target.columnName;
  for (let n = 2; dataset.columns.some((c) => c.name === name); n++) name = `${target.columnName} ${n}`;
  const sqlNames = sqlColumnNames([...dataset.columns.map((c) => c.sqlName), name]);
  const column: StoredColumn = { name, type: "number", sqlName: sqlNames[sqlNames.length - 1]! };
  return { column, isNew: true };
}
