/**
 * A finding's evidence as readers see it now: each segment with its numbers, each code with its
 * counts (in the project and inside each of the finding's segments), each excerpt with its
 * coding's current text, and a state saying whether that text has changed or gone since it was
 * chosen. A handful of batched queries, whatever the amount of evidence.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { codes, codings, documents, findingEvidence, type FindingEvidenceRow } from "../../../db/schema";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { projectSegments, type SegmentWithDataset } from "../datasets/case-segments.server";
import { describeFilter } from "../datasets/filter";
import { matrixCells } from "../datasets/matrix.server";
import { queryRows, sqlList } from "../datasets/query.server";
import type { StoredSegmentStats } from "../datasets/segment-stats.server";
import type { Filter, MatrixCell } from "../datasets/types";
import type { AppServices } from "../services.server";
import type { CodeEvidence, Evidence, ExcerptEvidence, SegmentEvidence } from "./types";

const ids = (rows: FindingEvidenceRow[], pick: (r: FindingEvidenceRow) => string | null) => [
  ...new Set(rows.map(pick).filter((v): v is string => v !== null)),
];

export async function evidenceRows(services: AppServices, findingId: string): Promise<FindingEvidenceRow[]> {
  return services.db
    .select()
    .from(findingEvidence)
    .where(eq(findingEvidence.findingId, findingId))
    .orderBy(asc(findingEvidence.position), asc(findingEvidence.createdAt));
}

interface CodeTotals {
  codings: number;
  documents: number;
}

async function codeTotals(services: AppServices, projectId: string, codeIds: string[]): Promise<Map<string, CodeTotals>> {
  if (codeIds.length === 0) return new Map();
  const rows = await queryRows<CodeTotals & { codeId: string }>(
    services.db,
    sql`select c.code_id as "codeId", count(*)::int as "codings", count(distinct c.document_id)::int as "documents"
        from codings c join documents d on d.id = c.document_id
        where d.project_id = ${projectId} and ${inAnalysis("d")} and not c.orphaned
          and c.code_id in (${sqlList(codeIds)})
        group by c.code_id`,
  );
  return new Map(rows.map(({ codeId, ...totals }) => [codeId, totals]));
}

async function projectDocumentCount(services: AppServices, projectId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    services.db,
    sql`select count(*)::int as "n" from documents d where d.project_id = ${projectId} and ${inAnalysis("d")}`,
  );
  return row?.n ?? 0;
}

const segmentView = ({ segment, dataset }: SegmentWithDataset): NonNullable<SegmentEvidence["segment"]> => ({
  id: segment.id,
  name: segment.name,
  datasetId: dataset.id,
  datasetName: dataset.name,
  size: segment.size,
  datasetRows: dataset.rowCount,
  description: describeFilter(segment.filter as Filter),
  comparison: (segment.stats as StoredSegmentStats).comparison,
});

function excerptState(row: FindingEvidenceRow, current: { quote: string } | undefined): ExcerptEvidence["state"] {
  if (row.scrubbed) return row.scrubbed;
  if (!current) return "removed";
  return current.quote === row.quote ? "current" : "changed";
}

/** Reads everything the evidence points at, as it is now. */
export async function viewEvidence(services: AppServices, projectId: string, rows: FindingEvidenceRow[]): Promise<Evidence[]> {
  const segmentIds = ids(rows, (r) => (r.kind === "segment" ? r.segmentId : null));
  const codingIds = ids(rows, (r) => (r.kind === "excerpt" ? r.codingId : null));
  const [segmentList, codingList] = await Promise.all([
    segmentIds.length ? projectSegments(services.db, projectId, segmentIds) : Promise.resolve([]),
    codingIds.length
      ? services.db
          .select({
            id: codings.id,
            codeId: codings.codeId,
            start: codings.start,
            end: codings.end,
            quote: codings.quote,
            documentId: codings.documentId,
            documentTitle: documents.title,
          })
          .from(codings)
          .innerJoin(documents, eq(documents.id, codings.documentId))
          .where(and(inArray(codings.id, codingIds), eq(documents.projectId, projectId)))
      : Promise.resolve([]),
  ]);
  const codingById = new Map(codingList.map((c) => [c.id, c]));
  const evidenceCodeIds = ids(rows, (r) => (r.kind === "code" ? r.codeId : null));
  const allCodeIds = [...new Set([...evidenceCodeIds, ...codingList.map((c) => c.codeId)])];
  const [codeList, totals, projectDocuments, cells] = await Promise.all([
    allCodeIds.length
      ? services.db
          .select({ id: codes.id, name: codes.name, color: codes.color, description: codes.description })
          .from(codes)
          .where(and(inArray(codes.id, allCodeIds), eq(codes.projectId, projectId)))
      : Promise.resolve([]),
    codeTotals(services, projectId, allCodeIds),
    projectDocumentCount(services, projectId),
    matrixCells(services, projectId, segmentList, false, evidenceCodeIds) as Promise<MatrixCell[]>,
  ]);
  const codeById = new Map(codeList.map((c) => [c.id, c]));
  const segmentById = new Map(segmentList.map((s) => [s.segment.id, s]));
  const totalsOf = (codeId: string) => ({ codings: 0, documents: 0, ...totals.get(codeId), projectDocuments });

  return rows.map((row): Evidence => {
    const base = { id: row.id, note: row.note, label: row.label };
    if (row.kind === "segment") {
      const found = row.segmentId ? segmentById.get(row.segmentId) : undefined;
      return { ...base, kind: "segment", segment: found ? segmentView(found) : null };
    }
    if (row.kind === "code") {
      const code = row.codeId ? codeById.get(row.codeId) ?? null : null;
      const counts: CodeEvidence["counts"] = {
        ...totalsOf(row.codeId ?? ""),
        bySegment: segmentList.map(({ segment }) => {
          const cell = cells.find((c) => c.codeId === row.codeId && c.segmentId === segment.id);
          return { segmentId: segment.id, codings: cell?.codings ?? 0, documents: cell?.documents ?? 0, cases: cell?.cases ?? 0 };
        }),
      };
      return { ...base, kind: "code", code, counts };
    }
    const current = row.codingId && !row.scrubbed ? codingById.get(row.codingId) : undefined;
    const redactedNow = row.scrubbed === "redacted" && row.codingId ? codingById.get(row.codingId) : undefined;
    const live = current ?? redactedNow;
    const code = live ? codeById.get(live.codeId) ?? null : row.codeId ? codeById.get(row.codeId) ?? null : null;
    const state = excerptState(row, current);
    const quote = row.scrubbed === "withdrawn" ? "" : live ? live.quote : row.quote;
    return {
      ...base,
      kind: "excerpt",
      state,
      codingId: row.codingId ?? "",
      documentId: live?.documentId ?? row.documentId,
      documentTitle: live?.documentTitle ?? null,
      code: code ? { id: code.id, name: code.name, color: code.color } : null,
      quote,
      savedQuote: state === "changed" ? row.quote : null,
      start: live?.start ?? null,
      end: live?.end ?? null,
      codeCounts: code ? totalsOf(code.id) : null,
    };
  });
}
