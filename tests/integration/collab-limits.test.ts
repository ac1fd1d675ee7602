import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { textOf } from "~/lib/collab/doc-model";
import { MAX_DOCUMENT_CHARS } from "~/lib/validation/schemas";
import { signedUpClient } from "../setup/api-client";
import { until, waitFor } from "../setup/collab-client";
import { useLiveServer, wsToken } from "../setup/live-server";

const live = useLiveServer({ collab: { flushIntervalMs: 20 } });
const open = live.open;

async function setup(text: string) {
  const owner = await signedUpClient(live.server.url, "Owner");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Limits" });
  const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, { title: "Long", kind: "interview", text });
  return { owner, projectId: project.id as string, documentId: doc.id as string, token: await wsToken(owner.client) };
}


/** A y-protocols awareness message about one client id. */
function awarenessMessage(clientId: number, clock: number, state: object | null) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1); // awareness
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

const closeOf = (client: ReturnType<typeof open>) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    client.provider.ws!.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })),
  );

describe("the document size limit over the websocket", () => {
  it("refuses an update that would take the text past 5,000,000 characters, and tells the peer", async () => {
    const s = await setup("start");
    const liveLength = async () => ((await s.owner.client.get(`/api/v1/documents/${s.documentId}`)).body.text as string).length;
    const writer = open(s.documentId, s.token);
    const watcher = open(s.documentId, s.token);
    await Promise.all([writer.synced(), watcher.synced()]);
    const chunk = "x".repeat(4_000_000);
    textOf(writer.doc).insert(5, chunk);
    await waitFor(() => watcher.text().length === 4_000_005, "the first insert", 20_000);

    const closed = closeOf(writer);
    textOf(writer.doc).insert(0, chunk);
    expect(await closed).toEqual({ code: 4413, reason: "a document holds at most 5,000,000 characters" });
    textOf(writer.doc).insert(0, chunk);
    expect(await liveLength()).toBe(4_000_005);
    expect(watcher.text().length).toBe(4_000_005);
    expect(await liveLength()).toBeLessThanOrEqual(MAX_DOCUMENT_CHARS);

    // Replacing the text with as much again is within the limit: what it deletes counts.
    textOf(watcher.doc).delete(0, 4_000_005);
    textOf(watcher.doc).insert(0, "y".repeat(4_500_000));
    await until(async () => (await liveLength()) === 4_500_000, "the replacement", 20_000);
  }, 60_000);
});

describe("presence", () => {
  it("takes awareness updates only for the client ids a socket owns, even from a reader", async () => {
    const s = await setup("Shared");
    const reviewer = await signedUpClient(live.server.url, "Reviewer");
    await s.owner.client.post(`/api/v1/projects/${s.projectId}/members`, { email: reviewer.user.email, role: "reviewer" });
    const alice = open(s.documentId, s.token);
    const mallory = open(s.documentId, await wsToken(reviewer.client));
    const watcher = open(s.documentId, s.token);
    await Promise.all([alice.synced(), mallory.synced(), watcher.synced()]);
    alice.provider.awareness.setLocalStateField("user", { name: "Alice" });
    mallory.provider.awareness.setLocalStateField("user", { name: "Mallory" });
    const nameOf = (clientId: number) => (watcher.provider.awareness.getStates().get(clientId)?.user as { name?: string })?.name;
    await waitFor(() => nameOf(alice.doc.clientID) === "Alice" && nameOf(mallory.doc.clientID) === "Mallory", "both present");

    // Mallory renames Alice, removes her, then (so we know the server has read it all) renames herself.
    const send = (message: Uint8Array) => (mallory.provider.ws as unknown as WebSocket).send(message);
    send(awarenessMessage(alice.doc.clientID, 1000, { user: { name: "Alice (hacked)" } }));
    send(awarenessMessage(alice.doc.clientID, 2000, null));
    mallory.provider.awareness.setLocalStateField("user", { name: "Mallory moved" });
    await waitFor(() => nameOf(mallory.doc.clientID) === "Mallory moved", "Mallory's own change");
    expect(nameOf(alice.doc.clientID)).toBe("Alice");
    expect(alice.provider.wsconnected).toBe(true);

    // Alice's own changes still go through.
    alice.provider.awareness.setLocalStateField("user", { name: "Alice again" });
    await waitFor(() => nameOf(alice.doc.clientID) === "Alice again", "Alice's own change");
  });
});

describe("room names", () => {
  it("answers 400 to a room name whose %-escapes do not decode", async () => {
    const s = await setup("x");
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${live.server.url.replace("http", "ws")}/collab/%E0%A4%A?token=${s.token}`);
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => resolve(101));
      ws.once("error", () => resolve(-1));
    });
    expect(status).toBe(400);
  });
});
