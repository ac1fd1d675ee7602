/**
 * The matrix's second view, "Estimated in all rows": the project's sample over the dataset the
 * matrix's segments are cut from, and every code's estimate in each of those segments.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { samples } from "../../../db/schema";
import type { MatrixSegment } from "../datasets/types";
import type { AppServices } from "../services.server";
import { sampleEstimates } from "./estimates.server";
import { MAX_ESTIMATE_SEGMENTS, type CodeEstimates } from "./schemas";

export interface MatrixSample {
  id: string;
  name: string;
  datasetId: string;
}

/** The newest sample of a dataset the segments are over (the dataset with most segments first). */
export async function matrixSample(services: AppServices, projectId: string, segments: readonly MatrixSegment[]): Promise<MatrixSample | null> {
  const perDataset = new Map<string, number>();
  for (const s of segments) perDataset.set(s.datasetId, (perDataset.get(s.datasetId) ?? 0) + 1);
  if (perDataset.size === 0) return null;
  const rows = await services.db
    .select({ id: samples.id, name: samples.name, datasetId: samples.datasetId })
    .from(samples)
    .where(and(eq(samples.projectId, projectId), inArray(samples.datasetId, [...perDataset.keys()])))
    .orderBy(desc(samples.createdAt));
  rows.sort((a, b) => (perDataset.get(b.datasetId) ?? 0) - (perDataset.get(a.datasetId) ?? 0));
  return rows[0] ?? null;
}

export async function matrixEstimates(
  services: AppServices,
  sample: MatrixSample,
  segments: readonly MatrixSegment[],
  subcodes: boolean,
): Promise<{ segmentIds: string[]; estimates: CodeEstimates[] }> {
  const segmentIds = segments.filter((s) => s.datasetId === sample.datasetId).slice(0, MAX_ESTIMATE_SEGMENTS).map((s) => s.id);
  const [row] = await services.db.select().from(samples).where(eq(samples.id, sample.id));
  if (!row || segmentIds.length === 0) return { segmentIds, estimates: [] };
  const answer = await sampleEstimates(services, row, { by: segmentIds, method: "sample", subcodes: subcodes ? "true" : "false" });
  return { segmentIds, estimates: answer.estimates };
}

/** The project's samples, newest first: the code's Prevalence panel offers them. */
export async function projectSamples(services: AppServices, projectId: string): Promise<{ id: string; name: string }[]> {
  return services.db
    .select({ id: samples.id, name: samples.name })
    .from(samples)
    .where(eq(samples.projectId, projectId))
    .orderBy(desc(samples.createdAt));
}
