/**
 * Each REFI TextSource as a Thicket document: its text (from the archive, stored the way
 * every import stores text, import-offsets.ts) and its codings at stored-text offsets.
 *
 * Offsets: the project's reading is chosen from all its sources first (offset-evidence.ts) and
 * used for each source; a selection whose label is its own text under another reading only
 * uses that one. A selection that falls outside the text, or has no code, is reported and left
 * out.
 */
import { newId } from "../../../db/ids";
import type { DocumentKind } from "../../../db/kinds";
import { docxToText } from "../import/docx.server";
import { decodeText } from "../import/text.server";
import { MAX_DOCUMENT_CHARS } from "../validation/schemas";
import { labelMatches, SourceText, type OffsetScheme } from "./import-offsets";
import type { SourceSelections } from "./offset-evidence";
import { named, plural, type SkippedList } from "./import-report";
import type { QdpxArchive } from "./qdpx-archive.server";
import type { RefiSelection, RefiTextSource } from "./qde-reader.server";

export interface PlannedCoding {
  id: string;
  codeId: string;
  start: number;
  end: number;
  createdAt: Date;
  memo: string;
  /** The REFI user who made it (for the report when they match no member). */
  refiUser?: string;
  /** The member that user matched; otherwise the coding is the importer's. */
  authorId?: string;
  /** GUIDs in the file: its selection (shared by the codings of one selection), its Coding. */
  selectionGuid: string;
  codingGuid: string;
  /** The note its memo came from, when it came from exactly one. */
  noteGuid?: string;
}

export interface PlannedDocument {
  id: string;
  refiGuid: string;
  title: string;
  kind: DocumentKind;
  text: string;
  caseKey: string | null;
  attributes: Record<string, string | number | boolean>;
  codings: PlannedCoding[];
  noteRefs: string[];
}

export interface SourceContext {
  archive: QdpxArchive;
  codeIds: ReadonlyMap<string, string>;
  /** Names of the codes that are folders (isCodable="false"), by Thicket id. */
  folders: ReadonlyMap<string, string>;
  /** The member a file's user matched, by the user's GUID. */
  members: ReadonlyMap<string, string>;
  /** A note's text by GUID; each one used is marked, so unused notes can be reported. */
  noteText: (guid: string) => string | null;
  skipped: SkippedList;
  now: Date;
}

const fileTitle = (path: string | undefined) => path?.replace(/^[a-z]+:\/\//i, "").split(/[\\/]/).pop()?.replace(/\.[^.]+$/, "");

const BOMS = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]];
const startsWithBom = (bytes: Uint8Array) => BOMS.some((bom) => bom.every((b, i) => bytes[i] === b));

/** The file's text, and whether its bytes began with a byte-order mark (decoding drops it). */
function decode(bytes: Uint8Array | null): { text: string; bom: boolean } | null {
  if (!bytes) return null;
  if (bytes.byteLength === 0) return { text: "", bom: false };
  try {
    return { text: decodeText(bytes), bom: startsWithBom(bytes) };
  } catch {
    return null; // binary: not a text file
  }
}

async function docxText(bytes: Uint8Array | null): Promise<string | null> {
  if (!bytes) return null;
  try {
    return await docxToText(bytes);
  } catch {
    return null;
  }
}

/** The text to store: the plain-text file, or the Word copy when the plain text is blank (NVivo). */
async function sourceText(source: RefiTextSource, ctx: SourceContext, label: string): Promise<SourceText | null> {
  const file = source.plainTextContent !== undefined ? { text: source.plainTextContent, bom: false } : decode(ctx.archive.sourceFile(source.plainTextPath));
  const plain = file?.text ?? null;
  if (file?.text.trim()) return new SourceText(file.text, { bom: file.bom });
  const rich = /\.docx$/i.test(source.richTextPath ?? "") ? await docxText(ctx.archive.sourceFile(source.richTextPath)) : null;
  if (rich?.trim()) return new SourceText(rich);
  if (plain === null) {
    ctx.skipped.add(label, `Its text file (${source.plainTextPath ?? "no plainTextPath"}) is not in the archive or is not text, so the source was not imported.`);
    return null;
  }
  ctx.skipped.add(`The text of ${label}`, "The file's plain text is empty (and it has no Word copy with text); the document was created empty.");
  return new SourceText(plain);
}

