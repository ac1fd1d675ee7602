/**
 * The query strings of the co-occurrence routes (browser-safe: a matrix view can build the same
 * links). Errors name the parameter, as every 400 of the API does.
 */
import { z } from "zod";

export const cooccurrenceModes = ["overlap", "proximity"] as const;
export type CooccurrenceMode = (typeof cooccurrenceModes)[number];

export const MAX_WITHIN = 10_000;
export const MAX_COOCCURRENCE_DOCUMENTS = 1000;
export const MAX_PASSAGE_PAGE = 200;

export const documentIdsParam = z
  .string()
  .transform((s) => s.split(",").map((id) => id.trim()).filter(Boolean))
  .refine((ids) => ids.length > 0, "list at least one document id, or leave ?documents= out.")
  .refine((ids) => ids.length <= MAX_COOCCURRENCE_DOCUMENTS, `at most ${MAX_COOCCURRENCE_DOCUMENTS} ids.`);

/** `?mode=overlap|proximity[&within=N][&documents=ID,…]`: what makes two codings co-occur. */
export const cooccurrenceQuerySchema = z.object({
  mode: z.enum(cooccurrenceModes, { error: `must be one of ${cooccurrenceModes.join(", ")}.` }).default("overlap"),
  within: z.coerce
    .number({ error: "must be a whole number of characters." })
    .int("must be a whole number of characters.")
    .min(0, "must be 0 or more.")
    .max(MAX_WITHIN, `at most ${MAX_WITHIN} characters.`)
    .default(0),
  documents: documentIdsParam.optional(),
});
export type CooccurrenceQuery = z.infer<typeof cooccurrenceQuerySchema>;

const codeId = (name: string) =>
  z.string({ error: `?${name}= is required, a code id.` }).min(1, `?${name}= is required, a code id.`).max(100);

/** One cell (`?a&b`, two different codes) and a page of the pairs behind it. */
export const cooccurrencePassagesQuerySchema = cooccurrenceQuerySchema
  .extend({
    a: codeId("a"),
    b: codeId("b"),
    offset: z.coerce.number({ error: "must be a number." }).int("must be a whole number.").min(0, "must be 0 or more.").default(0),
    limit: z.coerce
      .number({ error: "must be a number." })
      .int("must be a whole number.")
      .min(1, "must be at least 1.")
      .max(MAX_PASSAGE_PAGE, `at most ${MAX_PASSAGE_PAGE}.`)
      .default(50),
  })
  .refine((q) => q.a !== q.b, { path: ["b"], message: "must be a different code from a." });
export type CooccurrencePassagesQuery = z.infer<typeof cooccurrencePassagesQuerySchema>;
