import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { changesText } from "./text-lock";

/** y-websocket's message types (the stock WebsocketProvider speaks exactly these). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export class MalformedMessage extends Error {}

/**
 * Handles one incoming message for a doc and returns the reply, if any. Document updates
 * from a read-only peer are dropped (their sync requests and presence are still served).
 * Anything that does not parse throws MalformedMessage, before touching the doc.
 */
export function handleMessage(
  doc: Y.Doc,
  awareness: awarenessProtocol.Awareness,
  message: Uint8Array,
  origin: unknown,
  readOnly: boolean,
  textLocked = false,
): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(encoder, doc, decoding.readVarUint8Array(decoder));
        return encoding.toUint8Array(encoder);
      }
      if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
        throw new MalformedMessage(`unknown sync message type ${syncType}`);
      }
      const update = decoding.readVarUint8Array(decoder);
      if (readOnly) return null;
      Y.decodeUpdate(update); // validates the whole update before any of it is applied
      if (textLocked && changesText(doc, update)) throw new MalformedMessage("the text is fixed during a coding round");
      Y.applyUpdate(doc, update, origin);
      return null;
    }
    if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), origin);
      return null;
    }
    if (type === MESSAGE_QUERY_AWARENESS) {
      return encodeAwareness(awareness, [...awareness.getStates().keys()]);
    }
    throw new MalformedMessage(`unknown message type ${type}`);
  } catch (err) {
    if (err instanceof MalformedMessage) throw err;
    throw new MalformedMessage(err instanceof Error ? err.message : String(err));
  }
}
