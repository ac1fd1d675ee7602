import { Readable } from "node:stream";
import { newId } from "../../../db/ids";
import { addCoding } from "../collab/doc-model";
import { findDataset } from "../datasets/datasets.server";
import { importDataset } from "../datasets/import.server";
import { findSampleRow, sampleDocuments } from "../samples/queries.server";
import { drawSample } from "../samples/service.server";
import { startModelJob } from "../models/models.server";
import type { Sample } from "../samples/types";
import type { AppServices } from "../services.server";
import { updateDocument } from "../services/documents.server";
import { callLogCsv, generateCallLog } from "./call-log";
import type { CodeKey } from "./codebook";

export const DEMO_SAMPLE_NAME = "Call notes, first wave";
const SAMPLE_SIZE = 300;
/** The demo's coders have finished this many of the sample's documents, and more if the model's code needs them. */
const MIN_DONE = 60;
/** The code the demo's model learns: common enough in the call log to learn from a few dozen notes. */
export const DEMO_MODEL_CODE: CodeKey = "slowSpeed";
const MIN_EXAMPLES = 15;

export interface DemoSandwich {
  datasetId: string;
  sample: Sample;
  done: number;
  /** The background job that learns DEMO_MODEL_CODE and writes its scores to the call log. */
  modelJobId: string;
}

/**
 * The sandwich in the demo (issue 16): the 20,000-note call log as a dataset, a sample of 300
 * notes stratified by region, and the first few dozen of them coded as the generator knows they
 * should be and marked done, so estimates have something to stand on; then a model of one code
 * is learnt and applied to every row as a background job (on the jobs page, with its progress).
 */
export async function addDemoSandwich(
  services: AppServices,
  projectId: string,
  userId: string,
  codeIds: ReadonlyMap<CodeKey, string>,
  seed: number,
): Promise<DemoSandwich> {
  const rows = generateCallLog(seed);
  const info = await importDataset(services, {
    projectId,
    userId,
    name: "Call log",
    key: "call_id",
    stream: Readable.from([callLogCsv(rows)]),
  });
  const dataset = (await findDataset(services, info.id))!;
  const sample = await drawSample(services, dataset, userId, {
    name: DEMO_SAMPLE_NAME,
    textColumn: "note",
    strataColumn: "region",
    size: SAMPLE_SIZE,
    seed,
  });

  const truth = new Map(rows.map((r) => [r.call_id, r]));
  let done = 0;
  let positives = 0;
  const sampleRow = (await findSampleRow(services, sample.id))!;
  for (const doc of acrossStrata(await sampleDocuments(services, sampleRow))) {
    if (done >= MIN_DONE && positives >= MIN_EXAMPLES) break;
    const row = truth.get(doc.rowKey);
    if (!row || !doc.documentId) continue;
    await services.collab.change(doc.documentId, (ydoc) => {
      for (const coding of row.codings) {
        addCoding(ydoc, newId(), { codeId: codeIds.get(coding.code)!, start: coding.start, end: coding.end, authorId: userId });
      }
    });
    await updateDocument(services, doc.documentId, { done: true, caseKey: undefined });
    done++;
    if (row.codings.some((c) => c.code === DEMO_MODEL_CODE)) positives++;
  }
  const modelJobId = await startModelJob(services, sampleRow, codeIds.get(DEMO_MODEL_CODE)!, userId);
  return { datasetId: dataset.id, sample, done, modelJobId };
}

/**
 * The sample's documents taken in turn from each stratum (coders working through a sample
 * spread their effort), so every stratum has done documents and the estimate covers the table.
 */
function acrossStrata<T extends { stratum: string | null }>(docs: readonly T[]): T[] {
  const byStratum = new Map<string | null, T[]>();
  for (const doc of docs) byStratum.set(doc.stratum, [...(byStratum.get(doc.stratum) ?? []), doc]);
  const queues = [...byStratum.values()];
  const out: T[] = [];
  for (let i = 0; out.length < docs.length; i++) for (const queue of queues) if (queue[i]) out.push(queue[i]!);
  return out;
}
