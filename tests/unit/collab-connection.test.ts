import { EventEmitter } from "node:events";
import type WebSocket from "ws";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CLOSE_MALFORMED, CLOSE_SLOW, serveConnection } from "../../server/collab/connection";
import { encodeUpdate } from "../../server/collab/messages";
import { SharedDoc } from "../../server/collab/shared-doc";

/**
 * The real connection and doc code over a socket whose send backlog the test controls: the
 * kernel's loopback buffers make a real slow reader take tens of megabytes to show.
 */
class ScriptedSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: Uint8Array[] = [];
  closedWith: number | null = null;
  send(data: Uint8Array, cb?: (err?: Error) => void) {
    this.sent.push(data);
    cb?.();
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
    this.emit("close", code);
  }
  ping() {}
  terminate() {
    this.close(1006);
  }
}

const limits = { maxBufferedBytes: 1024, pingIntervalMs: 60_000 };

function connect(doc: SharedDoc, readOnly = false) {
  const socket = new ScriptedSocket();
  // Every real connection is someone's: the server stamps their codings with it.
  serveConnection(socket as unknown as WebSocket, doc, { readOnly, limits, early: [], userId: "u" });
  return socket;
}

describe("serveConnection", () => {
  it("greets a peer with the first sync step", () => {
    const socket = connect(new SharedDoc("d"));
    expect(socket.sent).toHaveLength(1);
    expect(socket.sent[0]![0]).toBe(0); // a sync message
  });

  it("closes a peer whose backlog passes the limit, and keeps serving the others", () => {
    const doc = new SharedDoc("d");
    const slow = connect(doc);
    const fine = connect(doc);
    slow.bufferedAmount = 4096;
    doc.getText("text").insert(0, "hello");
    expect(slow.closedWith).toBe(CLOSE_SLOW);
    expect(fine.closedWith).toBeNull();
    expect(fine.sent.length).toBe(2); // greeting + the update
    expect(doc.peers.size).toBe(1);
  });

  it("closes a peer that sends a malformed message without touching the doc", () => {
    const doc = new SharedDoc("d");
    doc.getText("text").insert(0, "intact");
    const bad = connect(doc);
    bad.emit("message", Buffer.from([0, 2, 250, 1, 2]));
    expect(bad.closedWith).toBe(CLOSE_MALFORMED);
    expect(doc.getText("text").toString()).toBe("intact");
  });

  it("applies a writer's update and drops a read-only peer's", () => {
    const doc = new SharedDoc("d");
    const writer = connect(doc);
    const reader = connect(doc, true);
    const update = (text: string) => {
      const other = new Y.Doc();
      other.getText("text").insert(0, text);
      return Buffer.from(encodeUpdate(Y.encodeStateAsUpdate(other)));
    };
    reader.emit("message", update("from the reviewer"));
    expect(doc.getText("text").toString()).toBe("");
    writer.emit("message", update("from the coder"));
    expect(doc.getText("text").toString()).toBe("from the coder");
    expect(reader.closedWith).toBeNull();
  });
});
