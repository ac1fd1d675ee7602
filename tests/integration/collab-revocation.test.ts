import { sql } from "drizzle-orm";
import WebSocket from "ws";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { wsTokenWithId } from "../setup/live-server";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * A socket lives no longer than the credential it was opened with: a revoked token, a logout
 * or an expired session closes it (4401, which the stock client does not retry), and the
 * person's other sockets, opened with credentials that still hold, stay open.
 */
let server: TestServer;
beforeAll(async () => {
  // A quick sweep so an expiry, which no request announces, is seen within the test's wait.
  server = await startTestServer({ collab: { credentialSweepMs: 200 } });
});
afterAll(() => server?.close());

const sockets: WebSocket[] = [];
afterAll(() => sockets.forEach((s) => s.terminate()));

interface Open {
  ws: WebSocket;
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<number>;
}

async function open(documentId: string, auth: { token?: string; cookie?: string }): Promise<Open> {
  const query = auth.token ? `?token=${auth.token}` : "";
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/collab/${documentId}${query}`, {
    headers: auth.cookie ? { cookie: auth.cookie } : {},
  });
  sockets.push(ws);
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return { ws, closed };
}

async function documentOf(client: ApiClient) {
  const { body: project } = await client.post("/api/v1/projects", { name: "Revocation" });
  const { body: doc } = await client.post(`/api/v1/projects/${project.id}/documents`, { title: "D", kind: "interview", text: "Words." });
  return doc.id as string;
}

/** The close code, or "open" if the socket is still open after `ms`. */
const within = (s: Open, ms: number) =>
  Promise.race([s.closed, new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms))]);

it("closes the sockets of a revoked token, and only those", async () => {
  const { client } = await signedUpClient(server.url, "Revoker");
  const documentId = await documentOf(client);
  const [revoked, kept] = [await wsTokenWithId(client), await wsTokenWithId(client)];
  const a = await open(documentId, { token: revoked.token });
  const b = await open(documentId, { token: kept.token });
  expect((await client.delete(`/api/v1/tokens/${revoked.id}`)).status).toBe(204);
  expect(await within(a, 5000)).toBe(4401);
  // A sweep has run (it closed a): the other token's socket was checked and kept.
  expect(b.ws.readyState).toBe(WebSocket.OPEN);
});

it("closes a session's sockets when it logs out", async () => {
  const { client } = await signedUpClient(server.url, "Leaver");
  const documentId = await documentOf(client);
  const token = await wsTokenWithId(client);
  const bySession = await open(documentId, { cookie: client.cookie! });
  const byToken = await open(documentId, { token: token.token });
  expect((await client.post("/api/v1/auth/logout")).status).toBe(204);
  expect(await within(bySession, 5000)).toBe(4401);
  expect(byToken.ws.readyState).toBe(WebSocket.OPEN);
});

it("closes a session's sockets when it expires, with no request to say so", async () => {
  const { client, user } = await signedUpClient(server.url, "Expirer");
  const documentId = await documentOf(client);
  const socket = await open(documentId, { cookie: client.cookie! });
  await server.database.handle.db.execute(sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${user.id}`);
  expect(await within(socket, 5000)).toBe(4401);
});
