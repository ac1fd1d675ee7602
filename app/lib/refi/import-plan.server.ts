/**
 * A whole REFI project turned into the rows of a new Thicket project, before anything is
 * written, with the report of what was left out. Users are not created: people cannot be made
 * members from a file. A file's user who matches a member (import-people.ts) keeps their work;
 * the codings of anyone else are the importer's, and their memos keep their name. Notes become
 * memos (with their dates) on the code, document or coding that points at them; variable values
 * on a source, and on the cases it belongs to, become its attributes, except Thicket's document
 * kind (document-kind.ts); a case becomes its sources' case key. The GUIDs of what is imported
 * are kept (kept-guids.ts), so an export names each object as the file did.
 */
import { newId } from "../../../db/ids";
import type { MemoTarget } from "../../../db/kinds";
import { kindFromValue, kindVariableGuid } from "./document-kind";
import { planCodebook, type PlannedCode } from "./import-codebook";
import { matchUsers, toolName, type ProjectMember } from "./import-people";
import { named, plural, SkippedList, type SkippedItem } from "./import-report";
import { loadSource, planSource, type LoadedSource, type PlannedDocument } from "./import-sources.server";
import { chooseOffsetScheme } from "./offset-evidence";
import type { QdpxArchive } from "./qdpx-archive.server";
import { GuidKeeper, type KeptGuid } from "./kept-guids";
import type { RefiNote, RefiProject, RefiValue } from "./qde-reader.server";

export interface PlannedMemo {
  id: string;
  targetType: MemoTarget;
  targetId: string;
  body: string;
  /** The member who wrote it (the importer when the file does not say who). */
  authorId: string | null;
  /** The file's name for a writer who matched no member, and the tool the file came from. */
  authorName: string | null;
  authorOrigin: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Its note's GUID in the file. */
  noteGuid: string;
}

