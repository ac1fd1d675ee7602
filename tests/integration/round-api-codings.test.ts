import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TEXT = "The bus was late again.\n\nThe driver was kind.";
const at = (part: string) => ({ start: TEXT.indexOf(part), end: TEXT.indexOf(part) + part.length });

async function member(owner: ApiClient, projectId: string, name: string) {
  const person = await signedUpClient(server.url, name);
  await post(owner, `/api/v1/projects/${projectId}/members`, { email: person.user.email, role: "coder" });
  return person;
}

const quotes = (doc: any) => (doc.codings as any[]).map((c) => [c.quote, c.authorId]).sort();

describe("a coding round through the API", () => {
  it("puts a round coder's API codings in their own layer, never in the shared document, until the reveal", async () => {
    const owner = await signedUpClient(server.url, "Rhea");
    const projectId = (await post(owner.client, "/api/v1/projects", { name: "Rounds API" })).id as string;
    const ann = await member(owner.client, projectId, "Ann");
    const ben = await member(owner.client, projectId, "Ben");
    const cai = await member(owner.client, projectId, "Cai");
    const code = (await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Delay" })).id as string;
    const doc = (await post(owner.client, `/api/v1/projects/${projectId}/documents`, { title: "Bus", kind: "interview", text: TEXT })).id as string;
    const shared = (await post(owner.client, `/api/v1/documents/${doc}/codings`, { codeId: code, ...at("The driver was kind.") })).id as string;
    const annBefore = (await post(ann.client, `/api/v1/documents/${doc}/codings`, { codeId: code, ...at("kind") })).id as string;
    const round = await owner.client.post(`/api/v1/projects/${projectId}/rounds`, { name: "Pilot", coderIds: [ann.user.id, cai.user.id], documentIds: [doc] });
    expect(round.status, JSON.stringify(round.body)).toBe(201);

    // Ann codes through the API: it is hers, in her layer.
    const mine = await ann.client.post(`/api/v1/documents/${doc}/codings`, { codeId: code, ...at("bus was late") });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body).toMatchObject({ codeId: code, quote: "bus was late" });
    const ownerView = (await owner.client.get(`/api/v1/documents/${doc}`)).body;
    expect(quotes(ownerView)).toEqual([["The driver was kind.", owner.user.id], ["kind", ann.user.id]].sort());
    const annView = (await ann.client.get(`/api/v1/documents/${doc}`)).body;
    expect(annView.text).toBe(TEXT);
    expect(quotes(annView)).toEqual([["bus was late", ann.user.id]]);

    // Her layer's codings are hers to change; the shared document's are closed to her meanwhile.
    expect((await ann.client.patch(`/api/v1/codings/${mine.body.id}`, { memo: "first go" })).status).toBe(200);
    for (const id of [shared, annBefore]) {
      const refused = await ann.client.delete(`/api/v1/codings/${id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: "round_open", message: expect.stringMatching(/Pilot/) });
      expect((await ann.client.patch(`/api/v1/codings/${id}`, { memo: "x" })).status).toBe(409);
    }
    const second = (await post(ann.client, `/api/v1/documents/${doc}/codings`, { codeId: code, ...at("again") })).id as string;
    expect((await ann.client.delete(`/api/v1/codings/${second}`)).status).toBe(204);
    expect((await ann.client.get(`/api/v1/documents/${doc}`)).body.codings.map((c: any) => [c.quote, c.memo])).toEqual([["bus was late", "first go"]]);
    expect(quotes((await owner.client.get(`/api/v1/documents/${doc}`)).body)).toHaveLength(2);

    // Someone outside the round still codes the shared document.
    expect((await ben.client.post(`/api/v1/documents/${doc}/codings`, { codeId: code, ...at("The bus") })).status).toBe(201);
    expect(quotes((await owner.client.get(`/api/v1/documents/${doc}`)).body)).toContainEqual(["The bus", ben.user.id]);

    // The reveal brings Ann's layer into the document, as hers.
    expect((await owner.client.post(`/api/v1/rounds/${round.body.id}/reveal`, {})).status).toBe(200);
    const after = (await owner.client.get(`/api/v1/documents/${doc}`)).body;
    expect(quotes(after)).toContainEqual(["bus was late", ann.user.id]);
    expect(quotes(after)).not.toContainEqual(["again", ann.user.id]);
    expect((await ann.client.delete(`/api/v1/codings/${annBefore}`)).status).toBe(204);
  });
});
