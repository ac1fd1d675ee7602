import { and, eq, inArray } from "drizzle-orm";
import type * as Y from "yjs";
import { parseCodingEntry } from "../../app/lib/collab/coding-entry";
import { codingsOf, resolveEntry, textOf, type ResolvedCoding } from "../../app/lib/collab/doc-model";
import type { Database } from "../../db/client";
import { codes, documents } from "../../db/schema";

import type { SetAsideReason } from "../../app/lib/collab/service";

/** A coding the projection leaves out, and why. */
export interface SetAsideEntry {
  id: string;
  reason: SetAsideReason;
}

/**
 * The document's codings as the projection may store them, and the entries it sets aside:
 * those that are not well-formed codings (written before the server checked them, or loaded
 * from an old log), those of a code that is not (or no longer) in the document's project, and
 * those of a folder (a code that groups others and is never applied: ADR 0144), which only a
 * client writing the doc by hand can make.
 * Nothing here throws on what a client wrote, so one bad entry cannot stop a projection.
 */
export async function projectableCodings(
  db: Database,
  documentId: string,
  doc: Y.Doc,
  text = textOf(doc).toString(),
): Promise<{ codings: ResolvedCoding[]; setAside: SetAsideEntry[]; projectId: string | null }> {
  const resolved: ResolvedCoding[] = [];
  const setAside: SetAsideEntry[] = [];
  codingsOf(doc).forEach((value, id) => {
    const entry = parseCodingEntry(value);
    if (entry) resolved.push(resolveEntry(doc, id, entry, text));
    else setAside.push({ id, reason: "malformed" });
  });
  const [row] = await db.select({ projectId: documents.projectId }).from(documents).where(eq(documents.id, documentId));
  if (!row) return { codings: [], setAside, projectId: null };
  const wanted = [...new Set(resolved.map((c) => c.codeId))];
  const codable = new Map(
    wanted.length
      ? (
          await db
            .select({ id: codes.id, codable: codes.codable })
            .from(codes)
            .where(and(eq(codes.projectId, row.projectId), inArray(codes.id, wanted)))
        ).map((c) => [c.id, c.codable])
      : [],
  );
  const codings = resolved.filter((c) => codable.get(c.codeId) === true);
  for (const c of resolved) {
    const state = codable.get(c.codeId);
    if (state !== true) setAside.push({ id: c.id, reason: state === false ? "not_codable" : "unknown_code" });
  }
  return { codings, setAside, projectId: row.projectId };
}

/** Postgres text cannot hold U+0000, which any editor can type: it is stored as U+FFFD (same length). */
export const storable = (s: string) => s.replaceAll("\u0000", "\uFFFD");

/**
 * Logs the entries of `docName` newly set aside since the last run (once each, not on every
 * flush) and returns the set to remember.
 */
export function reportSetAside(docName: string, before: Set<string>, now: SetAsideEntry[]): Set<string> {
  const fresh = now.filter((e) => !before.has(e.id));
  if (fresh.length > 0) {
    const list = fresh.slice(0, 10).map((e) => `${e.id} (${e.reason})`).join(", ");
    console.warn(`collab: ${docName}: set aside ${fresh.length} coding(s) the projection cannot store: ${list}`);
  }
  return new Set(now.map((e) => e.id));
}
