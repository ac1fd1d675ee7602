import * as Y from "yjs";

/**
 * The doc's state as an update, without the structs and deletions Yjs holds back for a missing
 * dependency. `Y.encodeStateAsUpdate` merges those in, so a sync answer or a snapshot built with
 * it would hand peers (and storage) state the doc itself has not integrated: a peer could then
 * hold, and build on, an item the server never applied. Only applied state is served or stored;
 * what is held back stays in memory until its dependency arrives, and its sender still has it.
 */
export function encodeAppliedState(doc: Y.Doc, targetStateVector?: Uint8Array): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, targetStateVector);
  // Synchronous: nothing else runs between hiding the held-back parts and putting them back.
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, targetStateVector);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}
