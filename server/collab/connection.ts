import type WebSocket from "ws";
import { encodeAwareness, encodeSyncStep1, handleMessage, MalformedMessage } from "./messages";
import type { Credential, Peer, SharedDoc } from "./shared-doc";

export interface ConnectionLimits {
  /** A peer whose unsent backlog passes this many bytes is closed, not buffered further. */
  maxBufferedBytes: number;
  /** How often a ping is sent; a peer that missed the previous pong is dropped. */
  pingIntervalMs: number;
}

/**
 * Close codes: 1003 unsupported data (malformed), 1013 try again later (too slow), 4404 the
 * document was deleted, 4403 access revoked, 4401 signed out, 1012 reconnect (role changed).
 */
export const CLOSE_MALFORMED = 1003;
export const CLOSE_SLOW = 1013;
export const CLOSE_GONE = 4404;
/** Removed from the project: the stock client does not retry 44xx codes. */
export const CLOSE_REVOKED = 4403;
export { CLOSE_SIGNED_OUT } from "../../app/lib/collab/close-codes";
/** Role changed: the client reconnects and gets its new rights (e.g. read-only). */
export const CLOSE_RECONNECT = 1012;

/**
 * Binds one websocket to one SharedDoc. The socket may have sent messages while the doc was
 * loading: those are passed in `early` and handled first, after the doc's first sync step.
 */
export function serveConnection(
  ws: WebSocket,
  doc: SharedDoc,
  opts: {
    readOnly: boolean;
    /** Codings may change but the text may not (a coder's layer in a coding round). */
    textLocked?: boolean;
    limits: ConnectionLimits;
    early: Uint8Array[];
    userId?: string;
    /** The sign-in the socket was opened with: when it ends, the socket is closed. */
    credential?: Credential;
    onClose?: () => void;
  },
) {
  let alive = true;
  const peer: Peer = {
    userId: opts.userId,
    credential: opts.credential,
    send(message) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > opts.limits.maxBufferedBytes) {
        ws.close(CLOSE_SLOW, "too slow to keep up");
        return;
      }
      ws.send(message, (err) => {
        if (err) ws.terminate();
      });
    },
    close: (code, reason) => ws.close(code, reason),
  };

  const onMessage = (data: Uint8Array) => {
    // A socket the server is closing (or that closed) is done: `ws` still delivers frames that
    // arrived behind a refused one, and none of them may be applied or broadcast.
    if (ws.readyState !== ws.OPEN) return;
    try {
      const reply = handleMessage(doc, doc.awareness, data, peer, opts.readOnly, opts.textLocked);
      // A sync reply shows the doc's state: like a broadcast, it waits for the log.
      if (reply) doc.afterLogged(() => peer.send(reply));
    } catch (err) {
      if (!(err instanceof MalformedMessage)) throw err;
      ws.close(err.close.code, err.close.reason);
    }
  };

  doc.addPeer(peer);
  ws.on("message", (data: Buffer) => onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  ws.on("pong", () => {
    alive = true;
  });
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, opts.limits.pingIntervalMs);
  ws.once("close", () => {
    clearInterval(ping);
    doc.removePeer(peer);
    opts.onClose?.();
  });

  peer.send(encodeSyncStep1(doc));
  const present = [...doc.awareness.getStates().keys()];
  if (present.length > 0) peer.send(encodeAwareness(doc.awareness, present));
  for (const message of opts.early) onMessage(message);
}
