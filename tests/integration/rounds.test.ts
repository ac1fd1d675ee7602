import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import WebSocket from "ws";
import { addCoding, textOf } from "~/lib/collab/doc-model";
import { queryRows } from "~/lib/datasets/query.server";
import { roundRoom } from "~/lib/rounds/room";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { connectDoc, until, waitFor } from "../setup/collab-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TEXT = "The bus was late again.\n\nThe driver was kind.";
const at = (part: string) => ({ start: TEXT.indexOf(part), end: TEXT.indexOf(part) + part.length });

async function member(owner: ApiClient, projectId: string, name: string, role: string) {
  const person = await signedUpClient(server.url, name);
  await post(owner, `/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  const token = (await person.client.post("/api/v1/tokens", { name: "ws" })).body.token as string;
  return { ...person, token };
}

async function fixture() {
  const owner = await signedUpClient(server.url, "Rhea");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Rounds" })).id as string;
  const [ann, ben, cai] = [
    await member(owner.client, projectId, "Ann", "coder"),
    await member(owner.client, projectId, "Ben", "coder"),
    await member(owner.client, projectId, "Cai", "coder"),
  ];
  const reviewer = await member(owner.client, projectId, "Rev", "reviewer");
  const code = (await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Delay" })).id as string;
  const doc = (await post(owner.client, `/api/v1/projects/${projectId}/documents`, { title: "Bus", kind: "interview", text: TEXT }))
    .id as string;
  return { owner, projectId, ann, ben, cai, reviewer, code, doc };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const startRound = (name: string, coderIds: string[], documentIds = [f.doc]) =>
  f.owner.client.post(`/api/v1/projects/${f.projectId}/rounds`, { name, coderIds, documentIds });

/** The status of an upgrade to `room` for a token: 101 when accepted, else the refusal. */
function upgradeStatus(room: string, token: string) {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/collab/${encodeURIComponent(room)}?token=${token}`);
  return new Promise<number>((resolve) => {
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("open", () => {
      resolve(101);
      ws.close();
    });
    ws.once("error", () => resolve(0));
  });
}

