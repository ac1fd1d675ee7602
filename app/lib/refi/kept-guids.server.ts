/** The refi_guids table: GUIDs kept from an import, written with it and read by each export. */
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { refiGuids, type RefiGuidKind } from "../../../db/schema";
import { keptKey, type CodingGuids, type KeptGuid, type KeptLookup } from "./kept-guids";

const CODING_KINDS: RefiGuidKind[] = ["selection", "coding", "coding_note"];
/** Rows per insert: four parameters each, well under Postgres' 65,535. */
const CHUNK = 5000;

export async function saveKeptGuids(db: Pick<Database, "insert">, projectId: string, rows: readonly KeptGuid[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(refiGuids).values(rows.slice(i, i + CHUNK).map((r) => ({ projectId, ...r })));
  }
}

/** The project's kept GUIDs of everything but codings (a few per code, document, memo and person). */
export async function projectKeptGuids(db: Database, projectId: string): Promise<KeptLookup> {
  const rows = await db
    .select({ kind: refiGuids.kind, objectId: refiGuids.objectId, guid: refiGuids.guid })
    .from(refiGuids)
    .where(and(eq(refiGuids.projectId, projectId), notInArray(refiGuids.kind, CODING_KINDS)));
  return new Map(rows.map((r) => [keptKey(r.kind, r.objectId), r.guid]));
}

/** The kept GUIDs of some codings (a batch of documents' worth), by coding id. */
export async function codingKeptGuids(db: Database, projectId: string, codingIds: readonly string[]): Promise<Map<string, CodingGuids>> {
  const out = new Map<string, CodingGuids>();
  for (let i = 0; i < codingIds.length; i += CHUNK) {
    const rows = await db
      .select({ kind: refiGuids.kind, objectId: refiGuids.objectId, guid: refiGuids.guid })
      .from(refiGuids)
      .where(and(eq(refiGuids.projectId, projectId), inArray(refiGuids.kind, CODING_KINDS), inArray(refiGuids.objectId, codingIds.slice(i, i + CHUNK))));
    for (const r of rows) {
      const entry = out.get(r.objectId) ?? {};
      if (r.kind === "selection") entry.selection = r.guid;
      else if (r.kind === "coding") entry.coding = r.guid;
      else entry.codingNote = r.guid;
      out.set(r.objectId, entry);
    }
  }
  return out;
}
