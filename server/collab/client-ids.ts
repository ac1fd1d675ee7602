import type { Peer, SharedDoc } from "./shared-doc";

/** Per live doc: the person whose sockets write under each Yjs client id. */
const holders = new WeakMap<SharedDoc, Map<number, string>>();

/**
 * The first of `ids` that `origin` may not write new structs under, claiming the others; null
 * if it may write under all of them (see docs/decisions/0160-client-ids-belong-to-one-socket.md).
 *
 * A Yjs client id belongs to the person whose socket first wrote under it in this doc. Two writers
 * under one id would give the same clock to different items: each peer keeps whichever it saw
 * first and the others' edits are silently dropped, so peers stop converging. So:
 * - nobody writes under the server's own id (its corrections to codings are made under it);
 * - no other person's socket ever writes under an id, open or closed, so nobody can write
 *   ahead of a person's offline edits and make them vanish when they reconnect;
 * - another socket of the same person takes the id over: a reconnect whose old socket the
 *   server has not yet seen close, or a second tab relaying the first tab's edits.
 */
export function foreignClientId(doc: SharedDoc, origin: Peer, ids: Iterable<number>): number | null {
  let registry = holders.get(doc);
  if (!registry) holders.set(doc, (registry = new Map()));
  const person = origin.userId ?? "";
  const claims: number[] = [];
  for (const id of ids) {
    if (id === doc.clientID) return id;
    const holder = registry.get(id);
    if (holder !== undefined && holder !== person) return id;
    claims.push(id);
  }
  for (const id of claims) registry.set(id, person);
  return null;
}
