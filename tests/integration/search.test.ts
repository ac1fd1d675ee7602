import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { createForm, submitStory } from "../setup/contributions";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const LONG =
  "At first the line was busy. " +
  "x".repeat(80) +
  " Then the Waiting went on and on, and waiting for a call back is the worst part of waiting. " +
  "y".repeat(80);
const SHORT = "Long wait, long queue. Nobody called back; waits are long.";

async function member(owner: ApiClient, projectId: string, role: string, name: string) {
  const person = await signedUpClient(server.url, name);
  await post(owner, `/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  return person.client;
}

async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Search" })).id as string;
  const doc = (title: string, text: string, pid = projectId) =>
    post(owner.client, `/api/v1/projects/${pid}/documents`, { title, kind: "interview", text });
  const [long, short] = [await doc("A long call", LONG), await doc("B short note", SHORT)];
  await doc("C unrelated", "Nothing to see here.");
  const waiting = await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Waiting" });
  // A rejected contribution is outside the analysis; another project's document is never searched.
  const formId = await createForm(owner.client, projectId);
  const story = await submitStory(server.url, formId, { story: "Waiting waiting rejected story." });
  const inbox = await owner.client.get(`/api/v1/projects/${projectId}/submissions`);
  const sub = inbox.body.submissions.find((s: { documentId: string }) => s.documentId === story.documentId);
  expect((await owner.client.patch(`/api/v1/submissions/${sub.id}`, { status: "rejected", reason: "No" })).status).toBe(200);
  const otherId = (await post(owner.client, "/api/v1/projects", { name: "Other" })).id as string;
  await doc("Elsewhere", "waiting elsewhere", otherId);
  const coder = await member(owner.client, projectId, "coder", "Coder");
  const reviewer = await member(owner.client, projectId, "reviewer", "Reviewer");
  return { owner: owner.client, projectId, long, short, waiting, story, coder, reviewer };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const search = (client: ApiClient, q: string, extra = "") =>
  client.get(`/api/v1/projects/${f.projectId}/search?q=${encodeURIComponent(q)}${extra}`);
const liveCodings = async (documentId: string) =>
  (await f.owner.get(`/api/v1/documents/${documentId}`)).body.codings as Array<{ id: string; codeId: string; start: number; end: number }>;

describe("search", () => {
  it("finds each occurrence of a word, whatever its case, with its exact range and context", async () => {
    const res = await search(f.reviewer, "waiting");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.documents).toEqual([{ id: f.long.id, title: "A long call", hits: 3 }]);
    for (const hit of res.body.hits) {
      expect(hit.documentId).toBe(f.long.id);
      expect(LONG.slice(hit.start, hit.end)).toBe(hit.match);
      expect(hit.match.toLowerCase()).toBe("waiting");
      expect(hit.before.length).toBeLessThanOrEqual(60);
      expect(hit.after.length).toBeLessThanOrEqual(60);
      expect(LONG.slice(0, hit.start).endsWith(hit.before)).toBe(true);
      expect(LONG.slice(hit.end).startsWith(hit.after)).toBe(true);
    }
    expect(res.body.hits.map((h: { match: string }) => h.match)).toEqual(["Waiting", "waiting", "waiting"]);
    expect(res.body.hits[0].before).toHaveLength(60);
  });

  it("matches a quoted phrase across punctuation, prefixes with *, and needs every word", async () => {
    const phrase = await search(f.owner, '"long wait"');
    expect(phrase.body.total).toBe(1);
    expect(phrase.body.hits[0]).toMatchObject({ documentId: f.short.id, match: "Long wait", start: 0, end: 9 });
    const prefix = await search(f.owner, "wait*");
    expect(prefix.body.documents.map((d: { id: string }) => d.id)).toEqual([f.long.id, f.short.id]);
    expect(prefix.body.hits.filter((h: { documentId: string }) => h.documentId === f.short.id).map((h: { match: string }) => h.match)).toEqual(["wait", "waits"]);
    const both = await search(f.owner, "long queue");
    expect(both.body.documents).toEqual([{ id: f.short.id, title: "B short note", hits: 4 }]);
    expect(both.body.hits.map((h: { match: string }) => h.match)).toEqual(["Long", "long", "queue", "long"]);
    const none = await search(f.owner, "waiting queue");
    expect(none.body).toMatchObject({ total: 0, documents: [], hits: [] });
  });

  it("pages the hits but counts them all", async () => {
    const page = await search(f.owner, "waiting", "&offset=1&limit=1");
    expect(page.body.total).toBe(3);
    expect(page.body.hits).toHaveLength(1);
    expect(page.body.hits[0].match).toBe("waiting");
  });

  it("leaves out rejected contributions and other projects' documents", async () => {
    const res = await search(f.owner, "waiting");
    const ids = res.body.hits.map((h: { documentId: string }) => h.documentId);
    expect(ids).not.toContain(f.story.documentId);
    expect(res.body.hits.some((h: { match: string; after: string }) => h.after.includes("elsewhere"))).toBe(false);
  });

  it("refuses an empty query with 400", async () => {
    expect((await search(f.owner, "")).status).toBe(400);
    expect((await search(f.owner, "  !! ")).status).toBe(400);
  });
});

describe("code all hits", () => {
  const codeAll = (client: ApiClient, q: string) =>
    client.post(`/api/v1/projects/${f.projectId}/search/code`, { q, codeId: f.waiting.id });
  const undo = (client: ApiClient, codingIds: string[]) =>
    client.post(`/api/v1/projects/${f.projectId}/search/code/undo`, { codingIds });

  it("is refused to a reviewer", async () => {
    expect((await codeAll(f.reviewer, "waiting")).status).toBe(403);
  });

  it("codes every hit at once, skips those already coded, and undo removes exactly those", async () => {
    const first = await post(f.owner, `/api/v1/documents/${f.long.id}/codings`, {
      codeId: f.waiting.id,
      start: LONG.indexOf("Waiting"),
      end: LONG.indexOf("Waiting") + 7,
    });
    const res = await codeAll(f.coder, "waiting");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ coded: 2, skippedAlreadyCoded: 1 });
    expect(res.body.codingIds).toHaveLength(2);
    const coded = (await liveCodings(f.long.id)).filter((c) => c.codeId === f.waiting.id);
    expect(coded.map((c) => LONG.slice(c.start, c.end).toLowerCase())).toEqual(["waiting", "waiting", "waiting"]);

    // Someone else codes meanwhile; undo leaves their coding and the earlier one alone.
    const meanwhile = await post(f.owner, `/api/v1/documents/${f.short.id}/codings`, { codeId: f.waiting.id, start: 5, end: 9 });
    const undone = await undo(f.coder, res.body.codingIds);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.removed).toBe(2);
    expect((await liveCodings(f.long.id)).map((c) => c.id)).toEqual([first.id]);
    expect((await liveCodings(f.short.id)).map((c) => c.id)).toEqual([meanwhile.id]);
    // Undoing again removes nothing more.
    expect((await undo(f.coder, res.body.codingIds)).body.removed).toBe(0);
    expect((await undo(f.reviewer, [first.id])).status).toBe(403);
  });

  it("refuses a code from another project", async () => {
    const res = await f.owner.post(`/api/v1/projects/${f.projectId}/search/code`, { q: "waiting", codeId: "nope" });
    expect(res.status).toBe(422);
  });
});
