/**
 * Request bodies of the segment and link routes (browser-safe: the builder's forms use them).
 * The filter is taken as it comes and checked by parseFilter and the compiler, whose problems
 * are 422s that name the column, not the 400 a malformed body gets.
 */
import { z } from "zod";

const name = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(120, "Name must be at most 120 characters.");
const id = (what: string) => z.string({ error: `${what} is required.` }).min(1, `${what} is required.`).max(100);
const filter = z.unknown().refine((v) => v !== undefined, "A filter is required.");

export const MAX_LINK_NOTE = 500;
const note = z.string({ error: "The note must be text." }).trim().max(MAX_LINK_NOTE, `A note is at most ${MAX_LINK_NOTE} characters.`);

export const createSegmentSchema = z.object({ datasetId: id("datasetId"), name, filter });
export const updateSegmentSchema = z.object({ name: name.optional(), filter: z.unknown().optional() });
export const previewSegmentSchema = z.object({ datasetId: id("datasetId"), filter });
export const createLinkSchema = z.object({ codeId: id("codeId"), note: note.default("") });
export const updateLinkSchema = z.object({ note });

const queryId = (what: string) => z.string({ error: `?${what}= is required.` }).min(1, `?${what}= is required.`).max(100);

/** `?codeId&segmentId`: one matrix cell. */
export const cellQuerySchema = z.object({ codeId: queryId("codeId"), segmentId: queryId("segmentId") });

export const MAX_EXCERPT_PAGE = 200;
export const excerptQuerySchema = cellQuerySchema.extend({
  offset: z.coerce.number().int().min(0, "offset must be 0 or more.").default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EXCERPT_PAGE, `limit is at most ${MAX_EXCERPT_PAGE}.`).default(50),
});
