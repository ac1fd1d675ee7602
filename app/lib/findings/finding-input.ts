/** What the findings API and pages accept. Shared with the browser for the same limits. */
import { z } from "zod";
import { findingStatuses } from "../../../db/finding-kinds";

export const TITLE_MAX = 200;
export const CLAIM_MAX = 20_000;
export const NOTE_MAX = 2_000;
export const COMMENT_MAX = 5_000;
/** Enough for a committee paper; more evidence than this stops being read. */
export const EVIDENCE_MAX = 200;

const title = z.string().trim().min(1, "Give the finding a title.").max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters.`);
const claim = z.string().max(CLAIM_MAX, `Keep the claim under ${CLAIM_MAX.toLocaleString("en")} characters.`);
const note = z.string().trim().max(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`);
const id = z.string().min(1).max(100);

export const createFindingSchema = z.strictObject({ title, claim: claim.optional() });
export const updateFindingSchema = z
  .strictObject({ title: title.optional(), claim: claim.optional() })
  .refine((v) => v.title !== undefined || v.claim !== undefined, { message: "Send a title or a claim to change." });

export const addEvidenceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("segment"), segmentId: id, note: note.optional() }),
  z.strictObject({ kind: z.literal("code"), codeId: id, note: note.optional() }),
  z.strictObject({ kind: z.literal("excerpt"), codingId: id, note: note.optional() }),
]);
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;

export const transitionSchema = z.strictObject({
  to: z.enum(findingStatuses),
  note: z.string().trim().max(NOTE_MAX).optional(),
  /** Only with `to: "in_review"`: who is asked. Default: every reviewer of the project. */
  reviewerIds: z.array(id).max(50).optional(),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

export const commentSchema = z.strictObject({
  body: z.string().trim().min(1, "Write something first.").max(COMMENT_MAX, `Keep a comment under ${COMMENT_MAX.toLocaleString("en")} characters.`),
  evidenceId: id.optional(),
  parentId: id.optional(),
});
export type CommentInput = z.infer<typeof commentSchema>;

export const findingStatusFilter = z.enum(findingStatuses).optional();
export type CreateFindingInput = z.infer<typeof createFindingSchema>;
export type UpdateFindingInput = z.infer<typeof updateFindingSchema>;
