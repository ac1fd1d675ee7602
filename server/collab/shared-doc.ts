import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { encodeAwareness, encodeUpdate } from "./messages";

/** Which sign-in a connection was opened with, so it can be closed when that sign-in ends. */
export type Credential = { kind: "session"; id: string } | { kind: "token"; id: string };

/** What a SharedDoc needs from a connection: somewhere to send bytes. */
export interface Peer {
  send(message: Uint8Array): void;
  /** Ends the connection (the document was deleted, access was revoked). */
  close(code: number, reason: string): void;
  /** Whose connection this is, so membership changes can reach it. */
  readonly userId?: string;
  /** The session or access token it authenticated with (absent for in-process peers). */
  readonly credential?: Credential;
}

/** Origin of changes the server makes itself (API writes, loading, codebook mirroring). */
export const SERVER_ORIGIN = Symbol("thicket-server");

/**
 * One live document in memory with its connected peers. Every update is broadcast to every
 * peer (including the one that sent it, as the reference server does) and to the listeners
 * that persist and project it.
 *
 * A logged doc (`holdUntilLogged`) is a group commit: an update is applied at once, but sent to
 * peers only after `markLogged` says the update log holds it, so no peer ever sees an edit a
 * crash could lose. Only the sender can hold an unlogged edit, and its client sends it again
 * when it reconnects. The codebook mirror, rebuilt from the codes table, is never held.
 */
export class SharedDoc extends Y.Doc {
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the awareness client ids it controls, removed when it leaves. */
  readonly peers = new Map<Peer, Set<number>>();
  lastActive = Date.now();
  holdUntilLogged = false;
  /** How many updates were applied, and how many of them are in the update log. */
  private applied = 0;
  private logged = 0;
  /** Sends waiting for the log, in the order they were made, each with the update it needs. */
  private held: Array<{ seq: number; run: () => void }> = [];

  constructor(readonly name: string) {
    super({ gc: true });
    this.awareness = new awarenessProtocol.Awareness(this);
    this.awareness.setLocalState(null);
    this.on("update", (update: Uint8Array) => {
      this.lastActive = Date.now();
      this.applied++;
      const message = encodeUpdate(update);
      this.afterLogged(() => {
        for (const peer of this.peers.keys()) peer.send(message);
      });
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

  /** The number of the newest applied update (what a batch taken now reaches). */
  get appliedSeq(): number {
    return this.applied;
  }

  /** Whether every applied update is in the log. */
  get allLogged(): boolean {
    return this.logged >= this.applied;
  }

  /**
   * Runs `send` once every update applied so far is logged: at once when nothing is waiting.
   * Anything that shows the doc's state to a peer (a broadcast, a sync reply) goes through here.
   */
  afterLogged(send: () => void): void {
    if (!this.holdUntilLogged || this.allLogged) send();
    else this.held.push({ seq: this.applied, run: send });
  }

  /** The log now holds every update up to `seq`: release what waited for them, in order. */
  markLogged(seq: number): void {
    this.logged = Math.max(this.logged, seq);
    while (this.held.length > 0 && this.held[0]!.seq <= this.logged) this.held.shift()!.run();
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
