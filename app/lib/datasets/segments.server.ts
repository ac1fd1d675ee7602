/**
 * Segments: named filters over one dataset of the project. Datasets never change, so a
 * segment's size and numbers are computed once when it is saved (or its filter changes).
 */
import { and, asc, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { datasets, segments, type DatasetRow, type SegmentRow } from "../../../db/schema";
import { conflict, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { invalidFilter } from "./filter-compiler.server";
import { parseFilter } from "./filter";
import { isUniqueViolation, projectDataset } from "./query.server";
import type { createSegmentSchema, updateSegmentSchema } from "./segment-input";
import { computeSegmentStats, type StoredSegmentStats } from "./segment-stats.server";
import type { Filter, SegmentComparison, SegmentInfo } from "./types";

const duplicateName = () => conflict("duplicate_name", "This project already has a segment with that name.");

/** The filter as a checked Filter, or the 422 that says what is wrong with it. */
export function checkedFilter(raw: unknown): Filter {
  const parsed = parseFilter(raw);
  if (!parsed.ok) throw invalidFilter(parsed.message);
  return parsed.filter;
}

function toInfo(row: SegmentRow, dataset: Pick<DatasetRow, "name" | "rowCount">): SegmentInfo {
  const stored = row.stats as StoredSegmentStats;
  return {
    id: row.id,
    projectId: row.projectId,
    datasetId: row.datasetId,
    datasetName: dataset.name,
    name: row.name,
    filter: row.filter as Filter,
    size: row.size,
    datasetRows: dataset.rowCount,
    stats: stored.inside,
    comparison: stored.comparison,
    createdAt: row.createdAt.toISOString(),
  };
}

async function nameTaken(services: AppServices, projectId: string, name: string, exceptId?: string) {
  const where = [eq(segments.projectId, projectId), eq(segments.name, name)];
  if (exceptId) where.push(ne(segments.id, exceptId));
  const [row] = await services.db.select({ id: segments.id }).from(segments).where(and(...where));
  return Boolean(row);
}

export async function createSegment(
  services: AppServices,
  projectId: string,
  userId: string,
  input: z.infer<typeof createSegmentSchema>,
): Promise<SegmentInfo> {
  const filter = checkedFilter(input.filter);
  const dataset = await projectDataset(services.db, projectId, input.datasetId);
  if (await nameTaken(services, projectId, input.name)) throw duplicateName();
  const computed = await computeSegmentStats(services.db, dataset, filter);
  const stats: StoredSegmentStats = { inside: computed.stats, comparison: computed.comparison };
  const [row] = await services.db
    .insert(segments)
    .values({ projectId, datasetId: dataset.id, name: input.name, filter, size: computed.size, stats, createdBy: userId })
    .onConflictDoNothing()
    .returning();
  // Someone saved the same name while the numbers were being computed.
  if (!row) throw duplicateName();
  return toInfo(row, dataset);
}

async function segmentWithDataset(services: AppServices, segmentId: string) {
  const [found] = await services.db
    .select({ segment: segments, dataset: datasets })
    .from(segments)
    .innerJoin(datasets, eq(datasets.id, segments.datasetId))
    .where(eq(segments.id, segmentId));
  if (!found) throw notFound("Segment not found.");
  return found;
}

export async function getSegment(services: AppServices, segmentId: string): Promise<SegmentInfo> {
  const { segment, dataset } = await segmentWithDataset(services, segmentId);
  return toInfo(segment, dataset);
}

/** Renames a segment and/or changes its filter; a new filter recomputes its numbers. */
export async function updateSegment(
  services: AppServices,
  segmentId: string,
  changes: z.infer<typeof updateSegmentSchema>,
): Promise<SegmentInfo> {
  const { segment, dataset } = await segmentWithDataset(services, segmentId);
  const set: Partial<typeof segments.$inferInsert> = { updatedAt: new Date() };
  if (changes.name !== undefined && changes.name !== segment.name) {
    if (await nameTaken(services, segment.projectId, changes.name, segmentId)) throw duplicateName();
    set.name = changes.name;
  }
  if (changes.filter !== undefined) {
    const filter = checkedFilter(changes.filter);
    const computed = await computeSegmentStats(services.db, dataset, filter);
    Object.assign(set, {
      filter,
      size: computed.size,
      stats: { inside: computed.stats, comparison: computed.comparison } satisfies StoredSegmentStats,
    });
  }
  try {
    const [row] = await services.db.update(segments).set(set).where(eq(segments.id, segmentId)).returning();
    if (!row) throw notFound("Segment not found.");
    return toInfo(row, dataset);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  }
}

export async function deleteSegment(services: AppServices, segmentId: string): Promise<void> {
  const deleted = await services.db.delete(segments).where(eq(segments.id, segmentId)).returning({ id: segments.id });
  if (deleted.length === 0) throw notFound("Segment not found.");
}

export async function listSegments(services: AppServices, projectId: string): Promise<SegmentInfo[]> {
  const rows = await services.db
    .select({ segment: segments, dataset: datasets })
    .from(segments)
    .innerJoin(datasets, eq(datasets.id, segments.datasetId))
    .where(eq(segments.projectId, projectId))
    .orderBy(asc(segments.name), asc(segments.id));
  return rows.map(({ segment, dataset }) => toInfo(segment, dataset));
}

/** The builder's live numbers for a filter not yet saved (medians skipped: they cost a sort each). */
export async function previewSegment(
  services: AppServices,
  projectId: string,
  datasetId: string,
  rawFilter: unknown,
): Promise<{ size: number; datasetRows: number; comparison: SegmentComparison[] }> {
  const filter = checkedFilter(rawFilter);
  const dataset = await projectDataset(services.db, projectId, datasetId);
  const { size, datasetRows, comparison } = await computeSegmentStats(services.db, dataset, filter, { medians: false });
  return { size, datasetRows, comparison };
}
