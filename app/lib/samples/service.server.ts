import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { newId } from "../../../db/ids";
import { docSnapshots, documents, samples, sampleRows, sampleStrata, type DatasetRow, type SampleRow } from "../../../db/schema";
import { initialDocState } from "../collab/doc-model";
import { allocate, AllocationError, extendAllocation } from "../estimates/allocation";
import { HttpError } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { MAX_DOCUMENT_CHARS } from "../validation/schemas";
import { countStrata, drawRows, type DrawnRow } from "./draw.server";
import { getSample } from "./queries.server";
import type { DrawSampleInput } from "./schemas";
import { MAX_SAMPLE_SIZE, MAX_STRATA, type Sample } from "./types";

/** Inserts per statement: well under the 65,535 parameters a statement may carry. */
const BATCH = 500;

export const invalidSample = (message: string) => new HttpError(422, "invalid_sample", message);

function columnOf(dataset: DatasetRow, name: string, role: "textColumn" | "strataColumn") {
  const column = dataset.columns.find((c) => c.name === name);
  if (!column) throw invalidSample(`${role}: the dataset has no column named ${JSON.stringify(name)}.`);
  return column;
}

function checkSize(size: number, label = "size") {
  if (size < 1) throw invalidSample(`${label}: a sample holds at least 1 row.`);
  if (size > MAX_SAMPLE_SIZE) throw invalidSample(`${label}: a sample holds at most ${MAX_SAMPLE_SIZE.toLocaleString("en-GB")} rows.`);
}

function allocationOrInvalid<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof AllocationError) throw invalidSample(err.message);
    throw err;
  }
}

/** Writes the record documents of the drawn rows and the sample's rows, in batches, in `tx`. */
async function writeDrawn(
  tx: Database,
  dataset: DatasetRow,
  sample: Pick<SampleRow, "id" | "projectId">,
  actorId: string,
  drawn: DrawnRow[],
  wave: number,
) {
  for (let i = 0; i < drawn.length; i += BATCH) {
    const batch = drawn.slice(i, i + BATCH).map((row) => ({ ...row, documentId: newId() }));
    await tx.insert(documents).values(
      batch.map((row) => ({
        id: row.documentId,
        projectId: sample.projectId,
        title: `${dataset.name} · ${row.key}`.slice(0, 300),
        kind: "record" as const,
        caseKey: row.key,
        text: row.text.slice(0, MAX_DOCUMENT_CHARS),
        createdBy: actorId,
      })),
    );
    await tx.insert(docSnapshots).values(
      batch.map((row) => ({ docName: row.documentId, state: initialDocState(row.text.slice(0, MAX_DOCUMENT_CHARS)), upTo: 0 })),
    );
    await tx.insert(sampleRows).values(
      batch.map((row) => ({ sampleId: sample.id, rowKey: row.key, stratum: row.stratum, wave, documentId: row.documentId })),
    );
  }
}

/**
 * Draws a stratified random sample of `dataset`'s text column (proportional allocation with an
 * optional minimum per stratum) and makes each drawn row a `record` document, all in one
 * transaction: a failure leaves nothing behind.
 */
export async function drawSample(
  services: AppServices,
  dataset: DatasetRow,
  actorId: string,
  input: DrawSampleInput,
): Promise<Sample> {
  const text = columnOf(dataset, input.textColumn, "textColumn");
  if (text.type !== "text") {
    throw invalidSample(`textColumn: ${JSON.stringify(text.name)} holds ${text.type} values, not text.`);
  }
  if (input.strataColumn === "") throw invalidSample("strataColumn: name a column to stratify by, or leave it out.");
  const strata = input.strataColumn ? columnOf(dataset, input.strataColumn, "strataColumn") : null;
  if (strata && strata.name === text.name) throw invalidSample("strataColumn: the text column cannot also be the strata column.");
  checkSize(input.size);
  const minPerStratum = input.minPerStratum ?? 0;
  if (minPerStratum < 0) throw invalidSample("minPerStratum: must be 0 or more.");
  const seed = input.seed ?? Math.floor(Math.random() * 2_147_483_647);

  const sampleId = await services.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: samples.id })
      .from(samples)
      .where(and(eq(samples.projectId, dataset.projectId), eq(samples.name, input.name)));
    if (taken) throw new HttpError(409, "duplicate_name", `A sample named ${JSON.stringify(input.name)} exists already in this project.`);
    const design = await countStrata(tx, dataset, text, strata);
    const population = design.reduce((sum, s) => sum + s.population, 0);
    const emptySkipped = dataset.rowCount - population;
    if (population === 0) throw invalidSample(`textColumn: every row's ${JSON.stringify(text.name)} is empty; there is nothing to draw.`);
    if (design.length > MAX_STRATA) {
      throw invalidSample(`strataColumn: ${JSON.stringify(strata!.name)} has ${design.length} distinct values; at most ${MAX_STRATA} strata.`);
    }
    if (input.size > population) {
      throw invalidSample(
        `size: the table has ${population} rows with text in ${JSON.stringify(text.name)}` +
          `${emptySkipped ? ` (${emptySkipped} empty rows skipped)` : ""}; a sample of ${input.size} cannot be drawn.`,
      );
    }
    const counts = allocationOrInvalid(() => allocate(design, input.size, minPerStratum));
    const [sample] = await tx
      .insert(samples)
      .values({
        projectId: dataset.projectId,
        datasetId: dataset.id,
        name: input.name,
        textColumn: text.name,
        strataColumn: strata?.name ?? null,
        size: input.size,
        seed,
        minPerStratum,
        emptySkipped,
        createdBy: actorId,
      })
      .returning();
    await tx.insert(sampleStrata).values(
      design.map((s, h) => ({ sampleId: sample!.id, position: h, value: s.value, population: s.population, sampled: counts[h]! })),
    );
    const drawn = await drawRows(
      tx,
      dataset,
      { sampleId: sample!.id, seed, text, strata },
      design.map((s, h) => ({ value: s.value, n: counts[h]! })),
    );
    await writeDrawn(tx, dataset, sample!, actorId, drawn, 1);
    return sample!.id;
  });
  return (await getSample(services, sampleId))!;
}

