/**
 * The mixed-methods matrix: codes × segments, each cell counting the codings, documents and
 * cases (API.md "Quantitative data"), and the excerpts behind a cell. One SQL query each.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { codes, type Code } from "../../../db/schema";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { caseSegments, projectSegments, type SegmentWithDataset } from "./case-segments.server";
import { codeAncestry, codeScope } from "./code-scope.server";
import { queryRows, sqlList } from "./query.server";
import type { StoredSegmentStats } from "./segment-stats.server";
import type { Excerpt, Matrix, MatrixCell, MatrixCode, MatrixSegment } from "./types";

/** Depth-first, siblings by name: the order of the codebook tree, so rows read as a hierarchy. */
export function hierarchyOrder(list: Pick<Code, "id" | "name" | "parentId" | "color">[]): MatrixCode[] {
  const ids = new Set(list.map((c) => c.id));
  const children = new Map<string | null, typeof list>();
  for (const code of list) {
    // A parent that is gone leaves its children at the top rather than hidden.
    const parent = code.parentId && ids.has(code.parentId) ? code.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  const out: MatrixCode[] = [];
  const visit = (parent: string | null) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const code of level) {
      out.push({ id: code.id, name: code.name, parentId: code.parentId, color: code.color });
      visit(code.id);
    }
  };
  visit(null);
  return out;
}

/** The three numeric columns where the segment differs most from the rest, relative to the rest. */
function highlights(stats: StoredSegmentStats): MatrixSegment["highlights"] {
  const scale = (c: StoredSegmentStats["comparison"][number]) =>
    c.difference === null ? -1 : Math.abs(c.difference) / Math.max(Math.abs(c.outside ?? 0), Number.EPSILON);
  return [...stats.comparison]
    .sort((a, b) => scale(b) - scale(a))
    .slice(0, 3)
    .map(({ column, inside, outside }) => ({ column, inside, outside }));
}

const toMatrixSegment = ({ segment, dataset }: SegmentWithDataset): MatrixSegment => ({
  id: segment.id,
  name: segment.name,
  size: segment.size,
  datasetId: dataset.id,
  datasetRows: dataset.rowCount,
  highlights: highlights(segment.stats as StoredSegmentStats),
});

/**
 * Cells, in one query. Codings are counted per (code, document) and then per (code, case)
 * before they meet the segments, so the join that fans out over segments carries one row per
 * code and case; documents are read once by their (project_id, case_key) index and each case's
 * row once by the dataset key's unique index. Every join and grouping hashes (no sorts of text
 * ids). Cells come back with the segment's index in `list` as `seg`.
 */
export function matrixCellsQuery(projectId: string, list: SegmentWithDataset[], subcodes = false, codeIds?: string[]): SQL {
  // A finding asks about its own few codes only; the matrix about all of them.
  const only = codeIds ? sql` and c.code_id in (${sqlList(codeIds)})` : sql``;
  // With sub-codes, each coding also counts for every ancestor of its code.
  const per_doc = subcodes
    ? sql`select t.scope_id as code_id, doc.case_key, count(*) as n
          from codings c join doc on doc.id = c.document_id join tree t on t.code_id = c.code_id
          where not c.orphaned${only}
          group by t.scope_id, doc.case_key, c.document_id`
    : sql`select c.code_id, doc.case_key, count(*) as n
          from codings c join doc on doc.id = c.document_id
          where not c.orphaned${only}
          group by c.code_id, doc.case_key, c.document_id`;
  const tree = subcodes ? sql`tree as (${codeAncestry(projectId)}),` : sql``;
  return sql`with doc as materialized (
          select d.id, d.case_key from documents d
          where d.project_id = ${projectId} and d.case_key is not null and ${inAnalysis("d")}
        ),
        ${tree}
        per_doc as (${per_doc}),
        per_case as (
          select code_id, case_key, sum(n) as codings, count(*) as documents
          from per_doc group by code_id, case_key
        ),
        members as (${caseSegments(sql`select distinct case_key from doc`, list)})
        select pc.code_id as "codeId", m.seg as "seg",
               sum(pc.codings)::int as "codings", sum(pc.documents)::int as "documents", count(*)::int as "cases"
        from per_case pc join members m on m.case_key = pc.case_key
        group by pc.code_id, m.seg
        order by pc.code_id, m.seg`;
}

