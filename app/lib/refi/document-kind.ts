/**
 * A document's kind in REFI-QDA (ADR 0141). Every Thicket kind is text, so every document is a
 * TextSource and the source type cannot carry it; it travels as a Text variable on each source,
 * which is how the standard classifies sources and what NVivo, ATLAS.ti and MAXQDA show as a
 * document attribute. Its GUID is the same in every Thicket export, so the importer knows it
 * even when a tool renames it; without that GUID, a variable of its exact name is read. Pure.
 */
import { documentKindLabels, documentKinds, type DocumentKind } from "../../../db/kinds";
import { refiGuid } from "./guid";

export const KIND_VARIABLE_NAME = "Thicket document kind";
export const KIND_VARIABLE_GUID = refiGuid("variable", "thicket:document-kind");

/** The value written for a kind: its label, as people read it ("Field note"). */
export const kindValue = (kind: DocumentKind): string => documentKindLabels[kind];

/** The kind a variable value names, by key or label, whatever the case and spacing; else null. */
export function kindFromValue(value: unknown): DocumentKind | null {
  if (typeof value !== "string") return null;
  const wanted = value.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  const same = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, " ") === wanted;
  return documentKinds.find((kind) => same(kind) || same(documentKindLabels[kind])) ?? null;
}

/**
 * The GUID of the file's kind variable: Thicket's own if the file has it, else that of a variable
 * named like it (a tool that re-made its GUIDs), else none.
 */
export function kindVariableGuid(variables: readonly { guid: string; name: string }[]): string | null {
  if (variables.some((v) => v.guid.toLowerCase() === KIND_VARIABLE_GUID)) return KIND_VARIABLE_GUID;
  const byName = variables.find((v) => v.name.trim().toLowerCase() === KIND_VARIABLE_NAME.toLowerCase());
  return byName?.guid ?? null;
}
