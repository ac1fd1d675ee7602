/**
 * Samples written straight into their tables (samples, sample_strata, sample_rows), for tests
 * of what reads them while the drawing API is built elsewhere, and a worked example for the
 * estimates: a 62-row table in three strata, a drawn sample with done, not-done, hand-picked
 * and deleted documents, two codes (one under the other), two segments and an applied model.
 */
import { inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { codeModels, documents, sampleRows, samples, sampleStrata } from "../../db/schema";
import { created, type ApiClient } from "./api-client";
import { importCsv } from "./datasets";

export interface StratumSpec {
  value: string | null;
  population: number;
  sampled: number;
}

export interface SampleRowSpec {
  rowKey: string;
  stratum: number;
  documentId: string | null;
  handPicked?: boolean;
}

/** Inserts a sample with its strata and rows as the drawing service would leave them. */
export async function insertSample(
  db: Database,
  spec: {
    projectId: string;
    datasetId: string;
    name: string;
    textColumn: string;
    strataColumn: string | null;
    strata: StratumSpec[];
    rows: SampleRowSpec[];
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [sample] = await tx
      .insert(samples)
      .values({
        projectId: spec.projectId,
        datasetId: spec.datasetId,
        name: spec.name,
        textColumn: spec.textColumn,
        strataColumn: spec.strataColumn,
        size: spec.strata.reduce((n, s) => n + s.sampled, 0),
        seed: 1,
      })
      .returning({ id: samples.id });
    await tx.insert(sampleStrata).values(spec.strata.map((s, position) => ({ sampleId: sample!.id, position, ...s })));
    if (spec.rows.length) {
      await tx.insert(sampleRows).values(
        spec.rows.map((r) => ({ sampleId: sample!.id, rowKey: r.rowKey, stratum: r.stratum, handPicked: r.handPicked ?? false, documentId: r.documentId })),
      );
    }
    return sample!.id;
  });
}

/** Marks documents done, as PATCH {done:true} will. */
export async function markDone(db: Database, documentIds: string[]) {
  if (documentIds.length) await db.update(documents).set({ done: true, doneAt: new Date() }).where(inArray(documents.id, documentIds));
}

/** A model of `codeId` applied to the dataset column `column`, with these out-of-fold scores. */
export async function insertAppliedModel(
  db: Database,
  spec: { projectId: string; sampleId: string; codeId: string; column: string; outOfFold: Record<string, number> },
) {
  await db.insert(codeModels).values({
    ...spec,
    trainedOn: Object.keys(spec.outOfFold).length,
    positives: 0,
    cv: { precision: 0.5, recall: 0.5, f1: 0.5 },
    terms: { for: [], against: [] },
    model: Buffer.from([0]),
    appliedAt: new Date(),
  });
}

// ---- The worked example -------------------------------------------------------------------

/** Rows K1–K30 North, K31–K50 South, K51–K60 East; K61, K62 North with empty text. */
export const regionOf = (i: number) => (i <= 30 || i > 60 ? "North" : i <= 50 ? "South" : "East");
export const churnedRow = (i: number) => i % 3 === 0;
/** The applied model's score of row Ki (the dataset's `price_score` column). */
export const scoreOf = (i: number) => ((i * 37) % 100) / 100;
export const ROWS = 62;

export function exampleCsv(): string {
  const lines = ["id,region,note,churned,price_score"];
  for (let i = 1; i <= ROWS; i++) {
    const note = i > 60 ? "" : `note number ${i} about the service`;
    lines.push(`K${i},${regionOf(i)},${note},${churnedRow(i)},${scoreOf(i)}`);
  }
  return lines.join("\n");
}

/**
 * Drawn: North K1–K8 (K1–K7 done, K8 not), South K31–K36 (all done, K36's document then
 * deleted), East K51–K52 (not done). Hand-picked: K9 (North, done, coded Price).
 * Price coded in K1, K2, K31, K33, K35, K36, K9; Support (under Price) in K3 and K32.
 * Out-of-fold scores for K1–K5 and K31–K33 (the model "was trained" on those).
 */
export const DRAWN = { North: [1, 2, 3, 4, 5, 6, 7, 8], South: [31, 32, 33, 34, 35, 36], East: [51, 52] };
export const DONE = [1, 2, 3, 4, 5, 6, 7, 31, 32, 33, 34, 35, 36, 9];
export const PRICE = [1, 2, 31, 33, 35, 36, 9];
export const SUPPORT = [3, 32];
export const OUT_OF_FOLD: Record<string, number> = { K1: 0.9, K2: 0.7, K3: 0.4, K4: 0.2, K5: 0.1, K31: 0.8, K32: 0.3, K33: 0.6 };

export async function estimatesExample(db: Database, owner: ApiClient, projectName = "Sandwich") {
  const projectId = (await created(owner, "/api/v1/projects", { name: projectName })).id as string;
  const dataset = await importCsv(owner, projectId, "Calls", "id", exampleCsv());
  const segment = (name: string, filter: object) =>
    created(owner, `/api/v1/projects/${projectId}/segments`, { datasetId: dataset.id, name, filter });
  const notEast = await segment("Not East", { all: [{ column: "region", op: "neq", value: "East" }] });
  const churned = await segment("Churned", { all: [{ column: "churned", op: "eq", value: true }] });
  const price = await created(owner, `/api/v1/projects/${projectId}/codes`, { name: "Price" });
  const support = await created(owner, `/api/v1/projects/${projectId}/codes`, { name: "Support", parentId: price.id });
  const unused = await created(owner, `/api/v1/projects/${projectId}/codes`, { name: "Unused" });
  const docs = new Map<number, string>();
  for (const i of [...DRAWN.North, ...DRAWN.South, ...DRAWN.East, 9]) {
    const doc = await created(owner, `/api/v1/projects/${projectId}/documents`, {
      title: `Call K${i}`,
      kind: "record",
      text: `note number ${i} about the service`,
      caseKey: `K${i}`,
    });
    docs.set(i, doc.id);
  }
  for (const [list, codeId] of [[PRICE, price.id], [SUPPORT, support.id]] as const) {
    for (const i of list) await created(owner, `/api/v1/documents/${docs.get(i)}/codings`, { codeId, start: 0, end: 4 });
  }
  const rowsOf = (keys: number[], stratum: number) => keys.map((i) => ({ rowKey: `K${i}`, stratum, documentId: docs.get(i)! }));
  const sampleId = await insertSample(db, {
    projectId,
    datasetId: dataset.id,
    name: "Calls sample",
    textColumn: "note",
    strataColumn: "region",
    strata: [
      { value: "North", population: 30, sampled: 8 },
      { value: "South", population: 20, sampled: 6 },
      { value: "East", population: 10, sampled: 2 },
    ],
    rows: [...rowsOf(DRAWN.North, 0), ...rowsOf(DRAWN.South, 1), ...rowsOf(DRAWN.East, 2), { ...rowsOf([9], 0)[0]!, handPicked: true }],
  });
  await markDone(db, DONE.map((i) => docs.get(i)!));
  const deleted = await owner.delete(`/api/v1/documents/${docs.get(36)}`);
  if (deleted.status >= 300) throw new Error(`delete failed: ${deleted.status}`);
  return { projectId, dataset, sampleId, notEast, churned, price, support, unused, docs };
}
