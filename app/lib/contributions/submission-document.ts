import type { DocumentKind, FormField } from "../../../db/kinds";
import type { StoredSubmissionValue } from "../../../db/schema";
import { redact } from "./redact";
import type { CheckedValue } from "./submission-values";

type Attribute = string | number | boolean | null;

/** What a submission becomes: its values as stored and the document coders see. */
export interface SubmissionDocument {
  /** Redacted: this is the only form in which the answers are ever stored. */
  stored: Record<string, StoredSubmissionValue>;
  kind: DocumentKind;
  text: string;
  attributes: Record<string, Attribute>;
  caseKey: string | null;
}

/**
 * Masks every free-text answer (long and short text) with the contributor's list of people,
 * so nothing downstream ever sees the unmasked text. Choices, numbers, dates, locations and the
 * case key are not free text: they are kept as given.
 */
export function redactValues(
  fields: readonly FormField[],
  values: Record<string, CheckedValue>,
  people: string[],
): Record<string, StoredSubmissionValue> {
  const stored: Record<string, StoredSubmissionValue> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    const isFreeText = field.type === "long_text" || field.type === "short_text";
    stored[field.name] = isFreeText && typeof value === "string" ? redact(value, { people }).text : value;
  }
  return stored;
}

/**
 * Lays a (redacted) submission out as a document. A form that asks for a location records
 * observations (citizen science: what was seen, where); any other form records stories.
 * The long-text answers are the text; with several, each is headed by its label so a coder
 * knows which question it answers. Every other answer is an attribute, typed so analyses can
 * use it: numbers stay numbers, a date is its ISO text, a multiple choice is joined with ", ",
 * and a location is "lat,lng" plus `<name>_lat` and `<name>_lng` numbers. The case key
 * answer is the document's case key, not an attribute.
 */
export function submissionDocument(
  fields: readonly FormField[],
  stored: Record<string, StoredSubmissionValue>,
): SubmissionDocument {
  const longTexts = fields.filter((f) => f.type === "long_text");
  const answered = longTexts.filter((f) => typeof stored[f.name] === "string");
  const text =
    longTexts.length === 1
      ? ((stored[longTexts[0]!.name] as string | undefined) ?? "")
      : answered.map((f) => `${f.label}\n${stored[f.name] as string}`).join("\n\n");

  const names = new Set(fields.map((f) => f.name));
  const attributes: Record<string, Attribute> = {};
  let caseKey: string | null = null;
  for (const field of fields) {
    const value = stored[field.name];
    if (value === undefined || value === null || field.type === "long_text") continue;
    if (field.type === "case_key") {
      caseKey = value as string;
    } else if (field.type === "multi_choice") {
      attributes[field.name] = (value as string[]).join(", ");
    } else if (field.type === "location") {
      const { lat, lng } = value as { lat: number; lng: number };
      attributes[field.name] = `${lat},${lng}`;
      // A field of the form that happens to be called e.g. "site_lat" keeps its own answer.
      if (!names.has(`${field.name}_lat`)) attributes[`${field.name}_lat`] = lat;
      if (!names.has(`${field.name}_lng`)) attributes[`${field.name}_lng`] = lng;
    } else {
      attributes[field.name] = value as string | number;
    }
  }
  const kind: DocumentKind = fields.some((f) => f.type === "location") ? "observation" : "story";
  return { stored, kind, text, attributes, caseKey };
}
