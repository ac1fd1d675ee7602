/**
 * project.qde, the REFI-QDA Project file (urn:QDA-XML:project:1.0, validated in the tests
 * against fixtures/refi/Project.xsd), written as a stream of chunks: the header parts at once,
 * then one TextSource per document, a batch of documents' codings read at a time.
 *
 * Mapping: members who wrote anything, and the file users imported memos are kept under →
 * Users; the codebook → CodeBook (hierarchy, colour, description, folders as isCodable="false");
 * attributes → Variables and VariableValues, case keys → Cases (variables.ts), the document's
 * kind → a Text variable (document-kind.ts); documents → TextSources whose text is
 * `Sources/<guid>.txt` (plainTextPath internal://…); each coding → a PlainTextSelection (UTF-16
 * positions, as NVivo reads them: ADR 0140) holding its Coding with its author and time, where
 * codings imported from one selection, still on one range, are that one selection again; memos
 * on documents and codes, and a coding's memo → Notes with their authors and dates, pointed at by
 * a NoteRef on the source, the code, the Coding (or the selection, for one note all its codings
 * share). GUIDs are those an import kept, else derived from ids (kept-guids.ts, guid.ts).
 */
import type { AppServices } from "../services.server";
import { codeElements } from "./codebook-xml";
import { KIND_VARIABLE_GUID, KIND_VARIABLE_NAME, kindValue } from "./document-kind";
import { documentCodings, DOCUMENT_BATCH, type ExportCoding, type ExportDocument, type ExportMemo, type ExportProject, type ExportUser } from "./export-data.server";
import { codingGuid, codingNoteGuid, selectionGroups, type CodingGuids, type ExportGuids, type SelectionGroup } from "./kept-guids";
import { codingKeptGuids } from "./kept-guids.server";
import { casesElement, projectVariables, variablesElement, variableValues } from "./variables";
import { attributes, element, xmlDateTime, xmlText } from "./xml";

export interface QdeInput {
  project: ExportProject;
  codes: Parameters<typeof codeElements>[0];
  documents: ExportDocument[];
  memos: ExportMemo[];
  authors: ExportUser[];
  guids: ExportGuids;
  exportedAt: Date;
}

/** A document's text file in the archive, named after its source's GUID. */
export const sourceFileName = (guids: ExportGuids, documentId: string) => `${guids.source(documentId)}.txt`;

/** A selection's name: the start of its quote, cut where it does not split a character. */
function shortQuote(quote: string): string {
  if (quote.length <= 100) return quote;
  const cut = quote.slice(0, 100);
  return /[\uD800-\uDBFF]$/.test(cut) ? `${cut.slice(0, -1)}…` : `${cut}…`;
}

/** A coding's author and time, on its selection and its Coding. */
const stamp = (coding: ExportCoding, guids: ExportGuids) => ({
  creatingUser: coding.authorId ? guids.user(coding.authorId) : undefined,
  creationDateTime: xmlDateTime(coding.createdAt),
});

/** One PlainTextSelection: a coding, or the codings imported from one selection, each a Coding. */
function selectionElement(group: SelectionGroup<ExportCoding>, guids: ExportGuids, kept: ReadonlyMap<string, CodingGuids>): string {
  const [first] = group.codings as [ExportCoding];
  let inner = "";
  for (const coding of group.codings) {
    const note = coding.memo && !group.sharedNote ? element("NoteRef", { targetGUID: codingNoteGuid(coding.id, kept) }) : "";
    inner += element("Coding", { guid: codingGuid(coding.id, kept), ...stamp(coding, guids) }, element("CodeRef", { targetGUID: guids.code(coding.codeId) }) + note);
  }
  if (group.sharedNote) inner += element("NoteRef", { targetGUID: group.sharedNote });
  return element(
    "PlainTextSelection",
    { guid: group.guid, name: shortQuote(first.quote), startPosition: first.start, endPosition: first.end, ...stamp(first, guids) },
    inner,
  );
}

/** A batch of documents' codings, as the selections each document is written with. */
async function batchSelections(services: AppServices, projectId: string, documentIds: readonly string[]) {
  const codings = await documentCodings(services, documentIds);
  const kept = await codingKeptGuids(services.db, projectId, codings.map((c) => c.id));
  const byDocument = new Map([...groupBy(codings, (c) => c.documentId)].map(([id, list]) => [id, selectionGroups(list, kept)]));
  return { byDocument, kept };
}

function noteElement(guid: string, name: string, body: string, creatingUser: string | undefined, createdAt: Date, updatedAt: Date): string {
  const attrs = { guid, name, creatingUser, creationDateTime: xmlDateTime(createdAt), modifiedDateTime: xmlDateTime(updatedAt) };
  return element("Note", attrs, `<PlainTextContent>${xmlText(body)}</PlainTextContent>`);
}

/** Who wrote a memo, as a User of the file: a member, or the file user an imported one is kept under. */
function memoWriter(memo: ExportMemo, guids: ExportGuids): string | undefined {
  if (memo.authorId) return guids.user(memo.authorId);
  return memo.authorName ? guids.fileUser(memo.authorName) : undefined;
}

function notesByTarget(memos: readonly ExportMemo[], type: ExportMemo["targetType"], guids: ExportGuids): Map<string, string[]> {
  const grouped = groupBy(memos.filter((m) => m.targetType === type), (m) => m.targetId);
  return new Map([...grouped].map(([id, list]) => [id, list.map((m) => guids.memoNote(m.id))]));
}

