import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../setup/collab-client";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  // BUILD_DIR: the build the global setup made (startTestServer's own config does not read it).
  server = await startTestServer();
});
afterAll(() => server?.close());

async function project() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body } = await owner.client.post("/api/v1/projects", { name: "Codebook" });
  return { owner, projectId: body.id as string };
}

async function member(owner: ApiClient, projectId: string, role: string) {
  const person = await signedUpClient(server.url, role);
  const res = await owner.post(`/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  expect(res.status).toBe(201);
  return person;
}

const codesOf = async (client: ApiClient, projectId: string) =>
  (await client.get(`/api/v1/projects/${projectId}/codes`)).body.codes as Array<{
    id: string;
    name: string;
    parentId: string | null;
    color: string;
    description: string;
  }>;

describe("codes", () => {
  it("creates codes with a parent and a colour, and lists them nested by parentId", async () => {
    const { owner, projectId } = await project();
    const parent = await owner.client.post(`/api/v1/projects/${projectId}/codes`, {
      name: "Leaving",
      color: "#3a7d44",
      description: "Why people go",
    });
    expect(parent.status).toBe(201);
    expect(parent.body).toMatchObject({ id: expect.any(String), name: "Leaving", parentId: null, color: "#3a7d44" });
    const child = await owner.client.post(`/api/v1/projects/${projectId}/codes`, { name: "Price", parentId: parent.body.id });
    expect(child.status).toBe(201);
    expect(child.body.parentId).toBe(parent.body.id);
    expect(child.body.color).toMatch(/^#[0-9a-f]{6}$/i); // a palette colour when none is given
    const grandchild = await owner.client.post(`/api/v1/projects/${projectId}/codes`, { name: "Fees", parentId: child.body.id });

    const codes = await codesOf(owner.client, projectId);
    expect(codes.map((c) => [c.name, c.parentId])).toEqual([
      ["Fees", child.body.id],
      ["Leaving", null],
      ["Price", parent.body.id],
    ]);
    expect(codes.find((c) => c.name === "Leaving")).toMatchObject({ description: "Why people go", color: "#3a7d44" });
    expect(grandchild.body.parentId).toBe(child.body.id);

    const bad = await owner.client.post(`/api/v1/projects/${projectId}/codes`, { name: "X", color: "green" });
    expect(bad.status).toBe(400);
    const unknownParent = await owner.client.post(`/api/v1/projects/${projectId}/codes`, { name: "X", parentId: "nope" });
    expect(unknownParent.status).toBe(422);
  });

  it("renames, recolours and moves a code, and refuses to move it under itself or below it", async () => {
    const { owner, projectId } = await project();
    const post = (body: object) => owner.client.post(`/api/v1/projects/${projectId}/codes`, body);
    const a = (await post({ name: "A" })).body;
    const b = (await post({ name: "B", parentId: a.id })).body;
    const c = (await post({ name: "C", parentId: b.id })).body;

    const renamed = await owner.client.patch(`/api/v1/codes/${b.id}`, { name: "B2", color: "#112233", description: "d" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: b.id, name: "B2", color: "#112233", description: "d", parentId: a.id });

    const moved = await owner.client.patch(`/api/v1/codes/${c.id}`, { parentId: null });
    expect(moved.body.parentId).toBeNull();
    const back = await owner.client.patch(`/api/v1/codes/${c.id}`, { parentId: b.id });
    expect(back.body.parentId).toBe(b.id);

    for (const parentId of [a.id, b.id, c.id]) {
      const cycle = await owner.client.patch(`/api/v1/codes/${a.id}`, { parentId });
      expect(cycle.status).toBe(422);
      expect(cycle.body.error.message).toMatch(/under itself or one of its sub-codes/);
    }
    expect((await codesOf(owner.client, projectId)).find((x) => x.id === a.id)!.parentId).toBeNull();
  });

  it("merges a code into another: its codings are recoded to the target and its sub-codes move under it", async () => {
    const { owner, projectId } = await project();
    const post = (body: object) => owner.client.post(`/api/v1/projects/${projectId}/codes`, body);
    const cost = (await post({ name: "Cost" })).body;
    const price = (await post({ name: "Price" })).body;
    const fees = (await post({ name: "Fees", parentId: cost.id })).body;
    const { body: doc } = await owner.client.post(`/api/v1/projects/${projectId}/documents`, {
      title: "Interview",
      kind: "interview",
      text: "The price went up. Then the fees too.",
    });
    const code = (codeId: string, start: number, end: number) =>
      owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId, start, end });
    const first = await code(cost.id, 0, 18);
    const second = await code(cost.id, 19, 37);
    await code(price.id, 0, 18); // the same passage with both: it keeps one coding of Price
    expect([first.status, second.status]).toEqual([201, 201]);

    const merged = await owner.client.post(`/api/v1/codes/${cost.id}/merge`, { intoId: price.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: price.id, name: "Price" });

    const live = (await owner.client.get(`/api/v1/documents/${doc.id}`)).body;
    expect(live.codings.map((c: any) => [c.codeId, c.quote])).toEqual([
      [price.id, "The price went up."],
      [price.id, "Then the fees too."],
    ]);
    const codes = await codesOf(owner.client, projectId);
    expect(codes.map((c) => c.name)).toEqual(["Fees", "Price"]);
    expect(codes.find((c) => c.id === fees.id)!.parentId).toBe(price.id);
    // The projection the counts come from follows within a moment.
    await until(async () => (await owner.client.get(`/api/v1/codes/${price.id}`)).body.impact.codings === 2, "projection");

    const intoSelf = await owner.client.post(`/api/v1/codes/${price.id}/merge`, { intoId: price.id });
    expect(intoSelf.status).toBe(422);
    const intoChild = await owner.client.post(`/api/v1/codes/${price.id}/merge`, { intoId: fees.id });
    expect(intoChild.status).toBe(422);
  });

  it("deletes a code: its codings leave the document, its sub-codes move up a level, and the impact says so first", async () => {
    const { owner, projectId } = await project();
    const post = (body: object) => owner.client.post(`/api/v1/projects/${projectId}/codes`, body);
    const top = (await post({ name: "Top" })).body;
    const mid = (await post({ name: "Mid", parentId: top.id })).body;
    const leaf = (await post({ name: "Leaf", parentId: mid.id })).body;
    const other = (await post({ name: "Other" })).body;
    const { body: doc } = await owner.client.post(`/api/v1/projects/${projectId}/documents`, {
      title: "Notes",
      kind: "field_note",
      text: "One two three four",
    });
    await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: mid.id, start: 0, end: 3 });
    await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: mid.id, start: 4, end: 7 });
    await owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: other.id, start: 8, end: 13 });

    const impact = await owner.client.get(`/api/v1/codes/${mid.id}`);
    expect(impact.body).toEqual({ impact: { codings: 2, documents: 1, children: 1 } });

    expect((await owner.client.delete(`/api/v1/codes/${mid.id}`)).status).toBe(204);
    const live = (await owner.client.get(`/api/v1/documents/${doc.id}`)).body;
    expect(live.codings.map((c: any) => c.codeId)).toEqual([other.id]);
    const codes = await codesOf(owner.client, projectId);
    expect(codes.map((c) => c.name)).toEqual(["Leaf", "Other", "Top"]);
    expect(codes.find((c) => c.id === leaf.id)!.parentId).toBe(top.id);
    expect((await owner.client.get(`/api/v1/codes/${mid.id}`)).status).toBe(404);
  });

  it("lets a coder add codes but not change or delete them, and keeps reviewers and outsiders out", async () => {
    const { owner, projectId } = await project();
    const coder = await member(owner.client, projectId, "coder");
    const reviewer = await member(owner.client, projectId, "reviewer");
    const researcher = await member(owner.client, projectId, "researcher");
    const outsider = await signedUpClient(server.url, "Outsider");
    const path = `/api/v1/projects/${projectId}/codes`;

    const proposed = await coder.client.post(path, { name: "Coder's idea" });
    expect(proposed.status).toBe(201);
    const id = proposed.body.id;
    expect((await coder.client.patch(`/api/v1/codes/${id}`, { name: "Renamed" })).status).toBe(403);
    expect((await coder.client.delete(`/api/v1/codes/${id}`)).status).toBe(403);
    expect((await coder.client.post(`/api/v1/codes/${id}/merge`, { intoId: id })).status).toBe(403);

    expect((await reviewer.client.post(path, { name: "Reviewer's idea" })).status).toBe(403);
    expect((await reviewer.client.get(path)).status).toBe(200);
    expect((await reviewer.client.patch(`/api/v1/codes/${id}`, { name: "No" })).status).toBe(403);

    expect((await researcher.client.patch(`/api/v1/codes/${id}`, { name: "Tidied" })).body.name).toBe("Tidied");
    expect((await outsider.client.get(path)).status).toBe(404);
    expect((await outsider.client.patch(`/api/v1/codes/${id}`, { name: "X" })).status).toBe(404);
  });
});

describe("memos", () => {
  it("lists and adds memos on codes and documents; authors and owners delete them, others get 403", async () => {
    const { owner, projectId } = await project();
    const coder = await member(owner.client, projectId, "coder");
    const researcher = await member(owner.client, projectId, "researcher");
    const reviewer = await member(owner.client, projectId, "reviewer");
    const outsider = await signedUpClient(server.url, "Outsider");
    const { body: code } = await owner.client.post(`/api/v1/projects/${projectId}/codes`, { name: "Trust" });
    const { body: doc } = await owner.client.post(`/api/v1/projects/${projectId}/documents`, {
      title: "Story",
      kind: "story",
      text: "Once upon a time",
    });

    const onCode = await coder.client.post(`/api/v1/codes/${code.id}/memos`, { body: "  Trust in staff, not the brand.  " });
    expect(onCode.status).toBe(201);
    expect(onCode.body).toEqual({
      id: expect.any(String),
      body: "Trust in staff, not the brand.",
      authorId: coder.user.id,
      createdAt: expect.any(String),
    });
    expect(new Date(onCode.body.createdAt).toISOString()).toBe(onCode.body.createdAt);
    const onDoc = await researcher.client.post(`/api/v1/documents/${doc.id}/memos`, { body: "Told at the bus stop." });
    expect(onDoc.status).toBe(201);
    const second = await researcher.client.post(`/api/v1/codes/${code.id}/memos`, { body: "Second thought." });

    const codeMemos = await reviewer.client.get(`/api/v1/codes/${code.id}/memos`);
    expect(codeMemos.status).toBe(200);
    expect(codeMemos.body.memos.map((m: any) => [m.body, m.authorId])).toEqual([
      ["Trust in staff, not the brand.", coder.user.id],
      ["Second thought.", researcher.user.id],
    ]);
    const docMemos = await owner.client.get(`/api/v1/documents/${doc.id}/memos`);
    expect(docMemos.body.memos.map((m: any) => m.body)).toEqual(["Told at the bus stop."]);

    expect((await coder.client.post(`/api/v1/codes/${code.id}/memos`, { body: "   " })).status).toBe(400);
    expect((await reviewer.client.post(`/api/v1/codes/${code.id}/memos`, { body: "Hi" })).status).toBe(403);
    expect((await reviewer.client.post(`/api/v1/documents/${doc.id}/memos`, { body: "Hi" })).status).toBe(403);
    expect((await outsider.client.get(`/api/v1/codes/${code.id}/memos`)).status).toBe(404);
    expect((await outsider.client.get(`/api/v1/documents/${doc.id}/memos`)).status).toBe(404);
    expect((await coder.client.get(`/api/v1/codes/nope/memos`)).status).toBe(404);

    // Someone else's memo: 403; an outsider: 404; the author: 204; an owner: any memo.
    expect((await researcher.client.delete(`/api/v1/memos/${onCode.body.id}`)).status).toBe(403);
    expect((await outsider.client.delete(`/api/v1/memos/${onCode.body.id}`)).status).toBe(404);
    expect((await coder.client.delete(`/api/v1/memos/${onCode.body.id}`)).status).toBe(204);
    expect((await owner.client.delete(`/api/v1/memos/${second.body.id}`)).status).toBe(204);
    expect((await owner.client.delete(`/api/v1/memos/${second.body.id}`)).status).toBe(404);
    expect((await owner.client.get(`/api/v1/codes/${code.id}/memos`)).body.memos).toEqual([]);
  });
});
