import * as Y from "yjs";

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * Why an update's structs cannot be applied, or null. An item can only point at items that
 * existed before it: one of its own client's ids at or after its own clock (its origin, right
 * origin or parent being itself or its future) makes `Y.applyUpdate` throw half-way, or sit in
 * the pending queue until someone's later update releases it and throws there. One pass over
 * the decoded structs, so the cost is bounded by the message size.
 */
export function structProblem({ structs }: Decoded): string | null {
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const refs = [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null];
    for (const ref of refs) {
      if (ref && ref.client === s.id.client && ref.clock >= s.id.clock) {
        return `item ${s.id.client}:${s.id.clock} refers to itself or to a later item of its own client`;
      }
    }
  }
  return null;
}

/** The client ids under which `decoded` carries structs the doc does not have yet. */
export function writtenClientIds(doc: Y.Doc, { structs }: Decoded): Set<number> {
  const ids = new Set<number>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) ids.add(s.id.client);
  }
  return ids;
}
