/**
 * Each code's share of all the table's rows, overall and per stratum or saved segment, from a
 * sample's done documents (ADR 0190; the statistics are app/lib/estimates, ADR 0180).
 */
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { codeModels, codes, sampleStrata, type DatasetRow, type SampleRow, type SegmentRow, type StoredColumn } from "../../../db/schema";
import { datasets, segments as segmentsTable } from "../../../db/schema";
import { designShare, type DesignStratum } from "../estimates/design-share";
import { ppiShare, type PpiStratum } from "../estimates/ppi";
import type { ShareOutcome } from "../estimates/types";
import { hierarchyOrder } from "../datasets/matrix.server";
import { conflict, HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { codedDocuments, doneAndPositives, doneRowScores, groupPopulations, type GroupPopulation } from "./queries.server";
import type { CodeEstimates, EstimateCell, EstimateGroup, EstimateMethod, EstimatesQuery, Figure } from "./schemas";

const unprocessable = (message: string, field: string) => new HttpError(422, "invalid_request", message, {}, { [field]: message });

/** The stratum's name in labels and reasons. */
export const stratumLabel = (value: string | null, unstratified: boolean) => (unstratified ? "All rows" : (value ?? "(no value)"));

function figure(outcome: ShareOutcome): Figure {
  return outcome.ok
    ? { estimate: outcome.estimate, low: outcome.low, high: outcome.high }
    : { estimate: null, low: null, high: null, reason: outcome.reason };
}

interface Stratum {
  position: number;
  value: string | null;
  population: number;
}

interface Context {
  sample: SampleRow;
  dataset: DatasetRow;
  strata: Stratum[];
  segments: SegmentRow[];
  /** seg → stratum position → rows of the table (with text). */
  population: Map<number, Map<number, number>>;
  /** seg → stratum position → done rows. */
  done: Map<number, Map<number, number>>;
  /** code → seg → stratum position → done rows carrying the code. */
  positives: Map<string, Map<number, Map<number, number>>>;
  rawPopulations: GroupPopulation[];
}

const at = (m: Map<number, Map<number, number>> | undefined, seg: number, h: number) => m?.get(seg)?.get(h) ?? 0;
function put(m: Map<number, Map<number, number>>, seg: number, h: number, n: number) {
  const inner = m.get(seg) ?? new Map<number, number>();
  inner.set(h, (inner.get(h) ?? 0) + n);
  m.set(seg, inner);
}

function column(dataset: DatasetRow, name: string | null): StoredColumn | null {
  return name === null ? null : (dataset.columns.find((c) => c.name === name) ?? null);
}

/** Stratum positions by stored value, for rows counted by their value. */
function positionOf(strata: readonly Stratum[], unstratified: boolean) {
  const byValue = new Map(strata.map((s) => [s.value, s.position]));
  return (value: string | null) => (unstratified ? strata[0]?.position : byValue.get(value));
}

async function codesToAnswer(services: AppServices, projectId: string, codeId: string | undefined) {
  const rows = await services.db
    .select({ id: codes.id, name: codes.name, parentId: codes.parentId, color: codes.color })
    .from(codes)
    .where(codeId ? and(eq(codes.projectId, projectId), eq(codes.id, codeId)) : eq(codes.projectId, projectId));
  if (codeId && rows.length === 0) throw notFound("Code not found.");
  return hierarchyOrder(rows);
}

async function segmentsToUse(services: AppServices, sample: SampleRow, by: EstimatesQuery["by"]): Promise<SegmentRow[]> {
  if (by === "strata") return [];
  const rows = await services.db
    .select()
    .from(segmentsTable)
    .where(and(eq(segmentsTable.projectId, sample.projectId), inArray(segmentsTable.id, by)));
  const byId = new Map(rows.map((s) => [s.id, s]));
  const missing = by.find((id) => !byId.has(id));
  if (missing) throw notFound("Segment not found.");
  const other = rows.find((s) => s.datasetId !== sample.datasetId);
  if (other) throw unprocessable(`Segment "${other.name}" is over another dataset than this sample's.`, "by");
  return by.map((id) => byId.get(id)!);
}

/** The applied model of a code in this sample (the newest), with its score column, or null. */
async function appliedModel(services: AppServices, sample: SampleRow, dataset: DatasetRow, codeId: string) {
  const [model] = await services.db
    .select({ column: codeModels.column, outOfFold: codeModels.outOfFold })
    .from(codeModels)
    .where(and(eq(codeModels.sampleId, sample.id), eq(codeModels.codeId, codeId), isNotNull(codeModels.appliedAt)))
    .orderBy(desc(codeModels.appliedAt), desc(codeModels.createdAt))
    .limit(1);
  const score = model ? column(dataset, model.column) : null;
  return model && score ? { score, outOfFold: model.outOfFold } : null;
}

function cellFor(ctx: Context, codeId: string, seg: number, only?: number): { cell: EstimateCell; strata: DesignStratum[] } {
  const unstratified = ctx.sample.strataColumn === null;
  const design: DesignStratum[] = ctx.strata.map((s) => {
    const inGroup = only === undefined || only === s.position;
    return {
      value: unstratified ? null : s.value,
      population: s.population,
      groupPopulation: inGroup ? (seg === 0 ? s.population : at(ctx.population, seg, s.position)) : 0,
      done: at(ctx.done, 0, s.position),
      groupDone: inGroup ? at(ctx.done, seg, s.position) : 0,
      groupPositives: inGroup ? at(ctx.positives.get(codeId), seg, s.position) : 0,
    };
  });
  const sum = (f: (s: DesignStratum) => number) => design.reduce((a, s) => a + f(s), 0);
  const cell: EstimateCell = {
    population: sum((s) => s.groupPopulation),
    done: sum((s) => s.groupDone),
    positives: sum((s) => s.groupPositives),
    ...designFigure(design, only !== undefined),
  };
  return { cell, strata: design };
}

function designFigure(design: DesignStratum[], oneStratum: boolean): Figure {
  const touched = design.filter((s) => s.groupPopulation > 0);
  if (touched.length === 0) return { estimate: null, low: null, high: null, reason: "No rows of the table fall in this group." };
  if (oneStratum && touched.every((s) => s.groupDone === 0)) {
    return { estimate: null, low: null, high: null, reason: "No coded rows in this stratum yet." };
  }
  return figure(designShare(design));
}

function groupsFor(ctx: Context, codeId: string): { overall: EstimateCell; groups: EstimateGroup[] } {
  const unstratified = ctx.sample.strataColumn === null;
  const overall = cellFor(ctx, codeId, 0).cell;
  const groups: EstimateGroup[] = ctx.segments.length
    ? ctx.segments.map((s, i) => ({ value: s.id, label: s.name, ...cellFor(ctx, codeId, i + 1).cell }))
    : ctx.strata.map((s) => ({
        value: s.value,
        label: stratumLabel(s.value, unstratified),
        ...cellFor(ctx, codeId, 0, s.position).cell,
      }));
  return { overall, groups };
}

/** PPI++ strata for one group (seg) and optionally one stratum. */
function ppiStrata(
  ctx: Context,
  rows: { stratum: number; segs: number[]; label: number; prediction: number }[],
  unlabelled: Map<string, { count: number; sum: number; sumOfSquares: number }>,
  seg: number,
  only?: number,
): PpiStratum[] {
  const unstratified = ctx.sample.strataColumn === null;
  return ctx.strata
    .filter((s) => only === undefined || s.position === only)
    .map((s) => {
      const mine = rows.filter((r) => r.stratum === s.position && r.segs.includes(seg));
      return {
        value: unstratified ? null : s.value,
        population: seg === 0 ? s.population : at(ctx.population, seg, s.position),
        labels: mine.map((r) => r.label),
        predictions: mine.map((r) => r.prediction),
        unlabelled: unlabelled.get(`${seg}/${s.position}`) ?? { count: 0, sum: 0, sumOfSquares: 0 },
      };
    });
}

/** Model-assisted figures beside the sample-only ones; the narrower interval is used. */
async function withModel(
  services: AppServices,
  ctx: Context,
  codeId: string,
  model: { score: StoredColumn; outOfFold: Record<string, number> },
  subcodes: boolean,
  base: { overall: EstimateCell; groups: EstimateGroup[] },
) {
  const [scored, coded, populations] = await Promise.all([
    doneRowScores(services.db, { sample: ctx.sample, dataset: ctx.dataset, segments: ctx.segments, score: model.score }),
    codedDocuments(services.db, ctx.sample.id, codeId, subcodes),
    groupPopulations(services.db, {
      sample: ctx.sample,
      dataset: ctx.dataset,
      segments: ctx.segments,
      text: column(ctx.dataset, ctx.sample.textColumn)!,
      strata: column(ctx.dataset, ctx.sample.strataColumn),
      score: model.score,
    }),
  ]);
  const place = positionOf(ctx.strata, ctx.sample.strataColumn === null);
  const unlabelled = new Map<string, { count: number; sum: number; sumOfSquares: number }>();
  for (const p of populations) {
    const h = place(p.value);
    if (h === undefined) continue;
    unlabelled.set(`${p.seg}/${h}`, { count: p.uncoded, sum: p.sum, sumOfSquares: p.sumOfSquares });
  }
  // Cross-PPI: a row the model was trained on is predicted by the fold model that did not see it;
  // a row coded after training was never seen, so the applied model's own score is honest.
  const rows = scored
    .map((r) => ({
      stratum: r.stratum,
      segs: r.segs,
      label: coded.has(r.documentId) ? 1 : 0,
      prediction: model.outOfFold[r.rowKey] ?? r.score,
    }))
    .filter((r): r is typeof r & { prediction: number } => typeof r.prediction === "number" && Number.isFinite(r.prediction));
  const combine = (cell: EstimateCell, strata: PpiStratum[]): EstimateCell => {
    const present = strata.filter((s) => s.population > 0);
    const assisted: Figure =
      present.length === 0
        ? { estimate: null, low: null, high: null, reason: "No rows of the table fall in this group." }
        : present.every((s) => s.labels.length === 0) && strata.length === 1
          ? { estimate: null, low: null, high: null, reason: "No coded rows in this stratum yet." }
          : figure(ppiShare(present).outcome);
    const sampleOnly: Figure = { estimate: cell.estimate, low: cell.low, high: cell.high, ...(cell.reason ? { reason: cell.reason } : {}) };
    const width = (f: Figure) => (f.high !== null && f.low !== null ? f.high - f.low : Infinity);
    const used: EstimateMethod = width(assisted) < width(sampleOnly) ? "model" : "sample";
    const { estimate: _e, low: _l, high: _h, reason: _r, ...counts } = cell;
    return { ...counts, ...assisted, sampleOnly, used };
  };
  const overall = combine(base.overall, ppiStrata(ctx, rows, unlabelled, 0));
  const groups = base.groups.map((g, i) => {
    const strata = ctx.segments.length
      ? ppiStrata(ctx, rows, unlabelled, i + 1)
      : ppiStrata(ctx, rows, unlabelled, 0, ctx.strata[i]!.position);
    const { value, label } = g;
    return { value, label, ...combine(g, strata) };
  });
  return { overall, groups };
}

/**
 * GET /api/v1/samples/:sampleId/estimates. `codeId` absent: every code of the project, in
 * codebook order (the matrix's second view). The sample comes from requireSampleAccess.
 */
export async function sampleEstimates(
  services: AppServices,
  sample: SampleRow,
  query: EstimatesQuery,
): Promise<{ sampleId: string; by: string; estimates: CodeEstimates[] }> {
  await services.collab.flush();
  const subcodes = query.subcodes === "true" || query.subcodes === "1";
  const [codeList, segments, [dataset], strataRows] = await Promise.all([
    codesToAnswer(services, sample.projectId, query.codeId),
    segmentsToUse(services, sample, query.by),
    services.db.select().from(datasets).where(eq(datasets.id, sample.datasetId)),
    services.db
      .select({ position: sampleStrata.position, value: sampleStrata.value, population: sampleStrata.population })
      .from(sampleStrata)
      .where(eq(sampleStrata.sampleId, sample.id))
      .orderBy(asc(sampleStrata.position)),
  ]);
  if (!dataset) throw notFound("Dataset not found.");
  const text = column(dataset, sample.textColumn);
  if (!text) throw conflict("sample_column_missing", `The sample's text column "${sample.textColumn}" is no longer in the dataset.`);

  const models = new Map<string, NonNullable<Awaited<ReturnType<typeof appliedModel>>>>();
  if (query.method === "model") {
    for (const code of codeList) {
      const model = await appliedModel(services, sample, dataset, code.id);
      if (model) models.set(code.id, model);
    }
    if (query.codeId && models.size === 0) {
      throw conflict("no_model", "This code has no applied model in this sample yet: train and apply one, or ask for method=sample.");
    }
  }

  const codeIds = codeList.map((c) => c.id);
  const [{ done, positives }, populations] = await Promise.all([
    doneAndPositives(services.db, { projectId: sample.projectId, sample, dataset, segments, codeIds, subcodes }),
    segments.length
      ? groupPopulations(services.db, { sample, dataset, segments, text, strata: column(dataset, sample.strataColumn), score: null })
      : Promise.resolve([]),
  ]);
  const ctx: Context = {
    sample,
    dataset,
    strata: strataRows,
    segments,
    population: new Map(),
    done: new Map(),
    positives: new Map(),
    rawPopulations: populations,
  };
  const place = positionOf(strataRows, sample.strataColumn === null);
  for (const p of populations) {
    const h = place(p.value);
    if (h !== undefined) put(ctx.population, p.seg, h, p.population);
  }
  for (const d of done) put(ctx.done, d.seg, d.stratum, d.done);
  for (const p of positives) {
    const byCode = ctx.positives.get(p.codeId) ?? new Map<number, Map<number, number>>();
    put(byCode, p.seg, p.stratum, p.done);
    ctx.positives.set(p.codeId, byCode);
  }

  const estimates: CodeEstimates[] = [];
  for (const code of codeList) {
    const base = groupsFor(ctx, code.id);
    const model = models.get(code.id);
    if (model) {
      estimates.push({ codeId: code.id, method: "model", modelColumn: model.score.name, ...(await withModel(services, ctx, code.id, model, subcodes, base)) });
    } else {
      estimates.push({ codeId: code.id, method: "sample", ...base });
    }
  }
  return { sampleId: sample.id, by: query.by === "strata" ? "strata" : query.by.join(","), estimates };
}
