/**
 * The code co-occurrence matrix: for each pair of codes, how many pairs of their codings in the
 * same document overlap (or, in proximity mode, lie within N characters of each other), and in
 * how many documents; and the passages behind one cell. Reads the codings projection.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { codes } from "../../../db/schema";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { hierarchyOrder } from "../datasets/matrix.server";
import { queryRows, sqlList } from "../datasets/query.server";
import { notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { CooccurrenceMode, CooccurrenceQuery } from "./cooccurrence-query";

export interface CooccurrenceCode {
  id: string;
  name: string;
  color: string;
}
/** `a` comes before `b` in `codes`; only pairs that co-occur at least once are listed. */
export interface CooccurrenceCell {
  a: string;
  b: string;
  pairs: number;
  documents: number;
}
export interface Cooccurrence {
  mode: CooccurrenceMode;
  /** The distance proximity allows, in characters; null in overlap mode. */
  within: number | null;
  codes: CooccurrenceCode[];
  cells: CooccurrenceCell[];
}
export interface CodingEnd {
  codingId: string;
  start: number;
  end: number;
  quote: string;
}
export interface CooccurrencePassage {
  documentId: string;
  documentTitle: string;
  a: CodingEnd;
  b: CodingEnd;
}


/**
 * The gap between two spans is max(start) − min(end): negative when they share a character, 0
 * when they touch. Overlap (start < other.end and other.start < end) is a negative gap.
 */
function nearSql({ mode, within }: CooccurrenceQuery): SQL {
  const gap = sql`greatest(c1.start, c2.start) - least(c1."end", c2."end")`;
  return mode === "overlap" ? sql`${gap} < 0` : sql`${gap} <= ${within}`;
}

/**
 * The documents looked at: those asked for (each must be this project's, else 404; taken as
 * asked, rejected or not, as agreement does), or every document of the project in analysis.
 */
export async function documentScope(services: AppServices, projectId: string, ids: string[] | undefined): Promise<SQL> {
  if (!ids) return sql`d.project_id = ${projectId} and ${inAnalysis("d")}`;
  const [found] = await queryRows<{ n: number }>(
    services.db,
    sql`select count(*)::int as n from documents d where d.project_id = ${projectId} and d.id in (${sqlList(ids)})`,
  );
  if ((found?.n ?? 0) !== new Set(ids).size) throw notFound("Document not found.");
  return sql`d.project_id = ${projectId} and d.id in (${sqlList(ids)})`;
}

/** Codings of two codes in the same document, live ones only, in the documents in scope. */
const pairJoin = (scope: SQL) => sql`from codings c1
  join codings c2 on c2.document_id = c1.document_id and not c2.orphaned
  join documents d on d.id = c1.document_id
  where not c1.orphaned and ${scope}`;

export async function cooccurrence(services: AppServices, projectId: string, query: CooccurrenceQuery): Promise<Cooccurrence> {
  // API reads show the live state: write any codings still waiting for the projection.
  await services.collab.flush();
  const scope = await documentScope(services, projectId, query.documents);
  const [codeRows, rows] = await Promise.all([
    services.db
      .select({ id: codes.id, name: codes.name, parentId: codes.parentId, color: codes.color })
      .from(codes)
      .where(eq(codes.projectId, projectId)),
    // Each unordered pair once: c1's code id is the smaller, so a code never pairs with itself.
    queryRows<{ x: string; y: string; pairs: number; documents: number }>(
      services.db,
      sql`select c1.code_id as "x", c2.code_id as "y", count(*)::int as "pairs", count(distinct c1.document_id)::int as "documents"
          ${pairJoin(scope)} and c1.code_id < c2.code_id and ${nearSql(query)}
          group by c1.code_id, c2.code_id`,
    ),
  ]);
  const ordered = hierarchyOrder(codeRows).map(({ id, name, color }) => ({ id, name, color }));
  const position = new Map(ordered.map((c, i) => [c.id, i]));
  const cells = rows
    .map(({ x, y, pairs, documents }) => {
      const [a, b] = position.get(x)! < position.get(y)! ? [x, y] : [y, x];
      return { a, b, pairs, documents };
    })
    .sort((p, q) => position.get(p.a)! - position.get(q.a)! || position.get(p.b)! - position.get(q.b)!);
  return { mode: query.mode, within: query.mode === "proximity" ? query.within : null, codes: ordered, cells };
}

/** The pairs behind the cell of codes `a` and `b`, by document then position, a page at a time. */
export async function cooccurrencePassages(
  services: AppServices,
  projectId: string,
  codeA: string,
  codeB: string,
  query: CooccurrenceQuery,
  { offset, limit }: { offset: number; limit: number },
): Promise<{ passages: CooccurrencePassage[]; total: number }> {
  const found = await services.db
    .select({ id: codes.id })
    .from(codes)
    .where(and(eq(codes.projectId, projectId), inArray(codes.id, [codeA, codeB])));
  if (found.length !== new Set([codeA, codeB]).size) throw notFound("Code not found.");
  await services.collab.flush();
  const scope = await documentScope(services, projectId, query.documents);
  const from = sql`${pairJoin(scope)} and c1.code_id = ${codeA} and c2.code_id = ${codeB} and ${nearSql(query)}`;
  const [rows, [count]] = await Promise.all([
    queryRows<{ documentId: string; documentTitle: string; a: CodingEnd; b: CodingEnd }>(
      services.db,
      sql`select d.id as "documentId", d.title as "documentTitle",
                 json_build_object('codingId', c1.id, 'start', c1.start, 'end', c1."end", 'quote', c1.quote) as "a",
                 json_build_object('codingId', c2.id, 'start', c2.start, 'end', c2."end", 'quote', c2.quote) as "b"
          ${from}
          order by d.title, d.id, c1.start, c2.start, c1.id, c2.id
          limit ${limit} offset ${offset}`,
    ),
    queryRows<{ total: number }>(services.db, sql`select count(*)::int as "total" ${from}`),
  ]);
  return { passages: rows, total: count?.total ?? 0 };
}
