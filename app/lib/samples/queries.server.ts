import { and, asc, desc, eq, sql } from "drizzle-orm";
import { documents, samples, sampleRows, sampleStrata, type SampleRow } from "../../../db/schema";
import type { AppServices } from "../services.server";
import type { Sample, SampleDocument, SampleSummary } from "./types";

/** Drawn rows (not hand-picked) per stratum: how many, how many done, how many lost their document. */
async function progressByStratum(services: AppServices, sampleId: string) {
  const rows = await services.db
    .select({
      stratum: sampleRows.stratum,
      done: sql<number>`count(*) FILTER (WHERE ${documents.done})::int`,
      missing: sql<number>`count(*) FILTER (WHERE ${sampleRows.documentId} IS NULL)::int`,
      waves: sql<number>`max(${sampleRows.wave})::int`,
    })
    .from(sampleRows)
    .leftJoin(documents, eq(documents.id, sampleRows.documentId))
    .where(and(eq(sampleRows.sampleId, sampleId), eq(sampleRows.handPicked, false)))
    .groupBy(sampleRows.stratum);
  return new Map(rows.map((r) => [Number(r.stratum), { done: Number(r.done), missing: Number(r.missing), waves: Number(r.waves) }]));
}

/** The document ids in draw order: wave, stratum, then the seeded hash order. */
async function documentIdsOf(services: AppServices, sample: SampleRow) {
  const rows = await services.db
    .select({ id: sampleRows.documentId })
    .from(sampleRows)
    .where(and(eq(sampleRows.sampleId, sample.id), sql`${sampleRows.documentId} IS NOT NULL`))
    .orderBy(asc(sampleRows.wave), asc(sampleRows.stratum), sql`md5(${sample.seed}::int::text || ':' || ${sampleRows.rowKey})`);
  return rows.map((r) => r.id!);
}

export async function findSampleRow(services: AppServices, sampleId: string): Promise<SampleRow | null> {
  const [row] = await services.db.select().from(samples).where(eq(samples.id, sampleId));
  return row ?? null;
}

/** The API's Sample, or null when there is no such sample. */
export async function getSample(services: AppServices, sampleId: string): Promise<Sample | null> {
  const sample = await findSampleRow(services, sampleId);
  if (!sample) return null;
  const [design, progress, documentIds] = await Promise.all([
    services.db.select().from(sampleStrata).where(eq(sampleStrata.sampleId, sampleId)).orderBy(asc(sampleStrata.position)),
    progressByStratum(services, sampleId),
    documentIdsOf(services, sample),
  ]);
  const strata = design.map((s) => ({
    value: s.value,
    population: s.population,
    sampled: s.sampled,
    done: progress.get(s.position)?.done ?? 0,
  }));
  const total = (pick: "done" | "missing") => [...progress.values()].reduce((sum, p) => sum + p[pick], 0);
  return {
    id: sample.id,
    name: sample.name,
    datasetId: sample.datasetId,
    textColumn: sample.textColumn,
    strataColumn: sample.strataColumn,
    size: sample.size,
    seed: sample.seed,
    minPerStratum: sample.minPerStratum,
    waves: Math.max(1, ...[...progress.values()].map((p) => p.waves)),
    strata,
    documentIds,
    done: total("done"),
    missing: total("missing"),
    emptySkipped: sample.emptySkipped,
    createdAt: sample.createdAt.toISOString(),
  };
}

/** A dataset's samples, newest first, with their progress. */
export async function listSamples(services: AppServices, datasetId: string): Promise<SampleSummary[]> {
  const rows = await services.db
    .select({
      id: samples.id,
      name: samples.name,
      datasetId: samples.datasetId,
      textColumn: samples.textColumn,
      strataColumn: samples.strataColumn,
      size: samples.size,
      createdAt: samples.createdAt,
      done: sql<number>`(select count(*)::int from ${sampleRows} r join ${documents} d on d.id = r.document_id
        where r.sample_id = "samples"."id" and not r.hand_picked and d.done)`,
      missing: sql<number>`(select count(*)::int from ${sampleRows} r
        where r.sample_id = "samples"."id" and not r.hand_picked and r.document_id is null)`,
    })
    .from(samples)
    .where(eq(samples.datasetId, datasetId))
    .orderBy(desc(samples.createdAt), samples.id);
  return rows.map((r) => ({ ...r, done: Number(r.done), missing: Number(r.missing), createdAt: r.createdAt.toISOString() }));
}

/** The sample page's list: every drawn row with its document (if it still exists). */
export async function sampleDocuments(services: AppServices, sample: SampleRow): Promise<SampleDocument[]> {
  const rows = await services.db
    .select({
      rowKey: sampleRows.rowKey,
      stratum: sampleStrata.value,
      wave: sampleRows.wave,
      documentId: sampleRows.documentId,
      title: documents.title,
      done: documents.done,
    })
    .from(sampleRows)
    .leftJoin(documents, eq(documents.id, sampleRows.documentId))
    .leftJoin(sampleStrata, and(eq(sampleStrata.sampleId, sampleRows.sampleId), eq(sampleStrata.position, sampleRows.stratum)))
    .where(eq(sampleRows.sampleId, sample.id))
    .orderBy(asc(sampleRows.wave), asc(sampleRows.stratum), sql`md5(${sample.seed}::int::text || ':' || ${sampleRows.rowKey})`);
  return rows.map((r) => ({ ...r, done: r.done ?? false }));
}
