import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { encodeAwareness, encodeUpdate } from "./messages";

/** What a SharedDoc needs from a connection: somewhere to send bytes. */
export interface Peer {
  send(message: Uint8Array): void;
  /** Ends the connection (the document was deleted, access was revoked). */
  close(code: number, reason: string): void;
  /** Whose connection this is, so membership changes can reach it. */
  readonly userId?: string;
}

/** Origin of changes the server makes itself (API writes, loading, codebook mirroring). */
export const SERVER_ORIGIN = Symbol("thicket-server");

/**
 * One live document in memory with its connected peers. Every update is broadcast to every
 * peer (including the one that sent it, as the reference server does) and to the listeners
 * that persist and project it.
 */
export class SharedDoc extends Y.Doc {
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the awareness client ids it controls, removed when it leaves. */
  readonly peers = new Map<Peer, Set<number>>();
  lastActive = Date.now();

  constructor(readonly name: string) {
    super({ gc: true });
    this.awareness = new awarenessProtocol.Awareness(this);
    this.awareness.setLocalState(null);
    this.on("update", (update: Uint8Array) => {
      this.lastActive = Date.now();
      const message = encodeUpdate(update);
      for (const peer of this.peers.keys()) peer.send(message);
    });
    this.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        const controlled = this.peers.get(origin as Peer);
        if (controlled) {
          for (const id of added) controlled.add(id);
          for (const id of removed) controlled.delete(id);
        }
        const message = encodeAwareness(this.awareness, changed);
        for (const peer of this.peers.keys()) peer.send(message);
      },
    );
  }

  addPeer(peer: Peer) {
    this.peers.set(peer, new Set());
    this.lastActive = Date.now();
  }

  removePeer(peer: Peer) {
    const controlled = this.peers.get(peer);
    this.peers.delete(peer);
    this.lastActive = Date.now();
    if (controlled && controlled.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    }
  }
}
