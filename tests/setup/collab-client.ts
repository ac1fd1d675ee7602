import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { resolveCodings, textOf } from "~/lib/collab/doc-model";

/** A personal access token (sent as `?token=`), or a session cookie as a browser sends it. */
export type DocAuth = string | { cookie: string };

/** `ws` that sends a cookie with its upgrade, as a browser would: the stock client passes only url and protocols. */
function sendingCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

/** The stock y-websocket client, in Node, authenticated with a personal access token or a session cookie. */
export function connectDoc(serverUrl: string, room: string, auth: DocAuth) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, "ws")}/collab`, room, doc, {
    WebSocketPolyfill: (typeof auth === "string" ? WebSocket : sendingCookie(auth.cookie)) as unknown as typeof globalThis.WebSocket,
    params: typeof auth === "string" ? { token: auth } : {},
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    /** The code of a close the server meant for good (4xxx: signed out, no access…); the client stops there. */
    closed: new Promise<number>((resolve) => provider.once("closed", (event) => resolve(event.code))),
    text: () => textOf(doc).toString(),
    codings: () => resolveCodings(doc),
    synced: () => waitFor(() => provider.synced, "initial sync"),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls a condition every 10 ms; fails with a message after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Like waitFor, for an async condition (e.g. an API read). */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
