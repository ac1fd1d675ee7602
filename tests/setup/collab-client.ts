import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { resolveCodings, textOf } from "~/lib/collab/doc-model";

/** The stock y-websocket client, in Node, authenticated with a personal access token. */
export function connectDoc(serverUrl: string, room: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, "ws")}/collab`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
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