/** `<Users>`: the members who wrote something, then the file users imported memos keep. */
function usersElement(authors: readonly ExportUser[], memos: readonly ExportMemo[], guids: ExportGuids): string {
  const fileUsers = [...new Set(memos.filter((m) => !m.authorId && m.authorName).map((m) => m.authorName!))].sort();
  const users = [
    ...authors.map((u) => element("User", { guid: guids.user(u.id), name: u.name })),
    ...fileUsers.map((name) => element("User", { guid: guids.fileUser(name), name })),
  ];
  return users.length ? `<Users>${users.join("")}</Users>` : "";
}

/** The kind variable's value on a source. */
const kindElement = (doc: ExportDocument) =>
  `<VariableValue>${element("VariableRef", { targetGUID: KIND_VARIABLE_GUID })}<TextValue>${xmlText(kindValue(doc.kind))}</TextValue></VariableValue>`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** project.qde, chunk by chunk (each a few kilobytes: the header parts, then one source each). */
export async function* projectQde(services: AppServices, input: QdeInput): AsyncGenerator<string> {
  const { project, codes, documents, memos, authors, guids } = input;
  const variables = projectVariables(project.id, documents);
  const projectAttrs = {
    name: project.name,
    origin: "Thicket",
    creationDateTime: xmlDateTime(project.createdAt),
    modifiedDateTime: xmlDateTime(input.exportedAt),
  };
  let head = `<?xml version="1.0" encoding="utf-8"?>\n`;
  head += `<Project xmlns="urn:QDA-XML:project:1.0"${attributes(projectAttrs)}>`;
  head += usersElement(authors, memos, guids);
  if (codes.length) head += `<CodeBook><Codes>${codeElements(codes, guids.code, notesByTarget(memos, "code", guids))}</Codes></CodeBook>`;
  // The document kind is one more variable, first; each source has a value for it.
  const kindVariable = documents.length ? element("Variable", { guid: KIND_VARIABLE_GUID, name: KIND_VARIABLE_NAME, typeOfVariable: "Text" }) : "";
  head += variablesElement(variables, kindVariable);
  head += casesElement(project.id, variables, documents, guids.source);
  yield head;

  const documentNotes = notesByTarget(memos, "document", guids);
  let codingMemos = 0;
  if (documents.length) {
    yield "<Sources>";
    for (const batch of batches(documents, DOCUMENT_BATCH)) {
      const { byDocument, kept } = await batchSelections(services, project.id, batch.map((d) => d.id));
      for (const doc of batch) {
        let inner = "";
        for (const group of byDocument.get(doc.id) ?? []) {
          codingMemos += group.codings.filter((c) => c.memo).length;
          inner += selectionElement(group, guids, kept);
        }
        for (const guid of documentNotes.get(doc.id) ?? []) inner += element("NoteRef", { targetGUID: guid });
        inner += kindElement(doc) + variableValues(variables, doc.attributes);
        const attrs = {
          guid: guids.source(doc.id),
          name: doc.title,
          plainTextPath: `internal://${sourceFileName(guids, doc.id)}`,
          creatingUser: doc.createdBy ? guids.user(doc.createdBy) : undefined,
          creationDateTime: xmlDateTime(doc.createdAt),
          modifiedDateTime: xmlDateTime(doc.updatedAt),
        };
        yield element("TextSource", attrs, inner);
      }
    }
    yield "</Sources>";
  }

  if (memos.length || codingMemos) yield* notes(services, input, codingMemos > 0);
  if (project.description) yield `<Description>${xmlText(project.description)}</Description>`;
  yield "</Project>\n";
}

/**
 * `<Notes>`: memos on documents and codes, then the codings' memos (read again, by batch, and
 * grouped as the selections were, so a note all of a selection's codings share is written once).
 */
async function* notes(services: AppServices, { project, documents, memos, codes, guids }: QdeInput, withCodingMemos: boolean): AsyncGenerator<string> {
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  const codeNames = new Map(codes.map((c) => [c.id, c.name]));
  let out = "<Notes>";
  for (const memo of memos) {
    const about = memo.targetType === "document" ? `“${titles.get(memo.targetId) ?? ""}”` : `code “${codeNames.get(memo.targetId) ?? ""}”`;
    const modified = memo.createdAt > memo.updatedAt ? memo.createdAt : memo.updatedAt;
    out += noteElement(guids.memoNote(memo.id), `Memo on ${about}`, memo.body, memoWriter(memo, guids), memo.createdAt, modified);
  }
  yield out;
  if (withCodingMemos) {
    const noteOf = (c: ExportCoding, guid: string, name: string) =>
      noteElement(guid, name, c.memo, c.authorId ? guids.user(c.authorId) : undefined, c.createdAt, c.createdAt);
    for (const batch of batches(documents, DOCUMENT_BATCH)) {
      const { byDocument, kept } = await batchSelections(services, project.id, batch.map((d) => d.id));
      let chunk = "";
      for (const group of [...byDocument.values()].flat()) {
        const [first] = group.codings as [ExportCoding];
        const where = `in “${titles.get(first.documentId) ?? ""}”`;
        if (group.sharedNote) {
          chunk += noteOf(first, group.sharedNote, `Memo on a passage ${where}`);
          continue;
        }
        for (const c of group.codings) {
          if (c.memo) chunk += noteOf(c, codingNoteGuid(c.id, kept), `Memo on a coding of “${codeNames.get(c.codeId) ?? ""}” ${where}`);
        }
      }
      if (chunk) yield chunk;
    }
  }
  yield "</Notes>";
}