/** Where a selection goes: the source's scheme, or another that fits its label or the text. */
function place(text: SourceText, chosen: OffsetScheme, s: RefiSelection) {
  const first = text.range(chosen, s.start, s.end);
  if (first && labelMatches(text.text.slice(first.start, first.end), s.name)) return first;
  for (const scheme of text.schemes()) {
    const r = text.range(scheme, s.start, s.end);
    if (r && labelMatches(text.text.slice(r.start, r.end), s.name)) return r;
  }
  if (first) return first;
  for (const scheme of text.schemes()) {
    const r = text.range(scheme, s.start, s.end);
    if (r) return r;
  }
  return null;
}

const date = (value: string | undefined, fallback: Date) => {
  const d = value ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : fallback;
};

/** The texts of the notes `refs` point at, with their GUIDs (missing or empty notes left out). */
function notesOf(refs: readonly string[], ctx: SourceContext): { guid: string; text: string }[] {
  return refs.flatMap((guid) => {
    const text = ctx.noteText(guid);
    return text ? [{ guid, text }] : [];
  });
}

function planCodings(source: RefiTextSource, text: SourceText, chosen: OffsetScheme, ctx: SourceContext, label: string): PlannedCoding[] {
  const out: PlannedCoding[] = [];
  for (const s of source.selections) {
    const what = `${named("Selection", s.name)} (positions ${s.start}–${s.end}) in ${label}`;
    if (!Number.isFinite(s.start) || !Number.isFinite(s.end)) {
      ctx.skipped.add(what, "It has no valid startPosition and endPosition.");
      continue;
    }
    if (s.codings.length === 0) {
      ctx.skipped.add(what, "No code is applied to it; Thicket keeps coded passages only.");
      continue;
    }
    const range = place(text, chosen, s);
    if (!range) {
      ctx.skipped.add(what, `It does not fall inside the text (${plural(text.text.length, "character")}), so its ${plural(s.codings.length, "coding")} could not be placed.`);
      continue;
    }
    const selectionNotes = notesOf(s.noteRefs, ctx);
    for (const c of s.codings) {
      const codeId = c.codeGuid ? ctx.codeIds.get(c.codeGuid) : undefined;
      if (!codeId) {
        ctx.skipped.add(`A coding of ${what}`, `It refers to a code (${c.codeGuid ?? "none"}) that is not in the codebook.`);
        continue;
      }
      const folder = ctx.folders.get(codeId);
      if (folder !== undefined) {
        ctx.skipped.add(`A coding of ${what}`, `It applies ${named("folder", folder)}, which the file marks as not codable (isCodable="false"); folders are never applied.`);
        continue;
      }
      const notes = [...selectionNotes, ...notesOf(c.noteRefs, ctx)];
      const description = s.description.trim();
      const memo = [description, ...notes.map((n) => n.text)].filter(Boolean).join("\n\n");
      const createdAt = date(c.createdAt ?? s.createdAt, ctx.now);
      const refiUser = c.creatingUser ?? s.creatingUser;
      out.push({
        id: newId(),
        codeId,
        ...range,
        createdAt,
        memo,
        refiUser,
        authorId: refiUser ? ctx.members.get(refiUser) : undefined,
        selectionGuid: s.guid,
        codingGuid: c.guid,
        noteGuid: !description && notes.length === 1 ? notes[0]!.guid : undefined,
      });
    }
  }
  return out;
}

/** A source whose text is read, its codings not yet placed (that needs the project's reading). */
export interface LoadedSource extends SourceSelections {
  source: RefiTextSource;
  title: string;
  label: string;
}

export async function loadSource(source: RefiTextSource, ctx: SourceContext): Promise<LoadedSource | null> {
  const title = (source.name?.replace(/\s+/g, " ").trim() || fileTitle(source.plainTextPath) || "Untitled source").slice(0, 300);
  const label = named("source", title);
  const text = await sourceText(source, ctx, label);
  if (!text) return null;
  if (text.text.length > MAX_DOCUMENT_CHARS) {
    ctx.skipped.add(label, `Its text is longer than ${MAX_DOCUMENT_CHARS.toLocaleString("en-GB")} characters, the most a Thicket document holds.`);
    return null;
  }
  if (source.otherSelections) ctx.skipped.add(`${plural(source.otherSelections, "non-text selection")} in ${label}`, "Only plain-text selections can be imported.");
  return { source, title, label, text, selections: source.selections };
}

export function planSource({ source, title, label, text }: LoadedSource, scheme: OffsetScheme, ctx: SourceContext): PlannedDocument {
  return {
    id: newId(),
    refiGuid: source.guid,
    title,
    kind: "other",
    text: text.text,
    caseKey: null,
    attributes: {},
    codings: planCodings(source, text, scheme, ctx, label),
    noteRefs: source.noteRefs,
  };
}
