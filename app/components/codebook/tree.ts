/** The codebook as a tree, from the flat list the service returns (sorted by name). */

export interface CodeItem {
  id: string;
  name: string;
  parentId: string | null;
  color: string;
  description: string;
  codingCount: number;
  /** False for a folder: it groups codes and is never applied. */
  codable?: boolean;
}

export interface CodeNode<T extends CodeItem = CodeItem> {
  code: T;
  depth: number;
  children: CodeNode<T>[];
}

/** Roots first, children under their parent. A code whose parent is gone is shown at the top. */
export function buildTree<T extends CodeItem>(codes: T[]): CodeNode<T>[] {
  const ids = new Set(codes.map((c) => c.id));
  const byParent = new Map<string | null, T[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) ? code.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), code]);
  }
  const seen = new Set<string>();
  const grow = (parent: string | null, depth: number): CodeNode<T>[] =>
    (byParent.get(parent) ?? [])
      .filter((code) => !seen.has(code.id) && seen.add(code.id))
      .map((code) => ({ code, depth, children: grow(code.id, depth + 1) }));
  return grow(null, 0);
}

/** Every code in tree order with its depth: for parent and merge pickers. */
export function flatten<T extends CodeItem>(nodes: CodeNode<T>[]): CodeNode<T>[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** The ids of a code and everything below it: never valid as its new parent. */
export function subtreeIds(codes: CodeItem[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of codes) {
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** An option label that shows the nesting inside a plain <select>. */
export const indentLabel = (node: CodeNode) => `${"\u00A0\u00A0\u00A0".repeat(node.depth)}${node.depth > 0 ? "↳ " : ""}${node.code.name}`;

export const codingsLabel = (n: number) => `${n.toLocaleString("en-GB")} coding${n === 1 ? "" : "s"}`;
