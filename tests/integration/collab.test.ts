import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "~/lib/collab/doc-model";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { connectDoc, until, waitFor } from "../setup/collab-client";
import { createTestDatabase, type TestDatabase } from "../setup/test-db";
import { wsToken } from "../setup/live-server";
import { startTestServer, type TestServer } from "../setup/test-server";

let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const clients: Array<{ destroy(): void }> = [];
afterAll(() => clients.forEach((c) => c.destroy()));

/** A project with an owner (token), a document and a code. */
async function setup(text = "The quick brown fox jumps over the lazy dog.") {
  const owner = await signedUpClient(server.url, "Owner");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Collab" });
  const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, {
    title: "Interview 1",
    kind: "interview",
    text,
  });
  const { body: code } = await owner.client.post(`/api/v1/projects/${project.id}/codes`, { name: "Speed" });
  const { body: token } = await owner.client.post("/api/v1/tokens", { name: "ws" });
  return { owner, project, doc, code, token: token.token as string };
}

function open(room: string, token: string) {
  const client = connectDoc(server.url, room, token);
  clients.push(client);
  return client;
}


describe("real-time documents", () => {
  it("serves the document's text, and two clients editing at once converge", async () => {
    const { doc, token } = await setup("Hello world");
    const a = open(doc.id, token);
    const b = open(doc.id, token);
    await Promise.all([a.synced(), b.synced()]);
    expect(a.text()).toBe("Hello world");
    textOf(a.doc).insert(0, "A: ");
    textOf(b.doc).insert(11, " (B)");
    await waitFor(() => a.text() === b.text() && a.text().length === 18, "convergence");
    expect(a.text()).toBe("A: Hello world (B)");
  });

  it("keeps a coding on its words through concurrent inserts before, inside and after it", async () => {
    const { owner, doc, code, token } = await setup("The quick brown fox");
    const coded = await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 4, end: 15 });
    expect(coded.status).toBe(201);
    expect(coded.body).toEqual({ id: expect.any(String), codeId: code.id, start: 4, end: 15, quote: "quick brown" });

    const before = open(doc.id, token);
    const inside = open(doc.id, token);
    const after = open(doc.id, token);
    await Promise.all([before.synced(), inside.synced(), after.synced()]);
    textOf(before.doc).insert(0, "Well, ");
    textOf(inside.doc).insert(9, " very");
    textOf(after.doc).insert(19, "!");
    await waitFor(() => before.text() === "Well, The quick very brown fox!" && after.text() === before.text(), "edits");

    const [coding] = after.codings();
    expect(coding).toMatchObject({ quote: "quick very brown", orphaned: false });
    // The API reads the live state, including what was typed a moment ago.
    const live = await owner.client.get(`/api/v1/documents/${doc.id}`);
    expect(live.body.text).toBe("Well, The quick very brown fox!");
    expect(live.body.codings).toEqual([
      expect.objectContaining({ id: coded.body.id, codeId: code.id, start: 10, end: 26, quote: "quick very brown" }),
    ]);
  });

  it("marks a coding orphaned when all of its text is deleted, instead of losing it", async () => {
    const { owner, doc, code, token } = await setup("keep DROP keep");
    await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 5, end: 9 });
    const c = open(doc.id, token);
    await c.synced();
    textOf(c.doc).delete(5, 5);
    await waitFor(() => c.text() === "keep keep", "deletion");
    const live = await owner.client.get(`/api/v1/documents/${doc.id}`);
    expect(live.body.codings).toEqual([expect.objectContaining({ orphaned: true, quote: "" })]);
  });

  it("sends an API coding to connected clients at once", async () => {
    const { owner, doc, code, token } = await setup();
    const c = open(doc.id, token);
    await c.synced();
    await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 4, end: 9 });
    await waitFor(() => c.codings().length === 1, "the coding");
    expect(c.codings()[0]).toMatchObject({ codeId: code.id, quote: "quick" });
  });

  it("answers 422 for an empty range, one outside the text, or a code from elsewhere", async () => {
    const { owner, doc, code } = await setup("short");
    const post = (body: object) => owner.client.post(`/api/v1/documents/${doc.id}/codings`, body);
    expect((await post({ codeId: code.id, start: 2, end: 2 })).status).toBe(422);
    expect((await post({ codeId: code.id, start: 3, end: 99 })).status).toBe(422);
    expect((await post({ codeId: code.id, start: -1, end: 2 })).status).toBe(422);
    const other = await setup();
    const foreign = await post({ codeId: other.code.id, start: 0, end: 2 });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe("unknown_code");
  });
});

