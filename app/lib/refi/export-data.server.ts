/**
 * What an export reads, from the relational projection (DESIGN.md: every export uses it), in
 * pieces small enough that a project of a thousand documents and a hundred thousand codings
 * never sits in memory whole: the project's metadata at once, texts and codings a batch of
 * documents at a time.
 */
import { sql } from "drizzle-orm";
import { queryRows, sqlList } from "../datasets/query.server";
import { notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { DocumentKind } from "../../../db/kinds";
import type { CodebookCode } from "./codebook-xml";
import type { Attributes } from "./variables";

/** Documents per batch when reading texts and codings. */
export const DOCUMENT_BATCH = 100;

export interface ExportProject {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
}
export interface ExportDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  caseKey: string | null;
  attributes: Attributes;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface ExportCoding {
  id: string;
  documentId: string;
  codeId: string;
  /** UTF-16 offsets, as stored. */
  start: number;
  end: number;
  quote: string;
  authorId: string | null;
  memo: string;
  createdAt: Date;
}
export interface ExportMemo {
  id: string;
  targetType: "document" | "code";
  targetId: string;
  authorId: string | null;
  /** A file's writer who matched no member (imported memos only). */
  authorName: string | null;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface ExportUser {
  id: string;
  name: string;
}

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export async function exportProject(services: AppServices, projectId: string): Promise<ExportProject> {
  const [row] = await queryRows<ExportProject>(
    services.db,
    sql`select id, name, description, created_at as "createdAt" from projects where id = ${projectId}`,
  );
  if (!row) throw notFound("Project not found.");
  return { ...row, createdAt: date(row.createdAt) };
}

/** The codebook, by name so every export lists it alike. */
export function exportCodes(services: AppServices, projectId: string): Promise<CodebookCode[]> {
  return queryRows<CodebookCode>(
    services.db,
    sql`select id, name, parent_id as "parentId", color, description, codable from codes where project_id = ${projectId} order by name, id`,
  );
}

/**
 * Every document of the project, without its text: what a member sees in the documents list
 * (withdrawn contributions are already deleted, redactions already applied to the text).
 */
export async function exportDocuments(services: AppServices, projectId: string): Promise<ExportDocument[]> {
  const rows = await queryRows<ExportDocument>(
    services.db,
    sql`select id, title, kind, case_key as "caseKey", attributes, created_by as "createdBy",
               created_at as "createdAt", updated_at as "updatedAt"
        from documents where project_id = ${projectId} order by created_at, id`,
  );
  return rows.map((r) => ({ ...r, createdAt: date(r.createdAt), updatedAt: date(r.updatedAt) }));
}

export async function documentTexts(services: AppServices, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; text: string }>(services.db, sql`select id, text from documents where id in (${sqlList(ids)})`);
  return new Map(rows.map((r) => [r.id, r.text]));
}

/**
 * The live codings of some documents, by document then position. Orphaned codings (their text
 * deleted entirely) have no passage to select and are left out.
 */
export async function documentCodings(services: AppServices, ids: readonly string[]): Promise<ExportCoding[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<ExportCoding>(
    services.db,
    sql`select id, document_id as "documentId", code_id as "codeId", start, "end", quote, author_id as "authorId", memo,
               created_at as "createdAt"
        from codings where document_id in (${sqlList(ids)}) and not orphaned
        order by document_id, start, "end", id`,
  );
  return rows.map((r) => ({ ...r, createdAt: date(r.createdAt) }));
}

/** Memos on the project's documents and codes (a memo whose target is gone is left out). */
export async function exportMemos(services: AppServices, projectId: string): Promise<ExportMemo[]> {
  const rows = await queryRows<ExportMemo>(
    services.db,
    sql`select m.id, m.target_type as "targetType", m.target_id as "targetId", m.author_id as "authorId", m.author_name as "authorName", m.body,
               m.created_at as "createdAt", m.updated_at as "updatedAt"
        from memos m
        where m.project_id = ${projectId}
          and ((m.target_type = 'document' and exists (select 1 from documents d where d.id = m.target_id and d.project_id = ${projectId}))
            or (m.target_type = 'code' and exists (select 1 from codes c where c.id = m.target_id and c.project_id = ${projectId})))
        order by m.created_at, m.id`,
  );
  return rows.map((r) => ({ ...r, createdAt: date(r.createdAt), updatedAt: date(r.updatedAt) }));
}

/**
 * Everyone who wrote something the export holds: documents, codings and memos. A person who
 * has since left the project is still named; an account since deleted is "Former member".
 */
export function exportAuthors(services: AppServices, projectId: string): Promise<ExportUser[]> {
  return queryRows<ExportUser>(
    services.db,
    sql`with authors as (
          select d.created_by as id from documents d where d.project_id = ${projectId}
          union select c.author_id from codings c join documents d on d.id = c.document_id
                where d.project_id = ${projectId} and not c.orphaned
          union select m.author_id from memos m where m.project_id = ${projectId}
        )
        select a.id, coalesce(u.name, 'Former member') as name
        from authors a left join users u on u.id = a.id
        where a.id is not null
        order by name, a.id`,
  );
}

/** How many documents and live codings the project holds, for the audit log. */
export async function exportCounts(services: AppServices, projectId: string): Promise<{ documents: number; codings: number }> {
  const [row] = await queryRows<{ documents: number; codings: number }>(
    services.db,
    sql`select (select count(*)::int from documents where project_id = ${projectId}) as documents,
               (select count(*)::int from codings c join documents d on d.id = c.document_id
                 where d.project_id = ${projectId} and not c.orphaned) as codings`,
  );
  return row ?? { documents: 0, codings: 0 };
}