/** A second (third…) wave: the sample grows to `size` rows, each stratum taking its next rows. */
export async function extendSample(
  services: AppServices,
  dataset: DatasetRow,
  sample: SampleRow,
  actorId: string,
  size: number,
): Promise<Sample> {
  checkSize(size);
  if (size <= sample.size) throw invalidSample(`size: the sample holds ${sample.size} rows already; give a larger total.`);
  const text = columnOf(dataset, sample.textColumn, "textColumn");
  const strata = sample.strataColumn ? columnOf(dataset, sample.strataColumn, "strataColumn") : null;
  await services.db.transaction(async (tx) => {
    // One wave at a time per sample: the second waits here and sees the first one's rows.
    const [locked] = await tx.execute(sql`SELECT 1 FROM ${samples} WHERE id = ${sample.id} FOR UPDATE`).then(
      (r) => (r as unknown as { rows: unknown[] }).rows,
    );
    if (!locked) throw new HttpError(404, "not_found", "Sample not found.");
    const [current] = await tx.select().from(samples).where(eq(samples.id, sample.id));
    if (size <= current!.size) throw invalidSample(`size: the sample holds ${current!.size} rows already; give a larger total.`);
    const design = await tx.select().from(sampleStrata).where(eq(sampleStrata.sampleId, sample.id)).orderBy(sampleStrata.position);
    const population = design.reduce((sum, s) => sum + s.population, 0);
    if (size > population) throw invalidSample(`size: the table has ${population} rows with text; a sample of ${size} cannot be drawn.`);
    const extra = allocationOrInvalid(() =>
      extendAllocation(
        design.map((s) => ({ value: s.value, population: s.population, drawn: s.sampled })),
        size - current!.size,
        current!.minPerStratum,
      ),
    );
    const [last] = await tx
      .select({ wave: sql<number>`coalesce(max(${sampleRows.wave}), 0)::int` })
      .from(sampleRows)
      .where(eq(sampleRows.sampleId, sample.id));
    const drawn = await drawRows(
      tx,
      dataset,
      { sampleId: sample.id, seed: current!.seed, text, strata },
      design.map((s, h) => ({ value: s.value, n: extra[h]! })),
    );
    await writeDrawn(tx, dataset, current!, actorId, drawn, Number(last!.wave) + 1);
    for (const [h, s] of design.entries()) {
      if (extra[h]! > 0) {
        await tx
          .update(sampleStrata)
          .set({ sampled: s.sampled + extra[h]! })
          .where(and(eq(sampleStrata.sampleId, sample.id), eq(sampleStrata.position, s.position)));
      }
    }
    await tx.update(samples).set({ size }).where(eq(samples.id, sample.id));
  });
  return (await getSample(services, sample.id))!;
}

/** Deletes the sample and the record documents drawn for it (their codings go with them). */
export async function deleteSample(services: AppServices, sampleId: string): Promise<void> {
  const gone = await services.db.transaction(async (tx) => {
    const rows = await tx
      .select({ documentId: sampleRows.documentId })
      .from(sampleRows)
      .where(and(eq(sampleRows.sampleId, sampleId), isNotNull(sampleRows.documentId)));
    const ids = rows.map((r) => r.documentId!);
    await tx.delete(samples).where(eq(samples.id, sampleId));
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      await tx.delete(documents).where(and(inArray(documents.id, batch), eq(documents.kind, "record")));
    }
    return ids;
  });
  await services.collab.forgetMany(gone);
}
