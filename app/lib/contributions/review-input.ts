import { z } from "zod";

/**
 * What a researcher may change about a submission in the inbox. Browser-safe, so the inbox
 * shows the same messages the API answers with.
 */
export const MAX_TAGS = 20;
export const MAX_TAG_CHARS = 40;
export const MAX_REJECT_REASON_CHARS = 1000;

/** The decisions a researcher can take; "pending" puts a decided submission back in the inbox. */
export const reviewDecisions = ["pending", "accepted", "rejected"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

const tag = z
  .string({ error: "Each tag must be text." })
  .trim()
  .min(1, "A tag cannot be empty.")
  .max(MAX_TAG_CHARS, `A tag must be at most ${MAX_TAG_CHARS} characters.`);

/** Tags are compared without regard to case: "Billing" and "billing" are one tag. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const t of tags) {
    const trimmed = t.trim().replace(/\s+/g, " ");
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

/** The tags after a change: `remove` and `add` apply to `current` (or to `replace` when given). */
export function nextTags(current: readonly string[], change: { replace?: string[]; add?: string[]; remove?: string[] }): string[] {
  const removed = new Set((change.remove ?? []).map((t) => t.trim().toLowerCase()));
  return normaliseTags([...(change.replace ?? current).filter((t) => !removed.has(t.toLowerCase())), ...(change.add ?? [])]);
}

export const tooManyTagsMessage = `A submission can have at most ${MAX_TAGS} tags.`;
const tagList = z.array(tag, { error: "tags must be a list of texts." });

export const reviewSchema = z
  .object({
    status: z.enum(reviewDecisions, { error: `status must be one of ${reviewDecisions.join(", ")}.` }).optional(),
    reason: z
      .string({ error: "reason must be text." })
      .trim()
      .max(MAX_REJECT_REASON_CHARS, `The reason must be at most ${MAX_REJECT_REASON_CHARS} characters.`)
      .optional(),
    tags: tagList
      .transform(normaliseTags)
      .refine((t) => t.length <= MAX_TAGS, tooManyTagsMessage)
      .optional(),
    /** Applied to the stored tags inside the same locked update, so two people tagging at once both count. */
    addTags: tagList.optional(),
    removeTags: tagList.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "rejected" && !v.reason) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "Say why it is rejected: the contributor sees the reason on their receipt.",
      });
    }
    if (v.status === undefined && v.tags === undefined && v.addTags === undefined && v.removeTags === undefined) {
      ctx.addIssue({ code: "custom", message: "Give a status or tags to change." });
    }
  });
export type ReviewInput = z.infer<typeof reviewSchema>;
