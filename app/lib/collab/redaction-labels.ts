/**
 * The placeholders a researcher may redact a passage as, by hand, in the editor or through the
 * API. Pure and browser-safe (the editor's confirm dialog lists them). A short allowlist on
 * purpose: a free-text label could itself leak what was redacted ("[Priya's sister]").
 */
export const redactionLabels = ["REDACTED", "NAME", "PLACE", "ORGANISATION", "ID"] as const;
export type RedactionLabel = (typeof redactionLabels)[number];

export const redactionLabelNames: Readonly<Record<RedactionLabel, string>> = {
  REDACTED: "Redacted (anything)",
  NAME: "A person's name",
  PLACE: "A place",
  ORGANISATION: "An organisation",
  ID: "An id or number",
};

export const placeholderOf = (label: RedactionLabel) => `[${label}]`;
