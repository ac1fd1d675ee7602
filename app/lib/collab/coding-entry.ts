import { fromBase64 } from "lib0/buffer";
import * as Y from "yjs";
import { z } from "zod";

/**
 * The longest memo an entry may carry. The API and the editor keep new memos to 5,000
 * characters; this is looser because memos imported from other tools come as they are.
 */
export const MAX_ENTRY_MEMO_CHARS = 100_000;

const id = z.string().min(1).max(100);
const EARLIEST = Date.UTC(1000, 0, 1);

/** An anchor is base64 of Y.encodeRelativePosition; one that does not decode is no anchor. */
const anchor = z
  .string()
  .min(1)
  .max(1000)
  .refine((b64) => {
    try {
      Y.decodeRelativePosition(fromBase64(b64));
      return true;
    } catch {
      return false;
    }
  }, "not an encoded relative position");

/**
 * What a coding in a document's `codings` map must look like, whoever wrote it: the API,
 * an import, the browser editor or any other websocket client. The server checks every entry
 * a peer writes against it (server/collab/coding-guard.ts) and the projection sets aside
 * whatever does not pass (entries stored before this check existed).
 */
export const codingEntrySchema = z.object({
  codeId: id,
  start: anchor,
  end: anchor,
  authorId: id,
  /**
   * As Date#toISOString writes it, so it always converts back to a valid date, and no earlier
   * than year 1000 (the database refuses year 0, and no coding is that old).
   */
  createdAt: z.iso.datetime().refine((v) => Date.parse(v) >= EARLIEST, "a date before year 1000"),
  memo: z.string().max(MAX_ENTRY_MEMO_CHARS).default(""),
});

export type CodingEntry = z.output<typeof codingEntrySchema>;

/** A coding id (the map's key) is an id like any other. */
export const isCodingId = (key: string) => key.length > 0 && key.length <= 100;

export function parseCodingEntry(value: unknown): CodingEntry | null {
  const parsed = codingEntrySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
