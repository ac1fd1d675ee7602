import { eq } from "drizzle-orm";
import type * as Y from "yjs";
import { z } from "zod";
import { anchorRange, codingsOf, resolveCodings, textOf } from "../collab/doc-model";
import { placeholderOf, redactionLabels } from "../collab/redaction-labels";
import { documents, intakeFormVersions, submissions, type StoredSubmissionValue } from "../../../db/schema";
import { conflict } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { scrubQuotesOf } from "../findings/scrub.server";
import { openLayerRoomsOf } from "../rounds/rounds.server";
import { recordAudit } from "./audit.server";
import { assertRangeInText } from "./codings.server";

export const redactionSchema = z.object({
  start: z.number({ error: "start must be a number." }).int("start must be a whole number."),
  end: z.number({ error: "end must be a number." }).int("end must be a whole number."),
  /** The text the client believes is at [start, end): a 409 if someone has edited it since. */
  expected: z.string().optional(),
  label: z
    .enum(redactionLabels, { error: `label must be one of ${redactionLabels.join(", ")}.` })
    .default("REDACTED"),
});
export type RedactionInput = z.infer<typeof redactionSchema>;

export interface RedactionResult {
  /** Where the placeholder now stands in the live text. */
  start: number;
  end: number;
  placeholder: string;
  /** How many characters were taken out. */
  redactedLength: number;
  /** The text's length afterwards. */
  textLength: number;
  /** Stored answers of the contribution the document came from that were redacted too. */
  answersRedacted: number;
}

/**
 * Replaces [start, end) with the placeholder. Codings that overlap the range would lose their
 * anchors with the deleted characters (and turn up orphaned), so they are re-anchored to the
 * same passage, now holding the placeholder: a coding of "Priya rang" becomes one of "[NAME] rang".
 */
function replaceKeepingCodings(doc: Y.Doc, start: number, end: number, placeholder: string): void {
  const overlapping = resolveCodings(doc).filter((c) => !c.orphaned && c.start < end && c.end > start);
  const text = textOf(doc);
  text.delete(start, end - start);
  text.insert(start, placeholder);
  const shift = placeholder.length - (end - start);
  const moved = (offset: number, inside: number) => (offset <= start ? offset : offset >= end ? offset + shift : inside);
  const map = codingsOf(doc);
  for (const c of overlapping) {
    const entry = map.get(c.id)!;
    map.set(c.id, { ...entry, ...anchorRange(doc, moved(c.start, start), moved(c.end, start + placeholder.length)) });
  }
}

/**
 * A document in an open coding round has a copy of its text in each coder's layer: every
 * occurrence of the redacted passage goes from those too, and their logs are compacted, so
 * no copy keeps what was taken out of the document.
 */
async function redactLayers(services: AppServices, documentId: string, original: string, placeholder: string) {
  if (original.trim() === "") return;
  for (const room of await openLayerRoomsOf(services.db, documentId)) {
    await services.collab.change(
      room,
      (doc) => {
        const text = textOf(doc).toString();
        const starts: number[] = [];
        for (let at = text.indexOf(original); at !== -1; at = text.indexOf(original, at + original.length)) starts.push(at);
        // From the last, so earlier offsets stay true while replacing.
        for (const at of starts.reverse()) replaceKeepingCodings(doc, at, at + original.length, placeholder);
      },
      { compact: true },
    );
  }
}

/** Replaces `original` in the named string entries of `record`; returns how many changed. */
function hideIn<V>(record: Record<string, V | string>, names: string[], original: string, placeholder: string): number {
  let changed = 0;
  for (const name of names) {
    const value = record[name];
    if (typeof value !== "string" || !value.includes(original)) continue;
    record[name] = value.replaceAll(original, () => placeholder);
    changed += 1;
  }
  return changed;
}

/**
 * The contributor's receipt shows their answers as stored, so the redacted string goes from
 * the free-text answers too (every occurrence: masking errs on the side of hiding), and from
 * the document attributes the short answers were copied into. Whitespace alone hides nothing
 * and would garble every answer, so it is left. Returns how many answers changed; the audit
 * entry (ids and the length, never the text) is written in the same transaction.
 */
async function redactContribution(
  services: AppServices,
  event: { projectId: string; actorId: string; documentId: string },
  original: string,
  placeholder: string,
): Promise<number> {
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: submissions.id, values: submissions.values, fields: intakeFormVersions.fields })
      .from(submissions)
      .innerJoin(intakeFormVersions, eq(intakeFormVersions.id, submissions.formVersionId))
      .where(eq(submissions.documentId, event.documentId))
      .for("update", { of: submissions });
    let answers = 0;
    if (row && original.trim() !== "") {
      const freeText = row.fields.filter((f) => f.type === "long_text" || f.type === "short_text").map((f) => f.name);
      const values: Record<string, StoredSubmissionValue> = { ...row.values };
      answers = hideIn(values, freeText, original, placeholder);
      if (answers > 0) await tx.update(submissions).set({ values }).where(eq(submissions.id, row.id));
      const [doc] = await tx.select({ attributes: documents.attributes }).from(documents).where(eq(documents.id, event.documentId));
      const attributes = { ...doc?.attributes };
      if (hideIn(attributes, freeText, original, placeholder) > 0) {
        await tx.update(documents).set({ attributes }).where(eq(documents.id, event.documentId));
      }
    }
    if (original.trim() !== "") await scrubQuotesOf(tx, event.documentId, "redacted", original);
    await recordAudit(tx, {
      projectId: event.projectId,
      actorId: event.actorId,
      action: "document.redacted",
      detail: { documentId: event.documentId, submissionId: row?.id ?? null, length: original.length },
    });
    return answers;
  });
}

/**
 * Redacts a passage of a live document by hand: the range becomes `[LABEL]` in the server's
 * Y.Doc (open editors see it at once), the document's update log is compacted straight away
 * so the text is in neither the log nor the snapshot, the projection is written, and a
 * contribution's stored answers are redacted as well.
 */
export async function redactRange(
  services: AppServices,
  target: { projectId: string; documentId: string; actorId: string },
  input: RedactionInput,
): Promise<RedactionResult> {
  const placeholder = placeholderOf(input.label);
  const { original, textLength } = await services.collab.change(
    target.documentId,
    (doc) => {
      const text = textOf(doc);
      // Checked before anything changes: a Yjs transaction does not roll back.
      assertRangeInText(input.start, input.end, text.length);
      const original = text.toString().slice(input.start, input.end);
      if (input.expected !== undefined && input.expected !== original) {
        throw conflict("text_changed", "The text there has changed since it was selected. Select the passage again.");
      }
      replaceKeepingCodings(doc, input.start, input.end, placeholder);
      return { original, textLength: text.length };
    },
    { compact: true },
  );
  await redactLayers(services, target.documentId, original, placeholder);
  const answersRedacted = await redactContribution(services, target, original, placeholder);
  return {
    start: input.start,
    end: input.start + placeholder.length,
    placeholder,
    redactedLength: original.length,
    textLength,
    answersRedacted,
  };
}
