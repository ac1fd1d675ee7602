/**
 * The GUIDs imported objects keep (ADR 0143): chosen while an import is planned, looked up while
 * a project is exported. Pure; the tables are read and written in kept-guids.server.ts.
 */
import type { RefiGuidKind } from "../../../db/schema-refi";
import { isGuid, refiGuid, uuidV5, THICKET_GUID_NAMESPACE } from "./guid";

export interface KeptGuid {
  kind: RefiGuidKind;
  objectId: string;
  guid: string;
}

/** A GUID as compared: without braces, lower-case (the schema allows both spellings). */
export const sameGuid = (guid: string) => guid.trim().replace(/^\{(.*)\}$/, "$1").toLowerCase();

/**
 * Import: each valid GUID of the file is kept by the first object that claims it, so no two
 * objects of a project ever export under one GUID (a file can repeat one; tools do). A
 * selection's GUID is kept by all the codings made from it at once.
 */
export class GuidKeeper {
  readonly rows: KeptGuid[] = [];
  private readonly used = new Set<string>();

  /** Keeps `guid` for the objects, if it is a GUID not yet kept; answers whether it was. */
  keep(kind: RefiGuidKind, objectIds: string | readonly string[], guid: string | undefined): boolean {
    if (!guid || !isGuid(guid.trim()) || this.used.has(sameGuid(guid))) return false;
    this.used.add(sameGuid(guid));
    for (const objectId of typeof objectIds === "string" ? [objectIds] : objectIds) this.rows.push({ kind, objectId, guid: guid.trim() });
    return true;
  }
}

/** Kept GUIDs by kind and object: `${kind}:${objectId}` → GUID. */
export type KeptLookup = ReadonlyMap<string, string>;
export const keptKey = (kind: RefiGuidKind, objectId: string) => `${kind}:${objectId}`;

/**
 * Export: every object's GUID, its kept one when it has one, else derived from its id
 * (guid.ts), so objects made in Thicket keep the GUIDs they always had. Codings' GUIDs are
 * looked up a batch of documents at a time (`codings`); the rest are held for the whole export.
 */
export class ExportGuids {
  private readonly memo = new Map<string, string>();

  constructor(
    readonly projectId: string,
    private readonly kept: KeptLookup,
  ) {}

  private get(kind: RefiGuidKind, id: string, derive: () => string): string {
    const key = keptKey(kind, id);
    let guid = this.memo.get(key);
    if (!guid) this.memo.set(key, (guid = this.kept.get(key) ?? derive()));
    return guid;
  }

  user = (id: string) => this.get("user", id, () => refiGuid("user", id));
  /** A file's user who matched no member, by the name their memos keep. */
  fileUser = (name: string) => this.get("file_user", name, () => refiGuid("user", `file:${this.projectId}:${name}`));
  code = (id: string) => this.get("code", id, () => refiGuid("code", id));
  source = (id: string) => this.get("source", id, () => refiGuid("source", id));
  memoNote = (memoId: string) => this.get("note", memoId, () => refiGuid("note", memoId));
}

/** A coding's GUIDs: derived, or kept from the file it came from. */
export interface CodingGuids {
  selection?: string;
  coding?: string;
  codingNote?: string;
}

/** One PlainTextSelection of the export: codings of one kept selection still on one range, or a single coding. */
export interface SelectionGroup<C> {
  guid: string;
  codings: C[];
  /** The GUID of the one note all the group's codings' memos came from, written once on the selection. */
  sharedNote?: string;
}

/** A GUID no other selection of the document has taken: derived again when a kept one is taken. */
function unique(guid: string, taken: Set<string>, fallback: string): string {
  let out = guid;
  for (let n = 1; taken.has(sameGuid(out)); n++) out = uuidV5(`${fallback}:${n}`, THICKET_GUID_NAMESPACE);
  taken.add(sameGuid(out));
  return out;
}

/**
 * A document's codings (in order) as selections: codings that were one selection in the file and
 * still cover the same range are written as that selection again, with one Coding each; any
 * other coding is a selection of its own. A kept selection GUID is used once: codings of it
 * that have since moved apart get derived ones.
 */
export function selectionGroups<C extends { id: string; start: number; end: number; memo: string }>(
  codings: readonly C[],
  guids: ReadonlyMap<string, CodingGuids>,
): SelectionGroup<C>[] {
  const groups: SelectionGroup<C>[] = [];
  const byKept = new Map<string, SelectionGroup<C>>();
  const taken = new Set<string>();
  for (const coding of codings) {
    const kept = guids.get(coding.id)?.selection;
    const key = kept ? `${sameGuid(kept)}|${coding.start}|${coding.end}` : null;
    const joined = key ? byKept.get(key) : undefined;
    if (joined) {
      joined.codings.push(coding);
      continue;
    }
    const derived = refiGuid("selection", coding.id);
    const group: SelectionGroup<C> = { guid: unique(kept ?? derived, taken, derived), codings: [coding] };
    if (key && group.guid === kept) byKept.set(key, group);
    groups.push(group);
  }
  for (const group of groups) {
    if (group.codings.length < 2) continue;
    const notes = new Set(group.codings.map((c) => (c.memo ? guids.get(c.id)?.codingNote : undefined)));
    const memos = new Set(group.codings.map((c) => c.memo));
    const [note] = notes;
    if (notes.size === 1 && note && memos.size === 1) group.sharedNote = note;
  }
  return groups;
}

/** The GUID of a coding's memo note, when it is written on the coding. */
export const codingNoteGuid = (codingId: string, guids: ReadonlyMap<string, CodingGuids>) =>
  guids.get(codingId)?.codingNote ?? refiGuid("note", `coding:${codingId}`);
/** The GUID of a coding's Coding element. */
export const codingGuid = (codingId: string, guids: ReadonlyMap<string, CodingGuids>) => guids.get(codingId)?.coding ?? refiGuid("coding", codingId);
