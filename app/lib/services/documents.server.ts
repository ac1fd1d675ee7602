import { and, desc, eq, ilike, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "../../../db/client";
import { initialDocState } from "../collab/doc-model";
import type { DocumentKind, SubmissionStatus } from "../../../db/kinds";
import { codings, docSnapshots, documents, submissions } from "../../../db/schema";
import type { AppServices } from "../services.server";
import type { createDocumentSchema, updateDocumentSchema } from "../validation/schemas";

const summary = {
  id: documents.id,
  title: documents.title,
  kind: documents.kind,
  caseKey: documents.caseKey,
};

/**
 * Creates the document row and the snapshot of its Y.Doc holding the text, together: in `tx`
 * when given (a contribution also writes its submission there), else in a transaction of its
 * own. Nobody can have a new document open, so its live doc is only loaded once someone opens
 * it. The actor is null for a contribution through a public form (nobody is logged in).
 */
export async function createDocument(
  services: AppServices,
  projectId: string,
  actorId: string | null,
  input: z.infer<typeof createDocumentSchema>,
  tx?: Database,
) {
  const write = async (db: Database) => {
    const [doc] = await db.insert(documents).values({ projectId, createdBy: actorId, ...input }).returning(summary);
    await db.insert(docSnapshots).values({ docName: doc!.id, state: initialDocState(input.text), upTo: 0 });
    return doc!;
  };
  return tx ? write(tx) : services.db.transaction(write);
}

/** The project's documents with their coding counts, optionally searched and filtered. */
export function listDocuments(
  services: AppServices,
  projectId: string,
  filter: { q?: string; kind?: DocumentKind } = {},
) {
  const where: SQL[] = [eq(documents.projectId, projectId)];
  if (filter.q) where.push(ilike(documents.title, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.kind) where.push(eq(documents.kind, filter.kind));
  return services.db
    .select({
      ...summary,
      updatedAt: documents.updatedAt,
      done: documents.done,
      length: sql<number>`char_length(${documents.text})::int`,
      // Spelled out: in a one-table select drizzle would render the outer column as a bare
      // "id", which inside the subquery means the coding's own id.
      codingCount: sql<number>`(select count(*)::int from ${codings} c where c.document_id = "documents"."id")`,
      /** For a contribution, where it stands in the inbox; null for any other document. */
      review: sql<Exclude<SubmissionStatus, "withdrawn"> | null>`(select s.status from ${submissions} s where s.document_id = "documents"."id" limit 1)`,
    })
    .from(documents)
    .where(and(...where))
    .orderBy(desc(documents.updatedAt), documents.id);
}

export async function getDocumentMeta(services: AppServices, documentId: string) {
  const [doc] = await services.db
    .select({
      ...summary,
      projectId: documents.projectId,
      attributes: documents.attributes,
      done: documents.done,
      doneAt: documents.doneAt,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .where(eq(documents.id, documentId));
  return doc ?? null;
}

/** The live document as API.md describes it: edits made a moment ago included. */
/** `room`: the document's live doc, or a coder's round layer of it. */
export async function readLiveDocument(services: AppServices, documentId: string, room = documentId) {
  const meta = await getDocumentMeta(services, documentId);
  if (!meta) return null;
  const live = await services.collab.read(room);
  return {
    id: meta.id,
    projectId: meta.projectId,
    title: meta.title,
    kind: meta.kind,
    caseKey: meta.caseKey,
    attributes: meta.attributes,
    done: meta.done,
    doneAt: meta.doneAt?.toISOString() ?? null,
    text: live.text,
    codings: live.codings,
  };
}

export async function updateDocument(
  services: AppServices,
  documentId: string,
  changes: z.infer<typeof updateDocumentSchema>,
) {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  // The time a document was marked done is the server's, never the client's.
  const done = changes.done === undefined ? {} : { doneAt: changes.done ? sql`now()` : null };
  const [doc] = await services.db
    .update(documents)
    .set({ ...set, ...done, updatedAt: sql`now()` })
    .where(eq(documents.id, documentId))
    .returning({ ...summary, done: documents.done, doneAt: documents.doneAt });
  return { ...doc!, doneAt: doc!.doneAt?.toISOString() ?? null };
}

export async function deleteDocument(services: AppServices, documentId: string) {
  await services.db.delete(documents).where(eq(documents.id, documentId));
  await services.collab.forget(documentId);
}
