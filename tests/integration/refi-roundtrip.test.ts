import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

// Paragraphs, characters outside the BMP before and inside coded passages, an accent, markup.
const D1 = "First paragraph, calm.\n\nThen 😀 joy and a little hope for better prices.\n\nLast: 👋🏽 bye, café <closed> & done.";
const D2 = "Short note about fees & costs.";
const span = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });

async function buildProject() {
  const owner = await signedUpClient(server.url, "Owner");
  const coder = await signedUpClient(server.url, "Coder");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Round trip" })).id as string;
  await post(owner.client, `/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
  const code = (body: object) => post(owner.client, `/api/v1/projects/${projectId}/codes`, body);
  const feelings = await code({ name: "Feelings", color: "#aa3300", description: "How people feel" });
  const hope = await code({ name: "Hope", parentId: feelings.id, color: "#00aa55", description: "Looking up & <forward>" });
  const joy = await code({ name: "Joy", parentId: hope.id, color: "#123456" });
  await code({ name: "Money", color: "#3355ff", description: "" });
  const doc = (title: string, text: string) => post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text });
  const d1 = await doc("Interview “Ana”", D1);
  const d2 = await doc("Notes", D2);
  const coding = (client: ApiClient, d: { id: string }, text: string, codeId: string, part: string) =>
    post(client, `/api/v1/documents/${d.id}/codings`, { codeId, ...span(text, part) });
  // Overlapping codings, by two people.
  await coding(owner.client, d1, D1, hope.id, "a little hope for better prices");
  await coding(coder.client, d1, D1, feelings.id, "😀 joy and a little hope");
  await coding(coder.client, d1, D1, joy.id, "😀 joy");
  await coding(owner.client, d1, D1, feelings.id, "👋🏽 bye, café <closed>");
  await coding(coder.client, d2, D2, feelings.id, "fees & costs");
  return { owner, projectId };
}

/** A project as a user compares it: codes by path, texts by title, codings by path and place. */
async function snapshot(client: ApiClient, projectId: string) {
  const codes = (await client.get(`/api/v1/projects/${projectId}/codes`)).body.codes as any[];
  const byId = new Map(codes.map((c) => [c.id, c]));
  const path = (id: string): string => {
    const c = byId.get(id)!;
    return c.parentId ? `${path(c.parentId)}/${c.name}` : c.name;
  };
  const documents = (await client.get(`/api/v1/projects/${projectId}/documents`)).body.documents as any[];
  const texts: Record<string, string> = {};
  const codings: string[][] = [];
  for (const d of documents) {
    const live = (await client.get(`/api/v1/documents/${d.id}`)).body;
    texts[live.title] = live.text;
    for (const c of live.codings) codings.push([live.title, path(c.codeId), String(c.start), String(c.end), c.quote]);
  }
  return {
    codes: codes.map((c) => ({ path: path(c.id), color: c.color, description: c.description })).sort((a, b) => a.path.localeCompare(b.path)),
    texts,
    codings: codings.sort((a, b) => a.join("|").localeCompare(b.join("|"))),
  };
}

describe("REFI-QDA round trip", () => {
  it("exports a project and imports it back with the same codes, texts and codings", async () => {
    const { owner, projectId } = await buildProject();
    const before = await snapshot(owner.client, projectId);
    expect(before.codings).toHaveLength(5);

    const exported = await fetch(`${server.url}/api/v1/projects/${projectId}/export.qdpx`, { headers: { cookie: owner.client.cookie! } });
    expect(exported.status).toBe(200);
    const bytes = new Uint8Array(await exported.arrayBuffer());

    const res = await fetch(`${server.url}/api/v1/projects/import?name=Round%20trip%20again`, {
      method: "POST",
      headers: { "content-type": "application/zip", cookie: owner.client.cookie! },
      body: bytes,
    });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.report).toMatchObject({ codes: 4, sources: 2, codings: 5 });
    // Only the people are left behind: "Owner" is the importer (matched by name); the report
    // names the other, whose codings are now the importer's.
    expect(body.report.skipped.map((s: any) => s.what).sort()).toEqual(["User “Coder”"]);

    const after = await snapshot(owner.client, body.id);
    expect(after).toEqual(before);
  });
});
