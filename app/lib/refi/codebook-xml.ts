/**
 * The code hierarchy as REFI-QDA `<Code>` elements: the same shape in a project's CodeBook
 * (urn:QDA-XML:project:1.0) and in a stand-alone .qdc (urn:QDA-XML:codebook:1.0), each file
 * setting its namespace as the default one. Pure.
 */
import { refiGuid } from "./guid";
import { element, refiColor, xmlText } from "./xml";

export interface CodebookCode {
  id: string;
  name: string;
  parentId: string | null;
  color: string;
  description: string;
  /** False for a folder: written `isCodable="false"` (a code without it can be applied). */
  codable?: boolean;
}

/**
 * Children by parent, in the order given (callers sort by name). A code whose parent is not in
 * the list is a top-level code, and a code reached twice (a cycle, which the codebook service
 * prevents) is written once, so the output is always a tree holding every code.
 */
function childrenByParent(codes: readonly CodebookCode[]): { roots: CodebookCode[]; children: Map<string, CodebookCode[]> } {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<string, CodebookCode[]>();
  const roots: CodebookCode[] = [];
  for (const code of codes) {
    if (code.parentId && code.parentId !== code.id && ids.has(code.parentId)) {
      const list = children.get(code.parentId) ?? [];
      list.push(code);
      children.set(code.parentId, list);
    } else roots.push(code);
  }
  return { roots, children };
}

/**
 * `<Code>` elements for the whole codebook; folders are `isCodable="false"`. `guidOf` names each
 * code (its kept GUID if it was imported: kept-guids.ts). `noteGuids` adds NoteRefs to the memos
 * on each code (project files only: a .qdc has no Notes to point at).
 */
export function codeElements(
  codes: readonly CodebookCode[],
  guidOf: (codeId: string) => string = (id) => refiGuid("code", id),
  noteGuids?: ReadonlyMap<string, string[]>,
): string {
  const { roots, children } = childrenByParent(codes);
  const written = new Set<string>();
  const write = (code: CodebookCode): string => {
    written.add(code.id);
    let inner = code.description ? `<Description>${xmlText(code.description)}</Description>` : "";
    for (const guid of noteGuids?.get(code.id) ?? []) inner += element("NoteRef", { targetGUID: guid });
    for (const child of children.get(code.id) ?? []) if (!written.has(child.id)) inner += write(child);
    return element("Code", { guid: guidOf(code.id), name: code.name, isCodable: code.codable !== false, color: refiColor(code.color) }, inner);
  };
  let out = roots.map(write).join("");
  // Codes caught in a cycle have no root above them: write them at the top rather than lose them.
  for (const code of codes) if (!written.has(code.id)) out += write(code);
  return out;
}

/** Each code's path from the top of the hierarchy, e.g. "Feelings / Hope", for tables. */
export function codePaths(codes: readonly CodebookCode[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  for (const code of codes) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let c: CodebookCode | undefined = code; c && !seen.has(c.id); c = c.parentId ? byId.get(c.parentId) : undefined) {
      seen.add(c.id);
      names.unshift(c.name);
    }
    paths.set(code.id, names.join(" / "));
  }
  return paths;
}
