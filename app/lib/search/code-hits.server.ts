/**
 * "Code all hits": every occurrence of a search, coded with one code in one action, and its
 * undo. Writes go through the server-side Y.Doc (one change per document, for all its hits),
 * so people in the editor see them at once. Undo takes back the coding ids the action
 * returned, so no table is needed: it removes those still present and never any other.
 */
import { and, eq, inArray } from "drizzle-orm";
import { newId } from "../../../db/ids";
import { codings, documents } from "../../../db/schema";
import { addCoding, codingsOf, isCodingEntry, resolveEntry, textOf } from "../collab/doc-model";
import type { AppServices } from "../services.server";
import { applicableCode } from "../services/codes.server";
import { searchAll } from "./search.server";


export interface CodeHitsResult {
  codingIds: string[];
  coded: number;
  skippedAlreadyCoded: number;
}

export async function codeAllHits(
  services: AppServices,
  projectId: string,
  authorId: string,
  input: { q: string; codeId: string },
): Promise<CodeHitsResult> {
  await applicableCode(services, input.codeId, { projectId });
  const docs = await searchAll(services, projectId, input.q);
  const out: CodeHitsResult = { codingIds: [], coded: 0, skippedAlreadyCoded: 0 };
  for (const d of docs) {
    const r = await services.collab.change(d.id, (doc) => {
      const text = textOf(doc).toString();
      const taken = new Set<string>();
      codingsOf(doc).forEach((entry, id) => {
        if (!isCodingEntry(entry) || entry.codeId !== input.codeId) return;
        const c = resolveEntry(doc, id, entry, text);
        if (!c.orphaned) taken.add(`${c.start}:${c.end}`);
      });
      const ids: string[] = [];
      let skipped = 0;
      for (const [start, end] of d.ranges) {
        // The live text may have moved on since the projection was read: code only what still reads the same.
        if (end > text.length || text.slice(start, end) !== d.text.slice(start, end)) continue;
        if (taken.has(`${start}:${end}`)) {
          skipped++;
          continue;
        }
        const id = newId();
        addCoding(doc, id, { codeId: input.codeId, start, end, authorId });
        taken.add(`${start}:${end}`);
        ids.push(id);
      }
      return { ids, skipped };
    });
    out.codingIds.push(...r.ids);
    out.skippedAlreadyCoded += r.skipped;
  }
  out.coded = out.codingIds.length;
  return out;
}

/** Removes those of `codingIds` that are still in this project's documents; answers how many. */
export async function undoCodeHits(services: AppServices, projectId: string, codingIds: string[]) {
  if (!codingIds.length) return { removed: 0, codingIds: [] as string[] };
  await services.collab.flush();
  const rows = await services.db
    .select({ id: codings.id, documentId: codings.documentId })
    .from(codings)
    .innerJoin(documents, eq(documents.id, codings.documentId))
    .where(and(eq(documents.projectId, projectId), inArray(codings.id, codingIds)));
  const byDoc = new Map<string, string[]>();
  for (const r of rows) byDoc.set(r.documentId, [...(byDoc.get(r.documentId) ?? []), r.id]);
  const removed: string[] = [];
  for (const [documentId, ids] of byDoc) {
    const gone = await services.collab.change(documentId, (doc) => {
      const map = codingsOf(doc);
      const present = ids.filter((id) => map.has(id));
      for (const id of present) map.delete(id);
      return present;
    });
    removed.push(...gone);
  }
  return { removed: removed.length, codingIds: removed };
}