/**
 * Settings for the matrix query's transaction. It hashes a few hundred thousand rows: a larger
 * work_mem keeps that in memory instead of spilling to disk, and JIT compilation would cost
 * more than it saves on a query this short.
 */
export const matrixQuerySettings = [sql`set local work_mem = '32MB'`, sql`set local jit = off`];

export async function matrixCells(
  services: AppServices,
  projectId: string,
  list: SegmentWithDataset[],
  subcodes: boolean,
  codeIds?: string[],
): Promise<MatrixCell[]> {
  if (list.length === 0 || codeIds?.length === 0) return [];
  const rows = await services.db.transaction(async (tx) => {
    for (const setting of matrixQuerySettings) await tx.execute(setting);
    return queryRows<Omit<MatrixCell, "segmentId"> & { seg: number }>(tx, matrixCellsQuery(projectId, list, subcodes, codeIds));
  });
  return rows.map(({ seg, ...cell }) => ({ ...cell, segmentId: list[seg]!.segment.id }));
}

/** `subcodes`: count each coding in its code's ancestors too (see code-scope.server.ts). */
export async function buildMatrix(services: AppServices, projectId: string, { subcodes = false } = {}): Promise<Matrix> {
  // API reads show the live state: write any codings still waiting for the projection.
  await services.collab.flush();
  const [codeRows, list] = await Promise.all([
    services.db
      .select({ id: codes.id, name: codes.name, parentId: codes.parentId, color: codes.color })
      .from(codes)
      .where(eq(codes.projectId, projectId)),
    projectSegments(services.db, projectId),
  ]);
  return {
    codes: hierarchyOrder(codeRows),
    segments: list.map(toMatrixSegment),
    cells: await matrixCells(services, projectId, list, subcodes),
  };
}

/** A code and a segment of the project, or 404 for either (another project's ids included). */
export async function cellTarget(services: AppServices, projectId: string, codeId: string, segmentId: string) {
  const [code] = await services.db
    .select({ id: codes.id })
    .from(codes)
    .where(and(eq(codes.id, codeId), eq(codes.projectId, projectId)));
  if (!code) throw notFound("Code not found.");
  const [target] = await projectSegments(services.db, projectId, [segmentId]);
  if (!target) throw notFound("Segment not found.");
  return target;
}

/** The coded passages behind one cell, by document then position, a page at a time. */
export async function cellExcerpts(
  services: AppServices,
  projectId: string,
  codeId: string,
  segmentId: string,
  { offset, limit, subcodes = false }: { offset: number; limit: number; subcodes?: boolean },
): Promise<{ excerpts: Excerpt[]; total: number }> {
  const target = await cellTarget(services, projectId, codeId, segmentId);
  await services.collab.flush();
  // Only cases with a coding of this code can have excerpts: look those few up in the dataset.
  const coded = sql`select distinct d.case_key from documents d join codings c on c.document_id = d.id
    where d.project_id = ${projectId} and d.case_key is not null and ${inAnalysis("d")}
      and ${codeScope(codeId, subcodes)} and not c.orphaned`;
  const joins = sql`from codings c
    join documents d on d.id = c.document_id
    join (${caseSegments(coded, [target])}) as m on m.case_key = d.case_key`;
  const where = sql`where d.project_id = ${projectId} and ${inAnalysis("d")} and ${codeScope(codeId, subcodes)} and not c.orphaned`;
  const [excerpts, [count]] = await Promise.all([
    queryRows<Excerpt>(
      services.db,
      sql`select c.id as "codingId", c.code_id as "codeId", d.id as "documentId", d.title as "documentTitle",
                 d.case_key as "caseKey", c.start as "start", c."end" as "end", c.quote as "quote", u.name as "authorName"
          ${joins}
          left join users u on u.id = c.author_id
          ${where}
          order by d.title, d.id, c.start, c.id
          limit ${limit} offset ${offset}`,
    ),
    queryRows<{ total: number }>(services.db, sql`select count(*)::int as "total" ${joins} ${where}`),
  ]);
  return { excerpts, total: count?.total ?? 0 };
}

