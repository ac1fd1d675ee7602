import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CLOSE_TOO_LARGE } from "../../app/lib/collab/close-codes";
import { MAX_DOCUMENT_CHARS } from "../../app/lib/validation/schemas";
import { encodeAppliedState } from "./applied-state";
import { filterOwnAwareness } from "./awareness-guard";
import { foreignClientId } from "./client-ids";
import { guardCodings } from "./coding-guard";
import type { Peer, SharedDoc } from "./shared-doc";
import { textLengthBound } from "./size-guard";
import { structProblem, writtenClientIds } from "./struct-check";
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

/** Close code for an update that would take the text past MAX_DOCUMENT_CHARS (no retry: 44xx). */
export { CLOSE_TOO_LARGE };

/** A message the server will not take; its socket is closed with `close`. */
export class MalformedMessage extends Error {
  constructor(
    message: string,
    readonly close: { code: number; reason: string } = { code: 1003, reason: "malformed message" },
  ) {
    super(message);
  }
}

/**
 * Applies a peer's update in one transaction with the server's own corrections (its codings
 * normalised), so the update that is logged and broadcast is the corrected one.
 */
function applyPeerUpdate(doc: SharedDoc, update: Uint8Array, origin: Peer, textLocked: boolean) {
  const writer = origin.userId;
  if (!writer) throw new MalformedMessage("an update from a peer nobody signed in as");
  const decoded = Y.decodeUpdate(update);
  const problem = structProblem(decoded);
  if (problem) throw new MalformedMessage(problem);
  const foreign = foreignClientId(doc, origin, writtenClientIds(doc, decoded));
  if (foreign !== null) {
    throw new MalformedMessage(`client id ${foreign} belongs to another person`, { code: 1003, reason: "client id in use by another person" });
  }
  // Decoding the whole update (to bound it) also validates it before any of it is applied.
  if (textLengthBound(doc, update) > MAX_DOCUMENT_CHARS) {
    const limit = MAX_DOCUMENT_CHARS.toLocaleString("en-GB");
    throw new MalformedMessage("too large", { code: CLOSE_TOO_LARGE, reason: `a document holds at most ${limit} characters` });
  }
  if (textLocked && changesText(doc, update)) throw new MalformedMessage("the text is fixed during a coding round");
  // A local transaction: the server's own corrections in it are not mistaken for another
  // client using the server's client id.
  doc.transact((transaction) => {
    Y.applyUpdate(doc, update, origin);
    guardCodings(doc, transaction, writer);
  }, origin);
}

/**
 * Handles one incoming message for a doc and returns the reply, if any. Document updates
 * from a read-only peer are dropped (their sync requests and presence are still served).
 * Anything that does not parse throws MalformedMessage, before touching the doc; so does an
 * update that would make the text longer than a document may be.
 */
export function handleMessage(
  doc: SharedDoc,
  awareness: awarenessProtocol.Awareness,
  message: Uint8Array,
  origin: Peer,
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
        // Only what the doc has applied: never structs it holds back for a missing dependency.
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, encodeAppliedState(doc, decoding.readVarUint8Array(decoder)));
        return encoding.toUint8Array(encoder);
      }
      if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
        throw new MalformedMessage(`unknown sync message type ${syncType}`);
      }
      const update = decoding.readVarUint8Array(decoder);
      if (readOnly) return null;
      applyPeerUpdate(doc, update, origin, textLocked);
      return null;
    }
    if (type === MESSAGE_AWARENESS) {
      const own = filterOwnAwareness(doc, origin, decoding.readVarUint8Array(decoder));
      if (own) awarenessProtocol.applyAwarenessUpdate(awareness, own, origin);
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
