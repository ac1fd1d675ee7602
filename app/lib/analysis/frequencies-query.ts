/**
 * The query string of the frequencies route (browser-safe: the page builds its download links
 * with the same words). `by=document` or `by=attribute:<name>`.
 */
import { z } from "zod";
import { documentIdsParam } from "./cooccurrence-query";

export const NO_VALUE_LABEL = "(no value)";

export type FrequencyGrouping = { kind: "document" } | { kind: "attribute"; name: string };

const by = z
  .string()
  .max(210)
  .transform((s, ctx): FrequencyGrouping => {
    if (s === "document") return { kind: "document" };
    const name = s.startsWith("attribute:") ? s.slice("attribute:".length).trim() : "";
    if (name) return { kind: "attribute", name };
    ctx.addIssue({ code: "custom", message: "must be document or attribute:<name>." });
    return z.NEVER;
  });

export const frequenciesQuerySchema = z.object({
  by: by.default({ kind: "document" }),
  documents: documentIdsParam.optional(),
});
export type FrequenciesQuery = z.infer<typeof frequenciesQuerySchema>;

/** `?by=` as the route reads it. */
export const byParam = (grouping: FrequencyGrouping) =>
  grouping.kind === "document" ? "document" : `attribute:${grouping.name}`;
