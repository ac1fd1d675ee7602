import { and, desc, eq, getTableColumns } from "drizzle-orm";
import { z } from "zod";
import { codeModels, codes, type CodeModelRow, type SampleRow } from "../../../db/schema";
import { MIN_PER_CLASS } from "../classifier";
import { HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { countExamples, sampleExamples, type ExampleCounts } from "./examples.server";
import { MODEL_TRAIN, type ModelJobInput } from "./train-job.server";
import type { CodeModelView } from "./types";

export const trainModelSchema = z.object({
  codeId: z.string({ error: "codeId is required." }).min(1, "codeId is required.").max(100),
});

export function notEnoughExamples(counts: ExampleCounts): HttpError {
  const needs = [
    counts.morePositivesNeeded > 0 ? `${counts.morePositivesNeeded} more with the code` : "",
    counts.moreNegativesNeeded > 0 ? `${counts.moreNegativesNeeded} more without it` : "",
  ].filter(Boolean);
  return new HttpError(
    422,
    "not_enough_examples",
    `A model needs at least ${MIN_PER_CLASS} done documents with the code and ${MIN_PER_CLASS} without; ` +
      `there are ${counts.positives} with and ${counts.negatives} without. Mark ${needs.join(" and ")} done.`,
    {},
    {
      positives: String(counts.positives),
      negatives: String(counts.negatives),
      morePositivesNeeded: String(counts.morePositivesNeeded),
      moreNegativesNeeded: String(counts.moreNegativesNeeded),
    },
  );
}

/** Checks the code and the examples now (422 with counts), then queues the job. */
export async function startModelJob(services: AppServices, sample: SampleRow, codeId: string, userId: string): Promise<string> {
  const [code] = await services.db
    .select({ id: codes.id })
    .from(codes)
    .where(and(eq(codes.id, codeId), eq(codes.projectId, sample.projectId)));
  if (!code) throw notFound("Code not found.");
  await services.collab.flush(); // codings made a moment ago are in the projection
  const counts = countExamples(await sampleExamples(services.db, sample.id, code.id));
  if (counts.morePositivesNeeded > 0 || counts.moreNegativesNeeded > 0) throw notEnoughExamples(counts);
  const input: ModelJobInput = { sampleId: sample.id, codeId: code.id };
  return services.jobs.enqueue({ projectId: sample.projectId, kind: MODEL_TRAIN, input: { ...input }, createdBy: userId });
}

export function codeModelView(row: Omit<CodeModelRow, "model" | "outOfFold">): CodeModelView {
  return {
    id: row.id,
    sampleId: row.sampleId,
    codeId: row.codeId,
    trainedOn: row.trainedOn,
    positives: row.positives,
    cv: row.cv,
    terms: row.terms,
    column: row.column,
    jobId: row.jobId,
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}

/** The sample's models, newest first (the bytes and out-of-fold scores stay on the server). */
export async function listSampleModels(services: AppServices, sampleId: string): Promise<CodeModelView[]> {
  const { model: _model, outOfFold: _oof, ...columns } = getTableColumns(codeModels);
  void _model;
  void _oof;
  const rows = await services.db.select(columns).from(codeModels).where(eq(codeModels.sampleId, sampleId)).orderBy(desc(codeModels.createdAt));
  return rows.map(codeModelView);
}