export interface ImportPlan {
  codes: PlannedCode[];
  documents: PlannedDocument[];
  memos: PlannedMemo[];
  /** The file's GUIDs of what is imported, to write with it. */
  guids: KeptGuid[];
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

/** The file's variables, and which of them carries Thicket's document kind. */
interface FileVariables {
  names: ReadonlyMap<string, string>;
  kindGuid: string | null;
  /** Documents whose kind a source's own value set (a case's value does not override it). */
  kindSet: Set<PlannedDocument>;
}

function applyValues(doc: PlannedDocument, values: readonly RefiValue[], vars: FileVariables, skipped: SkippedList, overwrite: boolean) {
  const variables = vars.names;
  for (const { variableGuid, value } of values) {
    const kind = variableGuid === vars.kindGuid ? kindFromValue(value) : null;
    if (kind) {
      if (overwrite || !vars.kindSet.has(doc)) doc.kind = kind;
      vars.kindSet.add(doc);
      continue;
    }
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

function applyCases(project: RefiProject, docs: ReadonlyMap<string, PlannedDocument>, variables: FileVariables, skipped: SkippedList) {
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
  const notes = new Map<string, RefiNote>();
  for (const n of project.notes) if (!notes.has(n.guid)) notes.set(n.guid, n);
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
  return { text, reportUnused, note: (guid: string) => notes.get(guid) };
}

function reportUsers(project: RefiProject, plan: { documents: readonly PlannedDocument[]; memos: readonly PlannedMemo[] }, matched: ReadonlyMap<string, string>, skipped: SkippedList, importer: string) {
  const codingsBy = new Map<string, number>();
  for (const doc of plan.documents) for (const c of doc.codings) if (c.refiUser && !c.authorId) codingsBy.set(c.refiUser, (codingsBy.get(c.refiUser) ?? 0) + 1);
  const memosBy = new Map<string, number>();
  for (const m of plan.memos) if (m.authorName !== null) memosBy.set(m.authorName, (memosBy.get(m.authorName) ?? 0) + 1);
  const names = new Map(project.users.map((u) => [u.guid, u.name]));
  for (const [guid, name] of names) {
    if (matched.has(guid)) continue;
    const n = codingsBy.get(guid) ?? 0;
    const m = memosBy.get(userName(name, guid)) ?? 0;
    const memos = m ? ` ${plural(m, "memo")} keep${m === 1 ? "s" : ""} their name.` : "";
    skipped.add(
      named("User", name || guid),
      n
        ? `People in a file cannot be made members of a project, so their ${plural(n, "coding")} are attributed to ${importer}.${memos}`
        : `People in a file cannot be made members of a project; nothing in it is coded by them.${memos}`,
    );
  }
  const unknown = [...codingsBy].filter(([guid]) => !names.has(guid)).reduce((sum, [, n]) => sum + n, 0);
  if (unknown) skipped.add(`The authors of ${plural(unknown, "coding")}`, `They name users the file does not list; the codings are attributed to ${importer}.`);
}

/** The name a memo keeps for a file's user who matched no member. */
const userName = (name: string, guid: string) => name.replace(/\s+/g, " ").trim().slice(0, 200) || `User ${guid}`;

const validDate = (value: string | undefined): Date | null => {
  const d = value ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/** Who wrote a note, as a memo records it: a member, a name from the file, or the importer. */
function memoAuthor(note: RefiNote | undefined, ctx: PlanContext): Pick<PlannedMemo, "authorId" | "authorName" | "authorOrigin"> {
  const guid = note?.creatingUser;
  const member = guid ? ctx.members.get(guid) : undefined;
  if (member) return { authorId: member, authorName: null, authorOrigin: null };
  const user = guid ? ctx.users.get(guid) : undefined;
  if (user !== undefined) return { authorId: null, authorName: userName(user, guid!), authorOrigin: ctx.origin };
  return { authorId: ctx.importerId, authorName: null, authorOrigin: null };
}

interface PlanContext {
  members: ReadonlyMap<string, string>;
  users: ReadonlyMap<string, string>;
  origin: string | null;
  importerId: string;
  now: Date;
}

function plannedMemo(targetType: MemoTarget, targetId: string, body: string, note: RefiNote, ctx: PlanContext): PlannedMemo {
  const createdAt = validDate(note.createdAt) ?? ctx.now;
  const modified = validDate(note.modifiedAt);
  return {
    id: newId(),
    targetType,
    targetId,
    body,
    ...memoAuthor(note, ctx),
    createdAt,
    updatedAt: modified && modified > createdAt ? modified : createdAt,
    noteGuid: note.guid,
  };
}

/** The file's GUIDs of everything imported, each kept by the first object that has it. */
function keptGuids(plan: Pick<ImportPlan, "codes" | "documents" | "memos">, project: RefiProject, ctx: PlanContext): KeptGuid[] {
  const keeper = new GuidKeeper();
  for (const code of plan.codes) keeper.keep("code", code.id, code.guid);
  for (const doc of plan.documents) keeper.keep("source", doc.id, doc.refiGuid);
  for (const memo of plan.memos) keeper.keep("note", memo.id, memo.noteGuid);
  for (const doc of plan.documents) {
    const bySelection = groupIds(doc.codings, (c) => c.selectionGuid);
    for (const [guid, ids] of bySelection) keeper.keep("selection", ids, guid);
    for (const c of doc.codings) keeper.keep("coding", c.id, c.codingGuid);
    // A note on a selection with several codes is every one of their memos: kept by them all.
    for (const [guid, ids] of groupIds(doc.codings, (c) => (c.noteGuid ? `${c.selectionGuid}\u0000${c.noteGuid}` : ""))) {
      keeper.keep("coding_note", ids, guid.slice(guid.indexOf("\u0000") + 1));
    }
  }
  for (const user of project.users) {
    const member = ctx.members.get(user.guid);
    if (member) keeper.keep("user", member, user.guid);
    else keeper.keep("file_user", userName(user.name, user.guid), user.guid);
  }
  return keeper.rows;
}

function groupIds<T extends { id: string }>(items: readonly T[], key: (item: T) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = out.get(k);
    if (list) list.push(item.id);
    else out.set(k, [item.id]);
  }
  return out;
}

export interface PlanOptions {
  palette: readonly string[];
  /** Who imports, and how the report names them ("you"). */
  importer: { id: string; label: string };
  /** The members a file's users may be (the new project's: the importer). */
  members: readonly ProjectMember[];
}

export async function planImport(project: RefiProject, archive: QdpxArchive, options: PlanOptions): Promise<ImportPlan> {
  const skipped = new SkippedList();
  const now = new Date();
  const members = matchUsers(project.users, options.members);
  const planCtx: PlanContext = {
    members,
    users: new Map(project.users.map((u) => [u.guid, u.name])),
    origin: toolName(project.origin),
    importerId: options.importer.id,
    now,
  };
  const { codes, byGuid } = planCodebook(project.codes, options.palette, skipped);
  const notes = noteLookup(project, skipped);
  const memos: PlannedMemo[] = [];
  const memoOn = (targetType: MemoTarget, targetId: string, ref: string) => {
    const body = notes.text(ref);
    if (body) memos.push(plannedMemo(targetType, targetId, body, notes.note(ref)!, planCtx));
  };
  for (const code of codes) for (const ref of code.noteRefs) memoOn("code", code.id, ref);

  const variables: FileVariables = {
    names: new Map(project.variables.map((v) => [v.guid, v.name])),
    kindGuid: kindVariableGuid(project.variables),
    kindSet: new Set(),
  };
  const folders = new Map(codes.filter((c) => !c.codable).map((c) => [c.id, c.name]));
  const ctx = { archive, codeIds: byGuid, folders, members, noteText: notes.text, skipped, now };
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
    for (const ref of doc.noteRefs) memoOn("document", doc.id, ref);
    documents.push(doc);
  }
  applyCases(project, new Map(documents.map((d) => [d.refiGuid, d])), variables, skipped);

  for (const other of project.otherSources) {
    skipped.add(named(OTHER_SOURCE_KINDS[other.kind] ?? "Source", other.name), "Thicket holds text documents only; this source and its selections were not imported.");
  }
  for (const { what, count } of project.unsupported) skipped.add(plural(count, what), `Thicket has no ${what}s.`);
  notes.reportUnused();
  reportUsers(project, { documents, memos }, members, skipped, options.importer.label);
  const guids = keptGuids({ codes, documents, memos }, project, planCtx);
  return { codes, documents, memos, guids, skipped, warnings };
}
