/** Document kinds (API.md). Free of server imports: the browser uses them too. */
export const documentKinds = ["interview", "field_note", "story", "observation", "other"] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabels: Record<DocumentKind, string> = {
  interview: "Interview",
  field_note: "Field note",
  story: "Story",
  observation: "Observation",
  other: "Other",
};

export const memoTargets = ["document", "code"] as const;
export type MemoTarget = (typeof memoTargets)[number];

/** Column types of an imported dataset (API.md, "Quantitative data"). */
export const columnTypes = ["integer", "number", "boolean", "date", "text"] as const;
export type ColumnType = (typeof columnTypes)[number];
