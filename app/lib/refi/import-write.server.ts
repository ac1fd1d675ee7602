/**
 * Writes an import plan as a new project, in one transaction: the project and its owner, the
 * codebook, each document with the first snapshot of its Y.Doc (its text and its codings, as
 * the live server would hold them) and the relational projection the live server would
 * compute from that doc (collab/projection.ts: the same resolveEntry, so quotes and offsets
 * agree), then the memos and the GUIDs kept from the file. Nobody can have the new documents open, so nothing goes through a
 * live doc. Rows go in multi-row inserts, a chunk at a time, never one query per coding.
 */
import * as Y from "yjs";
import type { Database } from "../../../db/client";
import { codes, codings, docSnapshots, documents, memos, projectMembers, projects } from "../../../db/schema";
import { addCoding, resolveCodings, textOf } from "../collab/doc-model";
import { recordAudit } from "../services/audit.server";
import type { ImportPlan } from "./import-plan.server";
import { saveKeptGuids } from "./kept-guids.server";
import type { PlannedDocument } from "./import-sources.server";

/** Rows per insert: well under Postgres' 65,535 parameters, and texts kept to a few MB a batch. */
const CODE_CHUNK = 1000;
const CODING_CHUNK = 1000;
const DOCUMENT_CHUNK = 50;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * A document's Y.Doc state with its codings, and the codings as the projection holds them. A
 * coding is the member its file user matched, else the importer's.
 */
function buildDoc(doc: PlannedDocument, importerId: string) {
  const ydoc = new Y.Doc();
  try {
    ydoc.transact(() => {
      textOf(ydoc).insert(0, doc.text);
      for (const c of doc.codings) addCoding(ydoc, c.id, { codeId: c.codeId, start: c.start, end: c.end, authorId: c.authorId ?? importerId, memo: c.memo, createdAt: c.createdAt });
    });
    return { state: Y.encodeStateAsUpdate(ydoc), resolved: resolveCodings(ydoc) };
  } finally {
    ydoc.destroy();
  }
}

export interface WriteInput {
  name: string;
  description: string;
  ownerId: string;
  origin: string | undefined;
  plan: ImportPlan;
}

export async function writeImport(db: Database, { name, description, ownerId, origin, plan }: WriteInput): Promise<{ projectId: string; codings: number }> {
  return db.transaction(async (tx) => {
    const [project] = await tx.insert(projects).values({ name, description }).returning({ id: projects.id });
    const projectId = project!.id;
    await tx.insert(projectMembers).values({ projectId, userId: ownerId, role: "owner" });
    await recordAudit(tx, { projectId, actorId: ownerId, action: "project.created", detail: { importedFrom: "qdpx", origin: origin ?? null } });

    for (const batch of chunks(plan.codes, CODE_CHUNK)) {
      await tx.insert(codes).values(
        batch.map((c) => ({
          id: c.id,
          projectId,
          name: c.name,
          parentId: c.parentId,
          color: c.color,
          description: c.description,
          codable: c.codable,
          createdBy: ownerId,
        })),
      );
    }

    let codingCount = 0;
    for (const batch of chunks(plan.documents, DOCUMENT_CHUNK)) {
      const built = batch.map((doc) => ({ doc, ...buildDoc(doc, ownerId) }));
      await tx.insert(documents).values(
        built.map(({ doc }) => ({
          id: doc.id,
          projectId,
          title: doc.title,
          kind: doc.kind,
          caseKey: doc.caseKey,
          attributes: doc.attributes,
          text: doc.text,
          createdBy: ownerId,
        })),
      );
      await tx.insert(docSnapshots).values(built.map(({ doc, state }) => ({ docName: doc.id, state, upTo: 0 })));
      const rows = built.flatMap(({ doc, resolved }) =>
        resolved.map((c) => ({
          id: c.id,
          documentId: doc.id,
          codeId: c.codeId,
          start: c.start,
          end: c.end,
          quote: c.quote,
          authorId: c.authorId,
          memo: c.memo,
          orphaned: c.orphaned,
          createdAt: new Date(c.createdAt),
        })),
      );
      for (const part of chunks(rows, CODING_CHUNK)) await tx.insert(codings).values(part);
      codingCount += rows.length;
    }

    for (const batch of chunks(plan.memos, CODE_CHUNK)) {
      await tx.insert(memos).values(
        batch.map((m) => ({
          id: m.id,
          projectId,
          authorId: m.authorId,
          authorName: m.authorName,
          authorOrigin: m.authorOrigin,
          targetType: m.targetType,
          targetId: m.targetId,
          body: m.body,
          createdAt: m.createdAt,
          updatedAt: m.updatedAt,
        })),
      );
    }
    await saveKeptGuids(tx, projectId, plan.guids);
    return { projectId, codings: codingCount };
  });
}
