import { z } from "zod";
import { submissionStatuses } from "../../../db/kinds";
import { MAX_TAG_CHARS } from "./review-input";

/** The inbox's filters from a query string; a value that makes no sense is ignored, not an error. */
export const inboxFilterSchema = z.object({
  status: z.enum(submissionStatuses).optional().catch(undefined),
  formId: z.string().trim().min(1).max(100).optional().catch(undefined),
  tag: z.string().trim().min(1).max(MAX_TAG_CHARS).optional().catch(undefined),
});
export type InboxFilterInput = z.infer<typeof inboxFilterSchema>;

export function parseInboxFilter(search: URLSearchParams): InboxFilterInput {
  return inboxFilterSchema.parse({
    status: search.get("status") || undefined,
    formId: search.get("form") || search.get("formId") || undefined,
    tag: search.get("tag") || undefined,
  });
}
