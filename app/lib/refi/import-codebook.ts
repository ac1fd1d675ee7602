/**
 * The REFI code tree as rows of Thicket's codebook: ids made up front so each code can name
 * its parent, colours kept when they are `#RRGGBB` (a `#RGB` is widened), others given one
 * from the palette as new codes get. Pure.
 */
import { newId } from "../../../db/ids";
import type { RefiCode } from "./qde-reader.server";
import { named, type SkippedList } from "./import-report";

export interface PlannedCode {
  id: string;
  name: string;
  parentId: string | null;
  color: string;
  description: string;
  /** False for a folder: it groups codes and is never applied. */
  codable: boolean;
  /** Its GUID in the file. */
  guid: string;
  noteRefs: string[];
}

const MAX_NAME = 120;
const MAX_DESCRIPTION = 5000;

export function refiColorToHex(color: string | undefined): string | null {
  const c = color?.trim();
  if (!c) return null;
  if (/^#[0-9a-f]{6}$/i.test(c)) return c.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(c)) return `#${[...c.slice(1)].map((d) => d + d).join("")}`.toLowerCase();
  return null;
}

export function planCodebook(
  roots: readonly RefiCode[],
  palette: readonly string[],
  skipped: SkippedList,
): { codes: PlannedCode[]; byGuid: Map<string, string> } {
  const codes: PlannedCode[] = [];
  const byGuid = new Map<string, string>();
  const visit = (code: RefiCode, parentId: string | null) => {
    if (code.guid && byGuid.has(code.guid)) {
      skipped.add(named("Code", code.name), "Its GUID repeats an earlier code's; its codings go to that code.");
      return;
    }
    const id = newId();
    if (code.guid) byGuid.set(code.guid, id);
    let name = code.name.replace(/\s+/g, " ").trim() || "Unnamed code";
    if (name.length > MAX_NAME) {
      skipped.add(named("The full name of code", name), `Code names hold at most ${MAX_NAME} characters; the name was cut.`);
      name = `${name.slice(0, MAX_NAME - 1)}…`;
    }
    let description = code.description.trim();
    if (description.length > MAX_DESCRIPTION) {
      skipped.add(named("Part of the description of code", name), `Descriptions hold at most ${MAX_DESCRIPTION} characters; the rest was cut.`);
      description = description.slice(0, MAX_DESCRIPTION);
    }
    const color = refiColorToHex(code.color) ?? palette[codes.length % palette.length]!;
    if (code.color && !refiColorToHex(code.color)) skipped.add(named("The colour of code", name), `“${code.color}” is not a #RRGGBB colour; it got one of Thicket's.`);
    codes.push({ id, name, parentId, color, description, codable: code.codable, guid: code.guid, noteRefs: code.noteRefs });
    for (const sub of code.children) visit(sub, id);
  };
  for (const root of roots) visit(root, null);
  return { codes, byGuid };
}
