import type { CodeInfo, CodeNode } from "./types";

/** The codes that can be applied, for the palette: folders group codes and are never applied. */
export const applicableCodes = (nodes: readonly CodeNode[]): CodeNode[] => nodes.filter((c) => c.codable !== false);

/**
 * The codebook as a depth-first list: each code after its parent, siblings by name. A code
 * whose parent is missing (or a cycle, which the server forbids) is shown at the top level.
 */
export function codeTree(codes: readonly CodeInfo[]): CodeNode[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const children = new Map<string | null, CodeInfo[]>();
  for (const code of codes) {
    const parent = code.parentId && byId.has(code.parentId) && code.parentId !== code.id ? code.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(code);
    children.set(parent, list);
  }
  const out: CodeNode[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number, path: string[]) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }) || (a.id < b.id ? -1 : 1));
    for (const code of list) {
      if (seen.has(code.id)) continue;
      seen.add(code.id);
      out.push({ ...code, depth, path });
      visit(code.id, depth + 1, [...path, code.name]);
    }
  };
  visit(null, 0, []);
  // Anything left over sits in a cycle: show it rather than lose it.
  for (const code of codes) if (!seen.has(code.id)) out.push({ ...code, depth: 0, path: [] });
  return out;
}
