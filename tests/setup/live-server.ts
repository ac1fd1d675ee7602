import { afterAll, beforeAll } from "vitest";
import type { ApiClient } from "./api-client";
import { connectDoc, type DocAuth } from "./collab-client";
import { startTestServer, type TestServer, type TestServerOptions } from "./test-server";

/** A personal access token for the websocket (`?token=`), as the stock client would be given. */
export async function wsToken(client: ApiClient): Promise<string> {
  return (await wsTokenWithId(client)).token;
}

/** The same, with the token's id (to revoke it). */
export async function wsTokenWithId(client: ApiClient): Promise<{ id: string; token: string }> {
  const res = await client.post("/api/v1/tokens", { name: "ws" });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; token: string };
}

/**
 * One real server for a test file, started before its tests and closed after them together
 * with every stock y-websocket client the file opened through `open`.
 */
export function useLiveServer(opts: TestServerOptions = {}) {
  const clients: Array<{ destroy(): void }> = [];
  const live = {
    server: undefined as unknown as TestServer,
    open(room: string, auth: DocAuth) {
      const client = connectDoc(live.server.url, room, auth);
      clients.push(client);
      return client;
    },
  };
  beforeAll(async () => {
    live.server = await startTestServer(opts);
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await live.server?.close();
  });
  return live;
}
