import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

/** y-websocket framing: a sync message (0) of the given sync type wrapping `payload`. */
export function syncMessage(syncType: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An awareness message (1) with one entry per [clientId, clock, state]. */
export function awarenessMessage(entries: Array<[number, number, unknown]>): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  return encoding.toUint8Array(e);
}

/** A query-awareness message (3): the server answers it, so it marks a point in the stream. */
export const QUERY_AWARENESS = new Uint8Array([3]);

/**
 * A hand-written v1 update of string items, each [client, clock, origin, text]: what no honest
 * Yjs writes (an origin that is the item itself, or an item that does not exist).
 */
export function craftUpdate(items: Array<[number, number, Y.ID | null, string]>): Uint8Array {
  const enc = new Y.UpdateEncoderV1();
  encoding.writeVarUint(enc.restEncoder, items.length);
  for (const [client, clock, origin, text] of items) {
    encoding.writeVarUint(enc.restEncoder, 1);
    enc.writeClient(client);
    encoding.writeVarUint(enc.restEncoder, clock);
    if (origin) {
      enc.writeInfo(4 | 0x80); // a string, with an origin
      enc.writeLeftID(origin);
    } else {
      enc.writeInfo(4); // a string in a named root type
      enc.writeParentInfo(true);
      enc.writeString("text");
    }
    enc.writeString(text);
  }
  encoding.writeVarUint(enc.restEncoder, 0); // no deletions
  return enc.toUint8Array();
}

/**
 * The update a writer under `clientId` would send after inserting `text` at `index` in a doc
 * holding `state` (a valid update, whoever's id it uses).
 */
export function insertUpdate(state: Uint8Array, clientId: number, index: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // Set after loading: Yjs picks a new id when a load holds its own id's items.
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  const t = doc.getText("text");
  t.insert(Math.min(index, t.length), text);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/** A raw websocket to a collab room: what a hostile or broken client sends, frame by frame. */
export async function rawSocket(serverUrl: string, room: string, token: string) {
  const ws = new WebSocket(`${serverUrl.replace(/^http/, "ws")}/collab/${encodeURIComponent(room)}?token=${token}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return {
    ws,
    closed,
    send: (message: Uint8Array) => new Promise<void>((resolve) => ws.send(message, () => resolve())),
    /** Resolves once the server answered an awareness query sent now, or closed the socket. */
    roundTrip: () =>
      new Promise<"answered" | "closed">((resolve) => {
        if (ws.readyState !== ws.OPEN) return resolve("closed");
        const onMessage = (data: Buffer) => {
          if (data[0] !== 1) return;
          ws.off("message", onMessage);
          resolve("answered");
        };
        ws.on("message", onMessage);
        void closed.then(() => resolve("closed"));
        ws.send(QUERY_AWARENESS);
      }),
  };
}
