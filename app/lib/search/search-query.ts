import { z } from "zod";
import { MAX_UNDO_CODINGS } from "./limits";

export const MAX_QUERY_CHARS = 500;
export const MAX_SEARCH_LIMIT = 200;

const q = z.string({ error: "q is required." }).trim().max(MAX_QUERY_CHARS, `q is at most ${MAX_QUERY_CHARS} characters.`);

export const searchQuerySchema = z.object({
  q: q.default(""),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(50),
});

export const codeHitsSchema = z.object({ q, codeId: z.string({ error: "codeId is required." }).min(1) });

export const undoCodeHitsSchema = z.object({
  codingIds: z.array(z.string().min(1)).max(MAX_UNDO_CODINGS),
});
