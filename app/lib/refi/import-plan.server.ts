/**
 * A whole REFI project turned into the rows of a new Thicket project, before anything is
 * written, with the report of what was left out. Users are not created: people cannot be made
 * members from a file, so every coding and memo is the importer's and the report names whose
 * work it was. Notes become memos on the code, document or coding that points at them;
 * variable values on a source, and on the cases it belongs to, become its attributes; a case
 * becomes its sources' case key.
 */
import type { MemoTarget } from "../../../db/kinds";
import { planCodebook, type PlannedCode } from "./import-codebook";
import { named, plural, SkippedList, type SkippedItem } from "./import-report";
import { loadSource, planSource, type LoadedSource, type PlannedDocument } from "./import-sources.server";
import { chooseOffsetScheme } from "./offset-evidence";
import type { QdpxArchive } from "./qdpx-archive.server";
import type { RefiProject, RefiValue } from "./qde-reader.server";

export interface ImportPlan {
  codes: PlannedCode[];
  documents: PlannedDocument[];
  memos: { targetType: MemoTarget; targetId: string; body: string }[];
  skipped: SkippedList;
  /** What was imported but may be wrong, for the person to check. */
  warnings: SkippedItem[];
}

const MAX_ATTRIBUTES = 100;
const MAX_ATTRIBUTE_TEXT = 2000;

const OTHER_SOURCE_KINDS: Record<string, string> = {
  PDFSource: "PDF source",
  PictureSource: "picture source",
  AudioSource: "audio source",
  VideoSource: "video source",
};

function applyValues(doc: PlannedDocument, values: readonly RefiValue[], variables: ReadonlyMap<string, string>, skipped: SkippedList, overwrite: boolean) {
  for (const { variableGuid, value } of values) {
    const name = variables.get(variableGuid)?.trim().slice(0, 100);
    if (!name) {
      skipped.add(`A variable value on ${named("source", doc.title)}`, `It refers to a variable (${variableGuid}) that the file does not define.`);
      continue;
    }
    if (!overwrite && name in doc.attributes) continue;
    if (!(name in doc.attributes) && Object.keys(doc.attributes).length >= MAX_ATTRIBUTES) {
      skipped.add(named("Variable", name), `${named("Source", doc.title)} already has ${MAX_ATTRIBUTES} attributes, the most a document holds.`);
      continue;
    }
    if (typeof value === "string" && value.length > MAX_ATTRIBUTE_TEXT) {
      skipped.add(`Part of ${named("variable", name)} on ${named("source", doc.title)}`, `Attribute values hold at most ${MAX_ATTRIBUTE_TEXT} characters; the rest was cut.`);
    }
    doc.attributes[name] = typeof value === "string" ? value.slice(0, MAX_ATTRIBUTE_TEXT) : value;
  }
}

function applyCases(project: RefiProject, docs: ReadonlyMap<string, PlannedDocument>, variables: ReadonlyMap<string, string>, skipped: SkippedList) {
  for (const c of project.cases) {
    const members = c.sourceGuids.map((g) => docs.get(g)).filter((d): d is PlannedDocument => !!d);
    if (members.length === 0) {
      skipped.add(named("Case", c.name), "It holds no imported text source, and Thicket's cases are documents' case keys.");
      continue;
    }
    const key = c.name.trim().slice(0, 200) || c.guid;
    for (const doc of members) {
      if (doc.caseKey && doc.caseKey !== key) skipped.add(`${named("Source", doc.title)} in ${named("case", key)}`, `A document has one case key; it keeps “${doc.caseKey}”.`);
      else doc.caseKey = key;
      applyValues(doc, c.values, variables, skipped, false);
    }
  }
}

/** Memos from the notes that codes, documents and codings point at; the rest are reported. */
function noteLookup(project: RefiProject, skipped: SkippedList) {
  const notes = new Map(project.notes.map((n) => [n.guid, n]));
  const used = new Set<string>();
  const text = (guid: string): string | null => {
    const note = notes.get(guid);
    if (!note) {
      skipped.add(`A reference to note ${guid}`, "The file has no note with that GUID.");
      return null;
    }
    used.add(guid);
    return note.text.trim() || null;
  };
  const reportUnused = () => {
    for (const note of project.notes) {
      if (!used.has(note.guid)) skipped.add(named("Note", note.name), "It is not attached to a code, source or selection, and Thicket memos always are.");
    }
  };
  return { text, reportUnused };
}

function reportUsers(project: RefiProject, documents: readonly PlannedDocument[], skipped: SkippedList, importer: string) {
  const byUser = new Map<string, number>();
  for (const doc of documents) for (const c of doc.codings) if (c.refiUser) byUser.set(c.refiUser, (byUser.get(c.refiUser) ?? 0) + 1);
  const names = new Map(project.users.map((u) => [u.guid, u.name]));
  for (const [guid, name] of names) {
    const n = byUser.get(guid) ?? 0;
    skipped.add(
      named("User", name || guid),
      n
        ? `People in a file cannot be made members of a project, so their ${plural(n, "coding")} are attributed to ${importer}.`
        : "People in a file cannot be made members of a project; nothing in it is coded by them.",
    );
  }
  const unknown = [...byUser].filter(([guid]) => !names.has(guid)).reduce((sum, [, n]) => sum + n, 0);
  if (unknown) skipped.add(`The authors of ${plural(unknown, "coding")}`, `They name users the file does not list; the codings are attributed to ${importer}.`);
}

export async function planImport(project: RefiProject, archive: QdpxArchive, palette: readonly string[], importer: string): Promise<ImportPlan> {
  const skipped = new SkippedList();
  const now = new Date();
  const { codes, byGuid } = planCodebook(project.codes, palette, skipped);
  const notes = noteLookup(project, skipped);
  const memos: ImportPlan["memos"] = [];
  for (const code of codes) for (const ref of code.noteRefs) {
    const body = notes.text(ref);
    if (body) memos.push({ targetType: "code", targetId: code.id, body });
  }

  const variables = new Map(project.variables.map((v) => [v.guid, v.name]));
  const ctx = { archive, codeIds: byGuid, noteText: notes.text, skipped, now };
  const loaded: LoadedSource[] = [];
  for (const source of project.sources) {
    const one = await loadSource(source, ctx);
    if (one) loaded.push(one);
  }
  // One tool wrote the file, so one reading of positions holds for all of it.
  const offsets = chooseOffsetScheme(loaded, project.origin);
  const warnings: SkippedItem[] = [];
  if (offsets.weak) warnings.push({ what: `Where the codings of ${plural(loaded.length, "source")} are`, why: offsets.weak });

  const documents: PlannedDocument[] = [];
  for (const one of loaded) {
    const doc = planSource(one, offsets.scheme, ctx);
    const { source } = one;
    applyValues(doc, source.values, variables, skipped, true);
    for (const ref of doc.noteRefs) {
      const body = notes.text(ref);
      if (body) memos.push({ targetType: "document", targetId: doc.id, body });
    }
    documents.push(doc);
  }
  applyCases(project, new Map(documents.map((d) => [d.refiGuid, d])), variables, skipped);

  for (const other of project.otherSources) {
    skipped.add(named(OTHER_SOURCE_KINDS[other.kind] ?? "Source", other.name), "Thicket holds text documents only; this source and its selections were not imported.");
  }
  for (const { what, count } of project.unsupported) skipped.add(plural(count, what), `Thicket has no ${what}s.`);
  notes.reportUnused();
  reportUsers(project, documents, skipped, importer);
  return { codes, documents, memos, skipped, warnings };
}
