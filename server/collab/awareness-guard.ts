import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Peer, SharedDoc } from "./shared-doc";

/** The stock client announces one id per doc; a few more leave room for other clients. */
const MAX_IDS_PER_SOCKET = 8;

/** Per live doc: which person first announced each awareness client id. */
const claimants = new WeakMap<SharedDoc, Map<number, string>>();

/**
 * Whether `origin` may speak for `clientId`, claiming it if nobody has. An id belongs to the
 * person who first announced it in this doc (so it cannot be taken over while its owner is
 * briefly disconnected) and, among their sockets, to the open one that holds it; the
 * server's own id belongs to nobody.
 */
function mayClaim(doc: SharedDoc, origin: Peer, clientId: number): boolean {
  if (clientId === doc.awareness.clientID) return false;
  for (const [peer, ids] of doc.peers) if (peer !== origin && ids.has(clientId)) return false;
  let claims = claimants.get(doc);
  if (!claims) claimants.set(doc, (claims = new Map()));
  const person = origin.userId ?? "";
  const claimant = claims.get(clientId);
  if (claimant !== undefined && claimant !== person) return false;
  const mine = doc.peers.get(origin);
  if (!mine) return false;
  if (!mine.has(clientId)) {
    if (mine.size >= MAX_IDS_PER_SOCKET) return false;
    mine.add(clientId);
  }
  claims.set(clientId, person);
  return true;
}

/**
 * The part of a peer's awareness (presence) update about client ids it may speak for,
 * re-encoded; null if nothing is left. Entries for anyone else's id are dropped, so nobody,
 * not even a reader, can rename, move or remove another person's cursor.
 */
export function filterOwnAwareness(doc: SharedDoc, origin: Peer, update: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (mayClaim(doc, origin, clientId)) kept.push({ clientId, clock, state });
  }
  if (kept.length === 0) return null;
  if (kept.length === count) return update;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const { clientId, clock, state } of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}
