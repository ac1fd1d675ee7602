import * as Y from "yjs";
import { fromBase64, toBase64 } from "lib0/buffer";
import { codingEntrySchema, parseCodingEntry, type CodingEntry } from "./coding-entry";

export type { CodingEntry } from "./coding-entry";

/**
 * The shape of a document's Y.Doc, shared by the server, the API and the browser editor:
 *   text:    Y.Text, the document's text
 *   codings: Y.Map of coding id → CodingEntry
 * A coding's ends are Y.RelativePositions, so concurrent typing before, inside or after it
 * moves the highlight with its words. An entry's shape is checked by codingEntrySchema.
 */

export interface ResolvedCoding {
  id: string;
  codeId: string;
  start: number;
  end: number;
  quote: string;
  authorId: string;
  createdAt: string;
  memo: string;
  /** All of its text was deleted: kept and shown, never silently lost. */
  orphaned: boolean;
}

export const TEXT = "text";
export const CODINGS = "codings";

export const textOf = (doc: Y.Doc) => doc.getText(TEXT);
export const codingsOf = (doc: Y.Doc) => doc.getMap<CodingEntry>(CODINGS);

/**
 * The stored state of a new document holding `text`: what its first snapshot is. A new
 * document is written this way, in the transaction that creates its row, rather than through
 * a live doc (nobody can have it open yet).
 */
export function initialDocState(text: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    textOf(doc).insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

const encode = (pos: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(pos));
const decode = (b64: string) => Y.decodeRelativePosition(fromBase64(b64));

/**
 * Anchors [start, end) in the text: the start sticks to the character after it and the end to
 * the character before it, so typing at either edge does not stretch the highlight but typing
 * inside it does.
 */
export function anchorRange(doc: Y.Doc, start: number, end: number): { start: string; end: string } {
  const text = textOf(doc);
  return {
    start: encode(Y.createRelativePositionFromTypeIndex(text, start, 0)),
    end: encode(Y.createRelativePositionFromTypeIndex(text, end, -1)),
  };
}

/**
 * An anchor that does not decode, or that points anywhere but into the text (a malformed entry
 * written by some client), resolves to null.
 */
function absolute(doc: Y.Doc, b64: string): Y.AbsolutePosition | null {
  try {
    const abs = Y.createAbsolutePositionFromRelativePosition(decode(b64), doc);
    return abs && abs.type === textOf(doc) ? abs : null;
  } catch {
    return null;
  }
}

/**
 * Absolute offsets for one entry. An entry whose anchors cannot be resolved (deleted text, or a
 * malformed anchor) is reported orphaned at offset 0 rather than throwing.
 */
export function resolveEntry(doc: Y.Doc, id: string, entry: CodingEntry, text = textOf(doc).toString()): ResolvedCoding {
  const s = absolute(doc, entry.start);
  const e = absolute(doc, entry.end);
  const start = s?.index ?? 0;
  const end = e?.index ?? start;
  const orphaned = !s || !e || end <= start;
  return {
    id,
    codeId: entry.codeId,
    start: orphaned ? Math.min(start, end) : start,
    end: orphaned ? Math.min(start, end) : end,
    quote: orphaned ? "" : text.slice(start, end),
    authorId: entry.authorId,
    createdAt: entry.createdAt,
    memo: entry.memo ?? "",
    orphaned,
  };
}

/**
 * Every well-formed coding with absolute offsets into the current text, in document order.
 * Entries that are not codings at all (any editor can write to the map) are skipped.
 */
export function resolveCodings(doc: Y.Doc): ResolvedCoding[] {
  const text = textOf(doc).toString();
  const out: ResolvedCoding[] = [];
  codingsOf(doc).forEach((entry, id) => {
    if (isCodingEntry(entry)) out.push(resolveEntry(doc, id, entry, text));
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
}

export function addCoding(
  doc: Y.Doc,
  id: string,
  coding: { codeId: string; start: number; end: number; authorId: string; memo?: string; createdAt?: Date },
): CodingEntry {
  // The same check every websocket write goes through (server/collab/coding-guard.ts).
  const entry: CodingEntry = codingEntrySchema.parse({
    codeId: coding.codeId,
    ...anchorRange(doc, coding.start, coding.end),
    authorId: coding.authorId,
    createdAt: (coding.createdAt ?? new Date()).toISOString(),
    memo: coding.memo ?? "",
  });
  codingsOf(doc).set(id, entry);
  return entry;
}

/** Whether a value in the codings map is a well-formed coding (see codingEntrySchema). */
export function isCodingEntry(value: unknown): value is CodingEntry {
  return parseCodingEntry(value) !== null;
}

// ---------------------------------------------------------------------------------------------
// The project's codebook doc: a live, read-only mirror of the `codes` table that the server
// keeps in step, so every open editor sees codebook changes at once.

export interface CodebookEntry {
  name: string;
  parentId: string | null;
  color: string;
  description: string;
  /** False for a folder, which the editor shows but never applies (absent in older docs: true). */
  codable?: boolean;
}

export const CODES = "codes";
export const codebookOf = (doc: Y.Doc) => doc.getMap<CodebookEntry>(CODES);
export const codebookRoom = (projectId: string) => `codebook:${projectId}`;
export const projectIdOfCodebookRoom = (room: string) =>
  room.startsWith("codebook:") ? room.slice("codebook:".length) : null;
