/**
 * project.qde, the REFI-QDA Project file (urn:QDA-XML:project:1.0, validated in the tests
 * against fixtures/refi/Project.xsd), written as a stream of chunks: the header parts at once,
 * then one TextSource per document, a batch of documents' codings read at a time.
 *
 * Mapping: members who wrote anything → Users; the codebook → CodeBook (hierarchy, colour,
 * description); attributes → Variables and VariableValues, case keys → Cases (variables.ts);
 * documents → TextSources whose text is `Sources/<guid>.txt` (plainTextPath internal://…);
 * each coding → one PlainTextSelection (UTF-16 positions, as NVivo reads them: ADR 0140) holding one Coding
 * with its author and time; memos on documents and codes, and a coding's memo → Notes, pointed
 * at by a NoteRef on the source, the code or the Coding. Every GUID comes from guid.ts.
 */
import type { AppServices } from "../services.server";
import { codeElements } from "./codebook-xml";
import { documentCodings, DOCUMENT_BATCH, type ExportCoding, type ExportDocument, type ExportMemo, type ExportProject, type ExportUser } from "./export-data.server";
import { refiGuid } from "./guid";
import { casesElement, projectVariables, variablesElement, variableValues } from "./variables";
import { attributes, element, xmlDateTime, xmlText } from "./xml";

export interface QdeInput {
  project: ExportProject;
  codes: Parameters<typeof codeElements>[0];
  documents: ExportDocument[];
  memos: ExportMemo[];
  authors: ExportUser[];
  exportedAt: Date;
}

export const sourceGuid = (documentId: string) => refiGuid("source", documentId);
export const sourceFileName = (documentId: string) => `${sourceGuid(documentId)}.txt`;

/** GUIDs of codes and people, looked up for every coding: hashed once each per export. */
function memoised(kind: "code" | "user"): (id: string) => string {
  const known = new Map<string, string>();
  return (id) => {
    let guid = known.get(id);
    if (!guid) known.set(id, (guid = refiGuid(kind, id)));
    return guid;
  };
}
interface ExportGuids {
  code: (id: string) => string;
  user: (id: string | null) => string | undefined;
}
function exportGuids(): ExportGuids {
  const code = memoised("code");
  const user = memoised("user");
  return { code, user: (id) => (id ? user(id) : undefined) };
}
const userGuid = (id: string | null) => (id ? refiGuid("user", id) : undefined);
const codingNoteGuid = (codingId: string) => refiGuid("note", `coding:${codingId}`);

/** A selection's name: the start of its quote, cut where it does not split a character. */
function shortQuote(quote: string): string {
  if (quote.length <= 100) return quote;
  const cut = quote.slice(0, 100);
  return /[\uD800-\uDBFF]$/.test(cut) ? `${cut.slice(0, -1)}…` : `${cut}…`;
}

function selectionElement(coding: ExportCoding, guids: ExportGuids): string {
  const who = { creatingUser: guids.user(coding.authorId), creationDateTime: xmlDateTime(coding.createdAt) };
  const codingInner =
    element("CodeRef", { targetGUID: guids.code(coding.codeId) }) +
    (coding.memo ? element("NoteRef", { targetGUID: codingNoteGuid(coding.id) }) : "");
  return element(
    "PlainTextSelection",
    { guid: refiGuid("selection", coding.id), name: shortQuote(coding.quote), startPosition: coding.start, endPosition: coding.end, ...who },
    element("Coding", { guid: refiGuid("coding", coding.id), ...who }, codingInner),
  );
}

function noteElement(guid: string, name: string, body: string, authorId: string | null, createdAt: Date, updatedAt: Date): string {
  const attrs = { guid, name, creatingUser: userGuid(authorId), creationDateTime: xmlDateTime(createdAt), modifiedDateTime: xmlDateTime(updatedAt) };
  return element("Note", attrs, `<PlainTextContent>${xmlText(body)}</PlainTextContent>`);
}

const memoGuid = (memo: ExportMemo) => refiGuid("note", memo.id);

function notesByTarget(memos: readonly ExportMemo[], type: ExportMemo["targetType"]): Map<string, string[]> {
  const grouped = groupBy(memos.filter((m) => m.targetType === type), (m) => m.targetId);
  return new Map([...grouped].map(([id, list]) => [id, list.map(memoGuid)]));
}

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
  const { project, codes, documents, memos, authors } = input;
  const variables = projectVariables(project.id, documents);
  const projectAttrs = {
    name: project.name,
    origin: "Thicket",
    creationDateTime: xmlDateTime(project.createdAt),
    modifiedDateTime: xmlDateTime(input.exportedAt),
  };
  let head = `<?xml version="1.0" encoding="utf-8"?>\n`;
  head += `<Project xmlns="urn:QDA-XML:project:1.0"${attributes(projectAttrs)}>`;
  if (authors.length) head += `<Users>${authors.map((u) => element("User", { guid: refiGuid("user", u.id), name: u.name })).join("")}</Users>`;
  if (codes.length) head += `<CodeBook><Codes>${codeElements(codes, notesByTarget(memos, "code"))}</Codes></CodeBook>`;
  head += variablesElement(variables);
  head += casesElement(project.id, variables, documents, sourceGuid);
  yield head;

  const documentNotes = notesByTarget(memos, "document");
  const guids = exportGuids();
  let codingMemos = 0;
  if (documents.length) {
    yield "<Sources>";
    for (const batch of batches(documents, DOCUMENT_BATCH)) {
      const byDocument = groupBy(await documentCodings(services, batch.map((d) => d.id)), (c) => c.documentId);
      for (const doc of batch) {
        let inner = "";
        for (const coding of byDocument.get(doc.id) ?? []) {
          if (coding.memo) codingMemos++;
          inner += selectionElement(coding, guids);
        }
        for (const guid of documentNotes.get(doc.id) ?? []) inner += element("NoteRef", { targetGUID: guid });
        inner += variableValues(variables, doc.attributes);
        const attrs = {
          guid: sourceGuid(doc.id),
          name: doc.title,
          plainTextPath: `internal://${sourceFileName(doc.id)}`,
          creatingUser: userGuid(doc.createdBy),
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

/** `<Notes>`: memos on documents and codes, then the codings' memos (read again, by batch). */
async function* notes(services: AppServices, { documents, memos, codes }: QdeInput, withCodingMemos: boolean): AsyncGenerator<string> {
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  const codeNames = new Map(codes.map((c) => [c.id, c.name]));
  let out = "<Notes>";
  for (const memo of memos) {
    const about = memo.targetType === "document" ? `“${titles.get(memo.targetId) ?? ""}”` : `code “${codeNames.get(memo.targetId) ?? ""}”`;
    out += noteElement(memoGuid(memo), `Memo on ${about}`, memo.body, memo.authorId, memo.createdAt, memo.createdAt > memo.updatedAt ? memo.createdAt : memo.updatedAt);
  }
  yield out;
  if (withCodingMemos) {
    for (const batch of batches(documents, DOCUMENT_BATCH)) {
      const codings = (await documentCodings(services, batch.map((d) => d.id))).filter((c) => c.memo);
      if (!codings.length) continue;
      yield codings
        .map((c) => {
          const name = `Memo on a coding of “${codeNames.get(c.codeId) ?? ""}” in “${titles.get(c.documentId) ?? ""}”`;
          return noteElement(codingNoteGuid(c.id), name, c.memo, c.authorId, c.createdAt, c.createdAt);
        })
        .join("");
    }
  }
  yield "</Notes>";
}
