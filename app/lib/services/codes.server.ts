import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { codingsOf, resolveEntry, type CodingEntry } from "../collab/doc-model";
import { codes, codings, documents } from "../../../db/schema";
import { HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { createCodeSchema, updateCodeSchema } from "../validation/schemas";

/** Distinct, readable highlight colours, handed out in turn to new codes. */
export const CODE_PALETTE = [
  "#e6a23c", "#5b8def", "#4caf7a", "#d9534f", "#9b6bd6", "#2bb5b8", "#e07bb5", "#8d9440",
  "#f08c4b", "#4f6d7a", "#c9a227", "#7b9e3f",
];

const shape = { id: codes.id, name: codes.name, parentId: codes.parentId, color: codes.color, description: codes.description, codable: codes.codable };

export function listCodes(services: AppServices, projectId: string) {
  return services.db
    .select({
      ...shape,
      // Spelled out: drizzle would render the outer column as a bare "id" (the coding's own).
      codingCount: sql<number>`(select count(*)::int from ${codings} c where c.code_id = "codes"."id")`,
    })
    .from(codes)
    .where(eq(codes.projectId, projectId))
    .orderBy(asc(codes.name), asc(codes.id));
}

async function getCode(services: AppServices, codeId: string) {
  const [code] = await services.db.select({ ...shape, projectId: codes.projectId }).from(codes).where(eq(codes.id, codeId));
  if (!code) throw notFound("Code not found.");
  return code;
}

const invalid = (message: string) => new HttpError(422, "invalid_code", message);

/** A parent must be a code of the same project, and never the code itself or below it. */
async function checkParent(services: AppServices, projectId: string, parentId: string | null, codeId?: string) {
  if (!parentId) return;
  const all = await services.db.select({ id: codes.id, parentId: codes.parentId }).from(codes).where(eq(codes.projectId, projectId));
  const parents = new Map(all.map((c) => [c.id, c.parentId]));
  if (!parents.has(parentId)) throw invalid("The parent code is not in this project's codebook.");
  for (let at: string | null | undefined = parentId; at; at = parents.get(at)) {
    if (at === codeId) throw invalid("A code cannot be moved under itself or one of its sub-codes.");
  }
}

export async function createCode(
  services: AppServices,
  projectId: string,
  actorId: string,
  input: z.infer<typeof createCodeSchema>,
) {
  await checkParent(services, projectId, input.parentId);
  const [{ n }] = (await services.db
    .select({ n: sql<number>`count(*)::int` })
    .from(codes)
    .where(eq(codes.projectId, projectId))) as [{ n: number }];
  const [code] = await services.db
    .insert(codes)
    .values({ ...input, color: input.color ?? CODE_PALETTE[n % CODE_PALETTE.length]!, projectId, createdBy: actorId })
    .returning(shape);
  await services.collab.refreshCodebook(projectId);
  return code!;
}

export async function updateCode(services: AppServices, codeId: string, changes: z.infer<typeof updateCodeSchema>) {
  const code = await getCode(services, codeId);
  if (changes.parentId !== undefined) await checkParent(services, code.projectId, changes.parentId, codeId);
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const [updated] = await services.db.update(codes).set(set).where(eq(codes.id, codeId)).returning(shape);
  await services.collab.refreshCodebook(code.projectId);
  return updated!;
}

/** What deleting a code would touch, shown to the person before they confirm. */
export async function codeImpact(services: AppServices, codeId: string) {
  await services.collab.flush();
  const [row] = await services.db
    .select({
      codings: sql<number>`count(*)::int`,
      documents: sql<number>`count(distinct ${codings.documentId})::int`,
    })
    .from(codings)
    .where(eq(codings.codeId, codeId));
  const [children] = await services.db.select({ n: sql<number>`count(*)::int` }).from(codes).where(eq(codes.parentId, codeId));
  return { codings: row?.codings ?? 0, documents: row?.documents ?? 0, children: children?.n ?? 0 };
}

/** Documents with codings of `codeId`, after the projection has caught up. */
async function documentsCodedWith(services: AppServices, codeId: string) {
  await services.collab.flush();
  const rows = await services.db.selectDistinct({ id: codings.documentId }).from(codings).where(eq(codings.codeId, codeId));
  return rows.map((r) => r.id);
}

/**
 * Deletes a code: its codings are removed from every document (live, so open editors see
 * them go) and its sub-codes move up to its parent.
 */
export async function deleteCode(services: AppServices, codeId: string) {
  const code = await getCode(services, codeId);
  for (const documentId of await documentsCodedWith(services, codeId)) {
    await services.collab.change(documentId, (doc) => {
      const map = codingsOf(doc);
      for (const [id, entry] of [...map.entries()]) if (entry.codeId === codeId) map.delete(id);
    });
  }
  await services.db.transaction(async (tx) => {
    await tx.update(codes).set({ parentId: code.parentId }).where(eq(codes.parentId, codeId));
    await tx.delete(codes).where(eq(codes.id, codeId));
  });
  await services.collab.refreshCodebook(code.projectId);
}

/**
 * Merges a code into another: its codings are recoded (a passage coded with both keeps one),
 * its sub-codes move under the target, and it is deleted.
 */
export async function mergeCode(services: AppServices, codeId: string, intoId: string) {
  if (codeId === intoId) throw invalid("A code cannot be merged into itself.");
  const [source, target] = await Promise.all([getCode(services, codeId), getCode(services, intoId)]);
  if (source.projectId !== target.projectId) throw invalid("Both codes must be in the same project.");
  if (!target.codable) throw notCodable(target.name);
  await checkParent(services, source.projectId, intoId, codeId).catch(() => {
    throw invalid("A code cannot be merged into one of its own sub-codes.");
  });
  for (const documentId of await documentsCodedWith(services, codeId)) {
    await services.collab.change(documentId, (doc) => {
      const map = codingsOf(doc);
      const range = (id: string, entry: CodingEntry) => {
        const r = resolveEntry(doc, id, entry);
        return `${r.start}|${r.end}`;
      };
      const targetRanges = new Set([...map.entries()].filter(([, e]) => e.codeId === intoId).map(([id, e]) => range(id, e)));
      for (const [id, entry] of [...map.entries()]) {
        if (entry.codeId !== codeId) continue;
        if (targetRanges.has(range(id, entry))) map.delete(id);
        else map.set(id, { ...entry, codeId: intoId });
      }
    });
  }
  await services.db.transaction(async (tx) => {
    await tx.update(codes).set({ parentId: intoId }).where(eq(codes.parentId, codeId));
    await tx.delete(codes).where(eq(codes.id, codeId));
  });
  await services.collab.refreshCodebook(source.projectId);
  return getCode(services, intoId);
}

/** A 422 for applying a folder (REFI-QDA `isCodable="false"`): it groups codes and is never applied. */
export const notCodable = (name: string) =>
  new HttpError(422, "code_not_codable", `“${name}” is a folder in the codebook: it groups codes and cannot be applied to text. Choose a code inside it.`);

/**
 * The code a coding is about to apply: a 422 unless it is a code of the project (`projectId`,
 * or the project of `documentId`) that can be applied.
 */
export async function applicableCode(services: AppServices, codeId: string, where: { projectId: string } | { documentId: string }) {
  const scope =
    "projectId" in where
      ? eq(codes.projectId, where.projectId)
      : sql`${codes.projectId} = (select ${documents.projectId} from ${documents} where ${documents.id} = ${where.documentId})`;
  const [code] = await services.db.select({ id: codes.id, name: codes.name, codable: codes.codable }).from(codes).where(and(eq(codes.id, codeId), scope));
  if (!code) throw new HttpError(422, "unknown_code", "That code is not in this project's codebook.");
  if (!code.codable) throw notCodable(code.name);
  return code;
}
