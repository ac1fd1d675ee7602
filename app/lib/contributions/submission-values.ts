import { z } from "zod";
import type { FormField } from "../../../db/kinds";

/**
 * Checks a contributor's answers against the fields of the form version they answer
 * (API.md, "Contributions"). Browser-safe, so the form page can show the same messages the
 * API answers with. Every message names the field by its label, because that is what the
 * contributor sees; errors are keyed by the field's name, which is what a script sends.
 */

export const MAX_LONG_TEXT_CHARS = 50_000;
export const MAX_SHORT_TEXT_CHARS = 500;
export const MAX_CASE_KEY_CHARS = 200;
export const MAX_PEOPLE_MENTIONED = 50;
export const MAX_PERSON_NAME_CHARS = 200;

/**
 * The names the contributor says their text mentions. Used only to mask those names; never
 * stored. A form field with this very name takes precedence (it is then an ordinary answer).
 */
export const PEOPLE_MENTIONED = "people_mentioned";

/**
 * The body of POST /api/v1/forms/:formId/submissions. Only its shape: what consent, the
 * honeypot (`website`) and each answer hold is judged by the intake, which answers 422s.
 */
export const submissionBodySchema = z.object({
  consent: z.unknown().optional(),
  values: z.record(z.string(), z.unknown(), { error: "values must be an object of answers keyed by field name." }),
  website: z.unknown().optional(),
});

/** An answer once checked and typed, before redaction. */
export type CheckedValue = string | number | string[] | { lat: number; lng: number };

export type CheckedValues =
  | { ok: true; values: Record<string, CheckedValue>; people: string[] }
  /** `oversized`: the fields refused only for being longer than their limit (a 413, not a 422). */
  | { ok: false; errors: Record<string, string>; oversized: string[] };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const plural = (n: number) => n.toLocaleString("en-GB");

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A number as JSON sends it, or as text from a plain HTML form input. */
function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && NUMBER_TEXT.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Nothing given: absent, null, blank text or an empty list. Such an answer is simply not stored. */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Checks one non-empty answer; returns the typed value or the message that says what is wrong. */
function checkOne(field: FormField, value: unknown): { value: CheckedValue } | { error: string; oversized?: true } {
  const about = `"${field.label}"`;
  switch (field.type) {
    case "long_text":
    case "short_text":
    case "case_key": {
      const limit =
        field.type === "long_text" ? MAX_LONG_TEXT_CHARS : field.type === "short_text" ? MAX_SHORT_TEXT_CHARS : MAX_CASE_KEY_CHARS;
      if (typeof value !== "string") return { error: `${about} must be text.` };
      const text = value.trim();
      if (text.length > limit) {
        return { error: `${about} must be at most ${plural(limit)} characters (it has ${plural(text.length)}).`, oversized: true };
      }
      return { value: text };
    }
    case "number": {
      const n = toNumber(value);
      return n === null ? { error: `${about} must be a number.` } : { value: n };
    }
    case "date":
      if (typeof value !== "string" || !isCalendarDate(value.trim())) {
        return { error: `${about} must be a date written YYYY-MM-DD, for example 2026-03-31.` };
      }
      return { value: value.trim() };
    case "choice": {
      const options = field.options ?? [];
      if (typeof value !== "string" || !options.includes(value)) {
        return { error: `${about} must be one of: ${options.join(", ")}.` };
      }
      return { value };
    }
    case "multi_choice": {
      const options = field.options ?? [];
      const picked = Array.isArray(value) ? value : [value];
      const wrong = picked.find((v) => typeof v !== "string" || !options.includes(v));
      if (wrong !== undefined) return { error: `${about} takes a list of these options only: ${options.join(", ")}.` };
      // In the form's order, each once: the answer does not depend on the order of clicks.
      return { value: options.filter((o) => picked.includes(o)) };
    }
    case "location": {
      const where = value as { lat?: unknown; lng?: unknown } | null;
      const lat = typeof where === "object" ? toNumber(where?.lat) : null;
      const lng = typeof where === "object" ? toNumber(where?.lng) : null;
      if (lat === null || lng === null) return { error: `${about} must be a location {lat, lng} in degrees.` };
      if (lat < -90 || lat > 90) return { error: `${about}: latitude must be between -90 and 90.` };
      if (lng < -180 || lng > 180) return { error: `${about}: longitude must be between -180 and 180.` };
      return { value: { lat, lng } };
    }
  }
}

function checkPeople(value: unknown): { people: string[] } | { error: string } {
  if (isEmpty(value)) return { people: [] };
  if (!Array.isArray(value) || value.some((name) => typeof name !== "string")) {
    return { error: "People mentioned must be a list of names." };
  }
  const names = [...new Set((value as string[]).map((name) => name.trim()).filter((name) => name !== ""))];
  if (names.length > MAX_PEOPLE_MENTIONED) return { error: `List at most ${MAX_PEOPLE_MENTIONED} people mentioned.` };
  if (names.some((name) => name.length > MAX_PERSON_NAME_CHARS)) {
    return { error: `A name in people mentioned must be at most ${MAX_PERSON_NAME_CHARS} characters.` };
  }
  return { people: names };
}

/** Checks every answer at once, so the contributor sees every problem in one go. */
export function checkValues(fields: readonly FormField[], values: Record<string, unknown>): CheckedValues {
  const errors: Record<string, string> = {};
  const oversized: string[] = [];
  const checked: Record<string, CheckedValue> = {};
  const byName = new Map(fields.map((f) => [f.name, f]));

  for (const name of Object.keys(values)) {
    if (!byName.has(name) && name !== PEOPLE_MENTIONED) errors[name] = `This form has no field named "${name}".`;
  }
  for (const field of fields) {
    const value = values[field.name];
    if (isEmpty(value)) {
      if (field.required) errors[field.name] = `"${field.label}" is required.`;
      continue;
    }
    const result = checkOne(field, value);
    if ("error" in result) {
      errors[field.name] = result.error;
      if (result.oversized) oversized.push(field.name);
    } else checked[field.name] = result.value;
  }
  let people: string[] = [];
  if (!byName.has(PEOPLE_MENTIONED)) {
    const result = checkPeople(values[PEOPLE_MENTIONED]);
    if ("error" in result) errors[PEOPLE_MENTIONED] = result.error;
    else people = result.people;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, oversized } : { ok: true, values: checked, people };
}