describe("independent coding rounds", () => {
  it("gives each coder a layer of their own, reveals them into the document, and agreement compares them", async () => {
    const started = await startRound("Pilot", [f.ann.user.id, f.ben.user.id]);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const roundId = started.body.id as string;
    expect(started.body).toMatchObject({ name: "Pilot", status: "open", documents: [{ id: f.doc, title: "Bus" }] });

    const layer = (who: { user: { id: string } }) => roundRoom({ roundId, coderId: who.user.id, documentId: f.doc });
    const ann = connectDoc(server.url, layer(f.ann), f.ann.token);
    const ben = connectDoc(server.url, layer(f.ben), f.ben.token);
    await Promise.all([ann.synced(), ben.synced()]);
    expect(ann.text()).toBe(TEXT);
    ann.doc.transact(() => addCoding(ann.doc, "a1", { codeId: f.code, ...at("The bus was late again."), authorId: f.ann.user.id }));
    ben.doc.transact(() => addCoding(ben.doc, "b1", { codeId: f.code, ...at("The bus was late"), authorId: f.ben.user.id }));
    ben.doc.transact(() => addCoding(ben.doc, "b2", { codeId: f.code, ...at("The driver was kind."), authorId: f.ben.user.id }));

    // The researcher sees progress; nobody sees another's codings, not even in the document.
    await until(async () => (await f.owner.client.get(`/api/v1/rounds/${roundId}`)).body.coders.every((c: any) => c.codings > 0), "progress");
    const progress = (await f.owner.client.get(`/api/v1/rounds/${roundId}`)).body;
    expect(progress.coders.map((c: any) => [c.name, c.codings])).toEqual([["Ann", 1], ["Ben", 2]]);
    const asAnn = (await f.ann.client.get(`/api/v1/rounds/${roundId}`)).body;
    expect(asAnn.coders.map((c: any) => [c.name, c.codings])).toEqual([["Ann", 1], ["Ben", null]]);
    expect(ann.codings().map((c) => c.id)).toEqual(["a1"]);
    expect((await f.owner.client.get(`/api/v1/documents/${f.doc}`)).body.codings).toEqual([]);
    // During the round a coder reads the document as their layer (their own codings only), and
    // cannot open its shared room (where everyone's codings are).
    await post(f.owner.client, `/api/v1/documents/${f.doc}/codings`, { codeId: f.code, ...at("kind") });
    expect((await f.ann.client.get(`/api/v1/documents/${f.doc}`)).body.codings.map((c: any) => c.id)).toEqual(["a1"]);
    expect(await upgradeStatus(f.doc, f.ann.token)).toBe(403);
    expect(await upgradeStatus(f.doc, f.cai.token)).toBe(101);

    // Another coder's layer, and anyone outside the round, are refused before any Yjs message.
    expect(await upgradeStatus(layer(f.ben), f.ann.token)).toBe(403);
    expect(await upgradeStatus(roundRoom({ roundId, coderId: f.cai.user.id, documentId: f.doc }), f.cai.token)).toBe(403);
    expect(await upgradeStatus(layer(f.ann), f.reviewer.token)).toBe(403);

    // The text is the same for every coder: a layer refuses a change to it.
    const closed = new Promise<number>((r) => ann.provider.ws?.addEventListener("close", (e) => r((e as CloseEvent).code), { once: true }));
    textOf(ann.doc).insert(0, "Edited: ");
    expect(await closed).toBe(1003);
    ann.destroy();
    ben.destroy();

    // A coder cannot reveal; the researcher can, once.
    expect((await f.ann.client.post(`/api/v1/rounds/${roundId}/reveal`, {})).status).toBe(403);
    const revealed = await f.owner.client.post(`/api/v1/rounds/${roundId}/reveal`, {});
    expect(revealed.status, JSON.stringify(revealed.body)).toBe(200);
    expect(revealed.body).toMatchObject({ revealed: 3, unplaced: 0, round: { status: "revealed" } });
    expect((await f.owner.client.post(`/api/v1/rounds/${roundId}/reveal`, {})).status).toBe(409);

    const codings = (await f.owner.client.get(`/api/v1/documents/${f.doc}`)).body.codings as any[];
    const by = (c: any) => (c.authorId === f.ann.user.id ? "Ann" : c.authorId === f.ben.user.id ? "Ben" : "Rhea");
    expect(codings.map((c) => [by(c), c.quote]).sort()).toEqual([
      ["Ann", "The bus was late again."],
      ["Ben", "The bus was late"],
      ["Ben", "The driver was kind."],
      ["Rhea", "kind"],
    ]);
    // The layers are closed once revealed.
    expect(await upgradeStatus(layer(f.ann), f.ann.token)).toBe(403);

    const agreement = await f.owner.client.get(
      `/api/v1/projects/${f.projectId}/agreement?coders=${f.ann.user.id},${f.ben.user.id}&unit=paragraph&documents=${f.doc}`,
    );
    // Two paragraphs: both coded P1; only Ben coded P2.
    expect(agreement.body.perCode[0].percentAgreement).toBeCloseTo(0.5, 10);
  });

  it("refuses a document already in an open round, a coder who cannot code, and a coder from outside", async () => {
    const first = await startRound("Busy", [f.ann.user.id, f.cai.user.id]);
    expect(first.status).toBe(201);
    const again = await startRound("Twice", [f.ben.user.id, f.cai.user.id]);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("“Bus” is already in the open round “Busy”");
    const reviewer = await startRound("Rev", [f.ann.user.id, f.reviewer.user.id]);
    expect(reviewer.status).toBe(422);
    expect(reviewer.body.error.message).toContain("Rev is a reviewer and cannot code");
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await startRound("Out", [f.ann.user.id, stranger.user.id])).status).toBe(422);
    expect((await startRound("One", [f.ann.user.id])).status).toBe(400);

    // Cancelling an open round discards its layers; the document is free again.
    expect((await f.owner.client.delete(`/api/v1/rounds/${first.body.id}`)).status).toBe(204);
    expect((await f.owner.client.get(`/api/v1/rounds/${first.body.id}`)).status).toBe(404);
    const freed = await startRound("After", [f.ben.user.id, f.cai.user.id]);
    expect(freed.status).toBe(201);
    await f.owner.client.delete(`/api/v1/rounds/${freed.body.id}`);
  });

  it("lists rounds to those in them, and answers 404 for another project's round", async () => {
    const round = (await startRound("Listed", [f.ann.user.id, f.ben.user.id])).body;
    const names = async (client: ApiClient) =>
      (await client.get(`/api/v1/projects/${f.projectId}/rounds`)).body.rounds.map((r: any) => r.name);
    expect(await names(f.owner.client)).toContain("Listed");
    expect(await names(f.ann.client)).toContain("Listed");
    expect(await names(f.cai.client)).not.toContain("Listed");
    expect((await f.cai.client.get(`/api/v1/rounds/${round.id}`)).status).toBe(404);
    const other = await signedUpClient(server.url, "Other");
    await post(other.client, "/api/v1/projects", { name: "Elsewhere" });
    expect((await other.client.get(`/api/v1/rounds/${round.id}`)).status).toBe(404);
    expect((await other.client.post(`/api/v1/rounds/${round.id}/reveal`, {})).status).toBe(404);
    await f.owner.client.delete(`/api/v1/rounds/${round.id}`);
  });

  it("takes a redaction into every layer and erases the layers with a deleted document", async () => {
    const secret = "Call Priya on Monday about the bus.";
    const documentId = (await post(f.owner.client, `/api/v1/projects/${f.projectId}/documents`, { title: "Secret", kind: "interview", text: secret })).id as string;
    const round = (await startRound("Consent", [f.ann.user.id, f.ben.user.id], [documentId])).body;
    const room = roundRoom({ roundId: round.id, coderId: f.ann.user.id, documentId });
    const ann = connectDoc(server.url, room, f.ann.token);
    await ann.synced();
    ann.doc.transact(() => addCoding(ann.doc, "p1", { codeId: f.code, start: 5, end: 10, authorId: f.ann.user.id }));
    await until(async () => (await f.owner.client.get(`/api/v1/rounds/${round.id}`)).body.coders[0].codings === 1, "the coding");

    const copies = async (needle: string) => {
      const [row] = await queryRows<{ n: number }>(server.services.db, sql`
        select (select count(*)::int from doc_updates where doc_name like ${"round:%:" + documentId} and position(convert_to(${needle}, 'UTF8') in "update") > 0)
             + (select count(*)::int from doc_snapshots where doc_name like ${"round:%:" + documentId} and position(convert_to(${needle}, 'UTF8') in state) > 0)
             + (select count(*)::int from round_codings where document_id = ${documentId} and position(${needle} in quote) > 0) as n`);
      return Number(row!.n);
    };
    expect(await copies("Priya")).toBeGreaterThan(0);
    const redacted = await f.owner.client.post(`/api/v1/documents/${documentId}/redactions`, { start: 5, end: 10, label: "NAME" });
    expect(redacted.status, JSON.stringify(redacted.body)).toBe(200);
    await waitFor(() => ann.text() === "Call [NAME] on Monday about the bus.", "the redaction reaching the coder's layer");
    await server.services.collab.flush();
    expect(await copies("Priya")).toBe(0);
    // The coder's coding of the name now holds the placeholder.
    expect(ann.codings().map((c) => c.quote)).toEqual(["[NAME]"]);

    expect((await f.owner.client.delete(`/api/v1/documents/${documentId}`)).status).toBe(204);
    expect(await copies("Monday")).toBe(0);
    ann.destroy();
    await f.owner.client.delete(`/api/v1/rounds/${round.id}`);
  });
});
