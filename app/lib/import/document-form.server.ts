import type { z } from "zod";
import { HttpError } from "../http/errors.server";
import { MAX_DOCUMENT_CHARS, createDocumentSchema } from "../validation/schemas";
import { extractText } from "./extract.server";
import { ImportError } from "./import-error.server";
import { normaliseText } from "./text.server";

export type NewDocument = z.infer<typeof createDocumentSchema>;

const ROW = /^attributes\.(\d+)\.(key|value)$/;
const MAX_ATTRIBUTES = 100;

/**
 * The "Add document" form to a document: the text comes from the textarea or from an uploaded
 * file (converted by extractText), the title falls back to the file's name, attributes come from
 * numbered key/value rows. Every problem is reported against the input it concerns, all at once.
 */
export async function documentFromForm(form: FormData): Promise<NewDocument> {
  const errors: Record<string, string> = {};
  // Browsers send a textarea's line ends as CRLF: the editor and offsets work on \n.
  const pasted = normaliseText(String(form.get("text") ?? ""));
  const file = form.get("file");
  const chosen = file instanceof File && (file.size > 0 || file.name !== "") ? file : null;

  let text = pasted;
  let fileTitle: string | undefined;
  let tooLong = false;
  if (chosen && pasted.trim() !== "") {
    errors.file = "Paste the text or choose a file, not both: clear one of them.";
  } else if (chosen) {
    try {
      const extracted = await extractText(chosen.name, new Uint8Array(await chosen.arrayBuffer()));
      text = extracted.text;
      fileTitle = extracted.title;
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      errors.file = err.message;
      tooLong = err.tooLarge;
    }
  }

  const attributes = attributesFromForm(form, errors);
  const title = String(form.get("title") ?? "").trim() || fileTitle || "";
  const parsed = createDocumentSchema.safeParse({
    title,
    kind: form.get("kind") ?? undefined,
    caseKey: String(form.get("caseKey") ?? ""),
    text,
    attributes,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      let field = String(issue.path[0] ?? "form");
      if (field === "text" && chosen) field = "file";
      if (issue.path[0] === "text" && issue.code === "too_big") {
        tooLong = true;
        errors[field] ??= `The text is ${text.length.toLocaleString("en-GB")} characters long; a document holds at most ${MAX_DOCUMENT_CHARS.toLocaleString("en-GB")}.`;
      }
      errors[field] ??= issue.message;
    }
  }
  const [first] = Object.values(errors);
  if (first !== undefined || !parsed.success) {
    throw new HttpError(tooLong ? 413 : 400, "invalid_document", first ?? "Check the form.", {}, errors);
  }
  return parsed.data;
}

/** Rows with neither name nor value are skipped; a value needs a name, and names are unique. */
function attributesFromForm(form: FormData, errors: Record<string, string>): Record<string, string> {
  const rows = new Map<number, { key: string; value: string }>();
  for (const [name, raw] of form) {
    const m = ROW.exec(name);
    if (!m || typeof raw !== "string") continue;
    const row = rows.get(Number(m[1])) ?? { key: "", value: "" };
    row[m[2] as "key" | "value"] = raw.trim();
    rows.set(Number(m[1]), row);
  }
  const attributes: Record<string, string> = {};
  const used = new Set<string>();
  for (const [i, { key, value }] of [...rows].sort(([a], [b]) => a - b)) {
    const keyField = `attributes.${i}.key`;
    if (key === "" && value === "") continue;
    if (key === "") errors[keyField] = "Give this value a name, or clear it.";
    else if (key.length > 100) errors[keyField] = "A name holds at most 100 characters.";
    else if (used.has(key)) errors[keyField] = `“${key}” is already used above.`;
    else if (value.length > 2000) errors[`attributes.${i}.value`] = "A value holds at most 2000 characters.";
    else if (used.size >= MAX_ATTRIBUTES) errors[keyField] = `A document has at most ${MAX_ATTRIBUTES} attributes.`;
    else {
      used.add(key);
      attributes[key] = value;
    }
  }
  return attributes;
}
