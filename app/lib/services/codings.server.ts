import { eq } from "drizzle-orm";
import { addCoding, codingsOf, resolveEntry, textOf } from "../collab/doc-model";
import { newId } from "../../../db/ids";
import { codings } from "../../../db/schema";
import { HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { applicableCode } from "./codes.server";

/** A 422 for an empty range or one outside a text of `length` (codings, redactions). */
export function assertRangeInText(start: number, end: number, length: number): void {
  if (start >= 0 && end <= length && start < end) return;
  throw new HttpError(
    422,
    "invalid_range",
    start >= end
      ? "The range is empty: end must be greater than start."
      : `The range ${start}–${end} is outside the text (0–${length}).`,
  );
}

/**
 * Codes a range of a live document; answers 422 for an empty range or one outside the text, a
 * code of another project, or a folder.
 * `room` is the live doc written: the document, or the author's round layer of it.
 */
export async function createCoding(
  services: AppServices,
  documentId: string,
  authorId: string,
  input: { codeId: string; start: number; end: number; memo?: string },
  room = documentId,
) {
  await applicableCode(services, input.codeId, { documentId });
  const id = newId();
  return services.collab.change(room, (doc) => {
    assertRangeInText(input.start, input.end, textOf(doc).length);
    const entry = addCoding(doc, id, { ...input, authorId });
    const resolved = resolveEntry(doc, id, entry);
    return { id, codeId: input.codeId, start: resolved.start, end: resolved.end, quote: resolved.quote };
  });
}

/** Which document a coding lives in, from the projection once it has caught up. */
export async function findCodingDocument(services: AppServices, codingId: string) {
  await services.collab.flush();
  const [row] = await services.db
    .select({ documentId: codings.documentId })
    .from(codings)
    .where(eq(codings.id, codingId));
  if (!row) throw notFound("Coding not found.");
  return row.documentId;
}

/** `room`: the document, or a round layer of it (coder-room.server.ts). */
export async function deleteCoding(services: AppServices, room: string, codingId: string) {
  await services.collab.change(room, (doc) => codingsOf(doc).delete(codingId));
}

export async function setCodingMemo(services: AppServices, room: string, codingId: string, memo: string) {
  return services.collab.change(room, (doc) => {
    const map = codingsOf(doc);
    const entry = map.get(codingId);
    if (!entry) throw notFound("Coding not found.");
    map.set(codingId, { ...entry, memo });
    return { id: codingId, memo };
  });
}
