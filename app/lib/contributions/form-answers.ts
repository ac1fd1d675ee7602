import type { FormField } from "../../../db/kinds";
import { PEOPLE_MENTIONED } from "./submission-values";

/**
 * The contribution page posts a plain HTML form, so it works before (or without) JavaScript.
 * This turns what the browser sent into the same `values` object the API takes, and keeps
 * what was typed so a refused form comes back filled in.
 */

/** A location's two inputs are `<name>__lat` and `<name>__lng`. */
export const latName = (field: string) => `${field}__lat`;
export const lngName = (field: string) => `${field}__lng`;

/** What the page shows again after a refusal: each input's text, or a list for checkboxes. */
export type TypedAnswers = Record<string, string | string[]>;

/** Names listed one per line (or separated by commas or semicolons), blanks dropped. */
export function splitPeople(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

export interface PostedContribution {
  consent: boolean;
  website: string;
  values: Record<string, unknown>;
  typed: TypedAnswers;
}

export function readPostedContribution(fields: readonly FormField[], form: FormData): PostedContribution {
  const values: Record<string, unknown> = {};
  const typed: TypedAnswers = {};
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  for (const field of fields) {
    if (field.type === "multi_choice") {
      const picked = form.getAll(field.name).filter((v): v is string => typeof v === "string");
      values[field.name] = picked;
      typed[field.name] = picked;
    } else if (field.type === "location") {
      const lat = text(latName(field.name)).trim();
      const lng = text(lngName(field.name)).trim();
      typed[latName(field.name)] = lat;
      typed[lngName(field.name)] = lng;
      // One half given is still an answer, so the check can say which half is missing.
      values[field.name] = lat === "" && lng === "" ? null : { lat, lng };
    } else {
      values[field.name] = text(field.name);
      typed[field.name] = text(field.name);
    }
  }
  if (!fields.some((f) => f.name === PEOPLE_MENTIONED)) {
    const people = text(PEOPLE_MENTIONED);
    typed[PEOPLE_MENTIONED] = people;
    values[PEOPLE_MENTIONED] = splitPeople(people);
  }
  return { consent: form.get("consent") === "yes", website: text("website"), values, typed };
}
