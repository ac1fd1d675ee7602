import * as Y from "yjs";
import { textOf } from "../../app/lib/collab/doc-model";

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Struct = Decoded["structs"][number];

/** Characters of new text in decoded structs: the part of each string the doc has not seen yet. */
function newChars(doc: Y.Doc, structs: Struct[]): number {
  let chars = 0;
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentString)) continue;
    const known = Y.getState(doc.store, s.id.client) - s.id.clock;
    if (known < s.length) chars += s.length - Math.max(0, known);
  }
  return chars;
}

/** Characters of the doc's current text that the update's delete set removes. */
function deletedChars(doc: Y.Doc, ds: Decoded["ds"]): number {
  const text = textOf(doc);
  let chars = 0;
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= state) continue;
      const end = Math.min(clock + len, state);
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
        const s = structs[i]!;
        if (!(s instanceof Y.Item) || s.deleted || s.parent !== text || !(s.content instanceof Y.ContentString)) continue;
        chars += Math.min(end, s.id.clock + s.length) - Math.max(clock, s.id.clock);
      }
    }
  }
  return chars;
}

/**
 * An upper bound on the text's length once `update` is applied, without applying it or copying
 * the doc: today's length, minus the live text it deletes, plus every string it carries that
 * the doc does not have. Strings held back waiting for a missing dependency are added too when
 * this update could be the one that releases them, so they cannot slip past the limit later.
 */
export function textLengthBound(doc: Y.Doc, update: Uint8Array): number {
  const { structs, ds } = Y.decodeUpdate(update);
  let bound = textOf(doc).length - deletedChars(doc, ds) + newChars(doc, structs);
  const pending = doc.store.pendingStructs;
  if (pending) {
    const releases = structs.some((s) => {
      const missing = pending.missing.get(s.id.client);
      return missing !== undefined && s.id.clock + s.length > missing;
    });
    if (releases) bound += newChars(doc, Y.decodeUpdateV2(pending.update).structs);
  }
  return bound;
}
