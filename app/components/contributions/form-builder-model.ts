import type { FormAccess, FormField, FormFieldType } from "../../../db/kinds";

/**
 * The form builder's state and the pure steps on it, kept apart from the page so they can be
 * tested. A question's `name` (the key in the data and the API) follows its label until the
 * researcher edits it, and is made unique within the form.
 */
export interface DraftField {
  /** Stable across edits and moves, for React keys; never sent. */
  key: string;
  label: string;
  name: string;
  /** The name was typed by hand: stop deriving it from the label. */
  nameEdited: boolean;
  type: FormFieldType;
  required: boolean;
  /** One option per line, for choice and multi_choice. */
  optionsText: string;
}

export interface DraftForm {
  title: string;
  prompt: string;
  consentText: string;
  access: FormAccess;
  fields: DraftField[];
}

export const fieldTypeLabels: Record<FormFieldType, string> = {
  long_text: "Long text (the story or observation)",
  short_text: "Short text",
  number: "Number",
  date: "Date",
  choice: "One choice",
  multi_choice: "Several choices",
  location: "Location (map or latitude/longitude)",
  case_key: "Case key (customer, site or call id)",
};

export const DEFAULT_CONSENT =
  "I agree that this project keeps what I write here for research. Personal details such as e-mail addresses and phone numbers are hidden before anyone reads it. I can withdraw it at any time with the link I get after sending.";

let counter = 0;
const newKey = () => `f${Date.now().toString(36)}${(counter++).toString(36)}`;

/** "Your story (in your words)" → "your_story_in_your_words": a-z, 0-9 and _, starting with a letter, ≤ 40. */
export function nameFromLabel(label: string): string {
  const base = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^[0-9_]+/, "");
  return (base || "answer").slice(0, 40).replace(/_+$/, "");
}

/** `name`, or `name_2`, `name_3`… so it differs from every other question's. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) {
    const suffix = `_${i}`;
    const candidate = `${name.slice(0, 40 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const takenBy = (fields: DraftField[], except: string) => new Set(fields.filter((f) => f.key !== except).map((f) => f.name));

export function newField(fields: DraftField[], type: FormFieldType): DraftField[] {
  const label = type === "long_text" && !fields.some((f) => f.type === "long_text") ? "Your story" : "";
  const key = newKey();
  const base = nameFromLabel(label || type);
  return [
    ...fields,
    {
      key,
      label,
      name: uniqueName(base, takenBy(fields, key)),
      nameEdited: false,
      type,
      required: type === "long_text",
      optionsText: type === "choice" || type === "multi_choice" ? "Yes\nNo" : "",
    },
  ];
}

export function updateField(fields: DraftField[], key: string, change: Partial<Omit<DraftField, "key">>): DraftField[] {
  return fields.map((f) => {
    if (f.key !== key) return f;
    const next = { ...f, ...change };
    if (change.name !== undefined) next.nameEdited = true;
    else if (change.label !== undefined && !f.nameEdited) next.name = uniqueName(nameFromLabel(change.label), takenBy(fields, key));
    return next;
  });
}

export function moveField(fields: DraftField[], key: string, by: -1 | 1): DraftField[] {
  const i = fields.findIndex((f) => f.key === key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= fields.length) return fields;
  const next = [...fields];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

export const removeField = (fields: DraftField[], key: string) => fields.filter((f) => f.key !== key);

const hasOptions = (type: FormFieldType) => type === "choice" || type === "multi_choice";

/** The body the API takes (POST /forms, PATCH /forms/:id). */
export function toPayload(draft: DraftForm) {
  return {
    title: draft.title,
    prompt: draft.prompt,
    consentText: draft.consentText,
    access: draft.access,
    fields: draft.fields.map(
      (f): FormField => ({
        name: f.name,
        label: f.label,
        type: f.type,
        required: f.required,
        ...(hasOptions(f.type)
          ? {
              options: f.optionsText
                .split("\n")
                .map((o) => o.trim())
                .filter((o) => o !== ""),
            }
          : {}),
      }),
    ),
  };
}

/** A stored form version, ready to edit. */
export function draftFrom(form: { title: string; prompt: string; consentText: string; access: FormAccess; fields: FormField[] }): DraftForm {
  return {
    title: form.title,
    prompt: form.prompt,
    consentText: form.consentText,
    access: form.access,
    fields: form.fields.map((f) => ({
      key: newKey(),
      label: f.label,
      name: f.name,
      nameEdited: true,
      type: f.type,
      required: f.required ?? false,
      optionsText: (f.options ?? []).join("\n"),
    })),
  };
}

export function emptyDraft(): DraftForm {
  return { title: "", prompt: "", consentText: DEFAULT_CONSENT, access: "public", fields: newField([], "long_text") };
}
