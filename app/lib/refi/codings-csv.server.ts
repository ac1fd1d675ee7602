/**
 * Every live coding of a project as CSV, one row per coding, for a spreadsheet or a script:
 * document, code, code path, start, end, quote, author, created at, memo, then the ids.
 * Offsets are the API's (0-based UTF-16 code units, end exclusive), as in the .qdpx.
 * Streamed a batch of documents at a time.
 */
import { stringify } from "csv-stringify/sync";
import { safeCell } from "../analysis/cell-safety";
import type { AppServices } from "../services.server";
import { codePaths } from "./codebook-xml";
import { readableFrom } from "./stream";
import { documentCodings, DOCUMENT_BATCH, exportAuthors, exportCodes, exportDocuments, exportProject, type ExportProject } from "./export-data.server";

export const codingsCsvHeader = ["document", "code", "code_path", "start", "end", "quote", "author", "created_at", "memo", "document_id", "code_id", "coding_id"];

/**
 * A cell a spreadsheet would run as a formula gets a leading apostrophe, by the same rule as
 * the analysis exports: quotes can come from the public through a contribution form.
 */
const spreadsheetSafe = (value: string): string => String(safeCell(value));

async function* csvChunks(services: AppServices, projectId: string): AsyncGenerator<string> {
  const [documents, codes, authors] = await Promise.all([
    exportDocuments(services, projectId),
    exportCodes(services, projectId),
    exportAuthors(services, projectId),
  ]);
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  const codeNames = new Map(codes.map((c) => [c.id, c.name]));
  const paths = codePaths(codes);
  const names = new Map(authors.map((a) => [a.id, a.name]));
  yield stringify([codingsCsvHeader]);
  for (let i = 0; i < documents.length; i += DOCUMENT_BATCH) {
    const codings = await documentCodings(services, documents.slice(i, i + DOCUMENT_BATCH).map((d) => d.id));
    if (!codings.length) continue;
    const rows = codings.map((c) => [
      ...[titles.get(c.documentId) ?? "", codeNames.get(c.codeId) ?? "", paths.get(c.codeId) ?? ""].map(spreadsheetSafe),
      String(c.start),
      String(c.end),
      spreadsheetSafe(c.quote),
      spreadsheetSafe(c.authorId ? (names.get(c.authorId) ?? "") : ""),
      c.createdAt.toISOString(),
      spreadsheetSafe(c.memo),
      c.documentId,
      c.codeId,
      c.id,
    ]);
    yield stringify(rows);
  }
}

/** The project (for the file name) and its codings' CSV as a UTF-8 byte stream. */
export async function exportCodingsCsv(services: AppServices, projectId: string): Promise<{ project: ExportProject; body: ReadableStream<Uint8Array> }> {
  await services.collab.flush();
  const project = await exportProject(services, projectId);
  const encoder = new TextEncoder();
  return { project, body: readableFrom(csvChunks(services, projectId), (chunk) => encoder.encode(chunk)) };
}
