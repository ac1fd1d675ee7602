import * as Y from "yjs";
import { textOf } from "../../app/lib/collab/doc-model";

/**
 * Whether applying `update` would change the doc's text. A coding round's layer accepts
 * codings but not text changes (every coder must code the same words), and a Yjs update does
 * not say which types it touches without being applied, so it is tried on a copy first.
 * Layers are one coder's copy of one document, so the copy is cheap.
 */
export function changesText(doc: Y.Doc, update: Uint8Array): boolean {
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
    const before = textOf(probe).toString();
    Y.applyUpdate(probe, update);
    return textOf(probe).toString() !== before;
  } finally {
    probe.destroy();
  }
}
