/** Document kinds (API.md). Free of server imports: the browser uses them too. */
export const documentKinds = ["interview", "field_note", "story", "observation", "other", "record"] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabels: Record<DocumentKind, string> = {
  interview: "Interview",
  field_note: "Field note",
  story: "Story",
  observation: "Observation",
  other: "Other",
  record: "Record",
};

export const memoTargets = ["document", "code"] as const;
export type MemoTarget = (typeof memoTargets)[number];

/** Column types of an imported dataset (API.md, "Quantitative data"). */
export const columnTypes = ["integer", "number", "boolean", "date", "text"] as const;
export type ColumnType = (typeof columnTypes)[number];

/** Field types of an intake form (API.md, "Contributions"). */
export const formFieldTypes = [
  "long_text",
  "short_text",
  "number",
  "date",
  "choice",
  "multi_choice",
  "location",
  "case_key",
] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/** One field of an intake form, as stored with each form version. */
export interface FormField {
  name: string;
  label: string;
  type: FormFieldType;
  required?: boolean;
  /** Only for choice and multi_choice. */
  options?: string[];
}

/** "public": anyone with the link, no account; "members": signed-in project members only. */
export const formAccesses = ["public", "members"] as const;
export type FormAccess = (typeof formAccesses)[number];
export const formStatuses = ["open", "closed"] as const;
export type FormStatus = (typeof formStatuses)[number];
export const submissionStatuses = ["pending", "accepted", "rejected", "withdrawn"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
