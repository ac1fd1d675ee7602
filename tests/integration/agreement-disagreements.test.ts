import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const D1 = "Alpha para.\n\nBeta para.\n\nGamma para.";
const D2 = "Solo line";
const at = (text: string, part: string) => [text.indexOf(part), text.indexOf(part) + part.length] as const;

/**
 * Ann and Ben code X and Y:
 *   Interview A: "Alpha para." Ann X and Y, Ben nothing · "Beta para." both X · "Gamma" Ben Y
 *   Interview B: "Solo" Ben X
 * so by paragraph they disagree on Alpha (two codes), Gamma and Solo (one each).
 */
async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Disagreements" })).id as string;
  const coder = async (name: string) => {
    const person = await signedUpClient(server.url, name);
    await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: person.user.email, role: "coder" });
    return person;
  };
  const [ann, ben] = [await coder("Ann"), await coder("Ben")];
  const code = (name: string) => post(owner.client, `/api/v1/projects/${projectId}/codes`, { name });
  const [x, y] = [await code("X"), await code("Y")];
  const doc = (title: string, text: string) => post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text });
  const [d1, d2] = [await doc("Interview A", D1), await doc("Interview B", D2)];
  const coding = (who: { client: ApiClient }, d: { id: string }, codeId: string, [start, end]: readonly [number, number]) =>
    post(who.client, `/api/v1/documents/${d.id}/codings`, { codeId, start, end });
  await coding(ann, d1, x.id, at(D1, "Alpha para."));
  await coding(ann, d1, y.id, at(D1, "Alpha para."));
  await coding(ann, d1, x.id, at(D1, "Beta para."));
  await coding(ben, d1, x.id, at(D1, "Beta para."));
  await coding(ben, d1, y.id, at(D1, "Gamma"));
  await coding(ben, d2, x.id, at(D2, "Solo"));
  return { owner, projectId, ann, ben, x, y, d1, d2 };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const list = (client: ApiClient, query: string, projectId = f.projectId) =>
  client.get(`/api/v1/projects/${projectId}/agreement/disagreements?${query}`);
const pair = () => `coders=${f.ann.user.id},${f.ben.user.id}`;

describe("disagreements", () => {
  it("lists the paragraphs the coders disagree on, most disputed first, with who applied what", async () => {
    const res = await list(f.owner.client, `${pair()}&unit=paragraph`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ unit: "paragraph", coders: [f.ann.user.id, f.ben.user.id], code: null, total: 3, offset: 0 });
    const items = res.body.disagreements;
    expect(items.map((d: any) => [d.documentTitle, d.text, d.score])).toEqual([
      ["Interview A", "Alpha para.", 2],
      ["Interview A", "Gamma para.", 1],
      ["Interview B", "Solo line", 1],
    ]);
    expect(items[0]).toMatchObject({
      documentId: f.d1.id,
      disputedCodeIds: [f.x.id, f.y.id],
      coders: [
        { coderId: f.ann.user.id, codeIds: [f.x.id, f.y.id] },
        { coderId: f.ben.user.id, codeIds: [] },
      ],
      truncated: false,
    });
    // Each range is the unit's place in its document: its text is that slice.
    for (const d of items) expect((d.documentId === f.d1.id ? D1 : D2).slice(d.start, d.end)).toBe(d.text);
  });

  it("pages, keeping the total", async () => {
    const res = await list(f.owner.client, `${pair()}&unit=paragraph&offset=1&limit=1`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.disagreements.map((d: any) => d.text)).toEqual(["Gamma para."]);
  });

  it("narrows to one code, scoring the share of pairs that disagree, and still shows every code applied", async () => {
    const res = await list(f.owner.client, `${pair()}&unit=paragraph&code=${f.y.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.code).toBe(f.y.id);
    expect(res.body.disagreements.map((d: any) => [d.text, d.score, d.disputedCodeIds])).toEqual([
      ["Alpha para.", 1, [f.y.id]],
      ["Gamma para.", 1, [f.y.id]],
    ]);
    expect(res.body.disagreements[0].coders[0].codeIds).toEqual([f.x.id, f.y.id]);
  });

  it("by character, lists the stretches the coders disagree about, in the documents asked for", async () => {
    const res = await list(f.owner.client, `${pair()}&unit=character&documents=${f.d1.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.disagreements.map((d: any) => [d.text, d.score])).toEqual([
      ["Alpha para.", 2],
      ["Gamma", 1],
    ]);
    for (const d of res.body.disagreements) expect(D1.slice(d.start, d.end)).toBe(d.text);
  });

  it("answers 400 for a bad unit or paging, 404 for another project's document or code, 422 for one coder", async () => {
    expect((await list(f.owner.client, `${pair()}&unit=word`)).status).toBe(400);
    expect((await list(f.owner.client, `${pair()}&unit=paragraph&limit=0`)).status).toBe(400);
    const other = await post(f.owner.client, "/api/v1/projects", { name: "Elsewhere" });
    const doc = await post(f.owner.client, `/api/v1/projects/${other.id}/documents`, { title: "O", kind: "interview", text: "x" });
    const foreign = await list(f.owner.client, `${pair()}&unit=paragraph&documents=${f.d1.id},${doc.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe("Document not found.");
    const code = await post(f.owner.client, `/api/v1/projects/${other.id}/codes`, { name: "Z" });
    expect((await list(f.owner.client, `${pair()}&unit=paragraph&code=${code.id}`)).status).toBe(404);
    const one = await list(f.owner.client, `coders=${f.ann.user.id}&unit=paragraph`);
    expect(one.status).toBe(422);
    expect(one.body.error.code).toBe("invalid_coders");
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await list(stranger.client, `${pair()}&unit=paragraph`)).status).toBe(404);
  });
});
