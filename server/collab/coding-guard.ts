import * as Y from "yjs";
import { isCodingId, parseCodingEntry, type CodingEntry } from "../../app/lib/collab/coding-entry";
import { codingsOf } from "../../app/lib/collab/doc-model";

/**
 * How far a client's clock may be from the server's before the time it wrote on a new coding
 * is replaced by the server's. Within it the client's own entry is kept as it is, so the
 * editor's undo (which takes back the item it inserted) still removes the coding; outside it
 * the server's time is what is stored.
 */
export const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * What the server stores for an entry a peer wrote: null if it is not a coding at all. A new
 * coding is the writer's, made now; a changed one keeps its author and time (a coder editing
 * someone else's memo does not make the coding theirs).
 */
export function normaliseEntry(
  written: unknown,
  previous: CodingEntry | null,
  writerId: string,
  now: Date,
): CodingEntry | null {
  const entry = parseCodingEntry(written);
  if (!entry) return null;
  const stamp = previous
    ? { authorId: previous.authorId, createdAt: previous.createdAt }
    : {
        authorId: writerId,
        createdAt:
          Math.abs(Date.parse(entry.createdAt) - now.getTime()) <= CLOCK_SKEW_MS ? entry.createdAt : now.toISOString(),
      };
  return { codeId: entry.codeId, start: entry.start, end: entry.end, ...stamp, memo: entry.memo };
}

function sameEntry(written: unknown, entry: CodingEntry): boolean {
  if (!written || typeof written !== "object" || Array.isArray(written)) return false;
  const w = written as Record<string, unknown>;
  const keys = Object.keys(entry) as (keyof CodingEntry)[];
  return Object.keys(w).length === keys.length && keys.every((k) => w[k] === entry[k]);
}

/**
 * Rewrites, inside the transaction that applied a peer's update, every coding that update
 * added or changed: malformed entries are deleted, the rest carry the server's author and
 * time. Because it is the same transaction, Yjs garbage-collects the peer's overwritten value
 * before the transaction's update is encoded: what was forged reaches neither the update log
 * nor any other peer.
 */
export function guardCodings(doc: Y.Doc, transaction: Y.Transaction, writerId: string): void {
  const map = codingsOf(doc);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types `changed` by AbstractType<YEvent<any>>
  const keys = transaction.changed.get(map as Y.AbstractType<any>);
  if (!keys || keys.size === 0) return;
  const event = new Y.YMapEvent(map, transaction, keys);
  const now = new Date();
  for (const [key, change] of event.changes.keys) {
    if (change.action === "delete") continue;
    const written: unknown = map.get(key);
    const previous = change.action === "update" ? parseCodingEntry(change.oldValue) : null;
    const entry = isCodingId(key) ? normaliseEntry(written, previous, writerId, now) : null;
    if (!entry) map.delete(key);
    else if (!sameEntry(written, entry)) map.set(key, entry);
  }
}