describe("access", () => {
  it("refuses the upgrade without credentials (401) and to a non-member (403)", async () => {
    const { doc } = await setup();
    const status = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.once("open", () => resolve(101));
      });
    const base = `${server.url.replace("http", "ws")}/collab/${doc.id}`;
    expect(await status(base)).toBe(401);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect(await status(`${base}?token=${await wsToken(stranger.client)}`)).toBe(403);
    expect(await status(`${server.url.replace("http", "ws")}/collab/no-such-doc?token=${await wsToken(stranger.client)}`)).toBe(403);
  });

  it("lets a reviewer watch but drops their edits", async () => {
    const { owner, project, doc, token } = await setup("Original");
    const reviewer = await signedUpClient(server.url, "Reviewer");
    await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: reviewer.user.email, role: "reviewer" });
    const r = open(doc.id, await wsToken(reviewer.client));
    const o = open(doc.id, token);
    await Promise.all([r.synced(), o.synced()]);
    textOf(r.doc).insert(0, "HACKED ");
    textOf(o.doc).insert(8, " text");
    await waitFor(() => r.text().endsWith("Original text"), "the owner's edit reaching the reviewer");
    expect(o.text()).toBe("Original text");
    expect((await owner.client.get(`/api/v1/documents/${doc.id}`)).body.text).toBe("Original text");
  });

  it("disconnects a member the moment they are removed, and a role change makes them reconnect", async () => {
    const { owner, project, doc } = await setup("Shared");
    const coder = await signedUpClient(server.url, "Coder");
    const reviewer = await signedUpClient(server.url, "Reviewer");
    for (const [who, role] of [[coder, "coder"], [reviewer, "coder"]] as const) {
      await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: who.user.email, role });
    }
    const c = open(doc.id, await wsToken(coder.client));
    const r = open(doc.id, await wsToken(reviewer.client));
    await Promise.all([c.synced(), r.synced()]);
    const closeCode = (client: ReturnType<typeof open>) =>
      new Promise<number>((resolve) => client.provider.ws?.addEventListener("close", (e) => resolve((e as CloseEvent).code)));
    const removed = closeCode(c);
    const demoted = closeCode(r);
    await owner.client.delete(`/api/v1/projects/${project.id}/members/${coder.user.id}`);
    await owner.client.patch(`/api/v1/projects/${project.id}/members/${reviewer.user.id}`, { role: "reviewer" });
    expect(await removed).toBe(4403);
    expect(await demoted).toBe(1012);
    // The demoted member reconnects by themselves, now read-only.
    await waitFor(() => r.provider.wsconnected && r.provider.synced, "the reviewer reconnecting");
    textOf(r.doc).insert(0, "Not any more: ");
    await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: (await owner.client.get(`/api/v1/projects/${project.id}/codes`)).body.codes[0].id, start: 0, end: 6 });
    await waitFor(() => r.codings().length === 1, "the owner's coding reaching the reviewer");
    expect((await owner.client.get(`/api/v1/documents/${doc.id}`)).body.text).toBe("Shared");
  });

  it("closes a socket that sends a malformed message, and only that one", async () => {
    const { doc, token } = await setup("steady");
    const good = open(doc.id, token);
    await good.synced();
    const bad = new WebSocket(`${server.url.replace("http", "ws")}/collab/${doc.id}?token=${token}`);
    await new Promise((r) => bad.once("open", r));
    const closed = new Promise<number>((r) => bad.once("close", (code) => r(code)));
    bad.send(Buffer.from([0, 2, 200, 1, 2, 3])); // a sync update whose payload is garbage
    expect(await closed).toBe(1003);
    const other = open(doc.id, token);
    await other.synced();
    textOf(other.doc).insert(6, " on");
    await waitFor(() => good.text() === "steady on", "the good client still receiving");
  });
});

describe("durability", () => {
  it("keeps text and codings across a server restart", async () => {
    const { owner, doc, code, token } = await setup("Before restart");
    await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 0, end: 6 });
    const c = open(doc.id, token);
    await c.synced();
    textOf(c.doc).insert(14, ", typed live");
    await waitFor(() => c.text() === "Before restart, typed live", "edit");
    await until(
      async () => (await owner.client.get(`/api/v1/documents/${doc.id}`)).body.text === "Before restart, typed live",
      "the edit reaching the server",
    );
    c.destroy();
    const cookie = owner.client.cookie;
    await server.close();
    server = await startTestServer({ database });
    const again = new ApiClient(server.url);
    again.cookie = cookie;
    const live = await again.get(`/api/v1/documents/${doc.id}`);
    expect(live.body.text).toBe("Before restart, typed live");
    expect(live.body.codings).toEqual([expect.objectContaining({ quote: "Before", codeId: code.id })]);
  });
});
