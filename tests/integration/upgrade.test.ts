import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The websocket seam the collaboration server plugs into: authentication happens during the
 * HTTP upgrade, before any socket is accepted.
 */
const wss = new WebSocketServer({ noServer: true });
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    upgradeRoutes: {
      "/echo": (req, socket, head, auth) =>
        wss.handleUpgrade(req, socket, head, (ws) => ws.send(`hello ${auth.user.name}`)),
    },
  });
});
afterAll(async () => {
  wss.close();
  await server?.close();
});

function connect(path: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(server.url.replace("http", "ws") + path, { headers });
  return new Promise<{ status?: number; message?: string }>((resolve) => {
    ws.once("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode });
      ws.terminate();
    });
    ws.once("message", (data) => {
      resolve({ message: String(data) });
      ws.close();
    });
    ws.once("error", () => resolve({}));
  });
}

it("refuses the upgrade with 401 when there are no credentials", async () => {
  expect(await connect("/echo/doc-1")).toEqual({ status: 401 });
});

it("accepts a session cookie and a ?token= personal access token", async () => {
  const { client } = await signedUpClient(server.url, "Ws");
  expect(await connect("/echo/doc-1", { cookie: client.cookie! })).toEqual({ message: "hello Ws" });
  const { body } = await client.post("/api/v1/tokens", { name: "ws" });
  expect(await connect(`/echo/doc-1?token=${body.token}`)).toEqual({ message: "hello Ws" });
  expect(await connect("/echo/doc-1?token=thk_wrong")).toEqual({ status: 401 });
});

it("refuses a cross-site upgrade (websocket hijacking) with 403", async () => {
  const { client } = await signedUpClient(server.url, "Hijack");
  expect(await connect("/echo/doc-1", { cookie: client.cookie!, origin: "https://evil.example" })).toEqual({
    status: 403,
  });
});

it("answers 404 on a path no websocket route claims", async () => {
  expect(await connect("/elsewhere")).toEqual({ status: 404 });
});
