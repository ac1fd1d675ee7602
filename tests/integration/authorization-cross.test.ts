import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoles } from "../../db/roles";
import { codebookRoom } from "~/lib/collab/doc-model";
import { roundRoom } from "~/lib/rounds/room";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { authzProject, type Ids } from "../setup/authz-project";
import { wsToken } from "../setup/live-server";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * What the route-by-route matrices cannot see: ids of another project smuggled into the body
 * or the query of a route one may use, another person's contributions, memo authorship, and
 * the websocket rooms.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Everything B's owner can read of B, to check that nothing done in A changed it. */
async function snapshotOf(client: ApiClient, b: Ids) {
  const reads = await Promise.all([
    client.get(`/api/v1/documents/${b.documentId}`),
    client.get(`/api/v1/projects/${b.projectId}/codes`),
    client.get(`/api/v1/segments/${b.segmentId}`),
    client.get(`/api/v1/segments/${b.segmentId}/links`),
    client.get(`/api/v1/findings/${b.findingId}`),
    client.get(`/api/v1/projects/${b.projectId}/members`),
    client.get(`/api/v1/rounds/${b.roundId}`),
  ]);
  return reads.map((r) => JSON.stringify(r.body));
}

describe("another project's ids inside bodies and queries", () => {
  const secret = "Zebra-secret words of project B";
  let a: Awaited<ReturnType<typeof authzProject>>;
  let b: Awaited<ReturnType<typeof authzProject>>;
  let before: string[];

  beforeAll(async () => {
    a = await authzProject(server.url, "owner");
    b = await authzProject(server.url, "owner");
    // B's own words, to look for in every answer A's owner gets.
    await b.owner.patch(`/api/v1/codes/${b.ids.codeId}`, { name: secret });
    const doc = await b.owner.post(`/api/v1/projects/${b.ids.projectId}/documents`, { title: secret, kind: "story", text: secret });
    await b.owner.post(`/api/v1/documents/${doc.body.id}/codings`, { codeId: b.ids.codeId, start: 0, end: 5 });
    before = await snapshotOf(b.owner, b.ids);
  });

  const smuggled: Array<[string, string, (a: Ids, b: Ids) => string, ((a: Ids, b: Ids) => unknown)?]> = [
    ["POST", "a coding of B's code in A's document", (a) => `/api/v1/documents/${a.documentId}/codings`, (_a, b) => ({ codeId: b.codeId, start: 0, end: 4 })],
    ["POST", "a segment of B's dataset", (a) => `/api/v1/projects/${a.projectId}/segments`, (_a, b) => ({ datasetId: b.datasetId, name: "S", filter: { all: [] } })],
    ["POST", "a segment preview of B's dataset", (a) => `/api/v1/projects/${a.projectId}/segments/preview`, (_a, b) => ({ datasetId: b.datasetId, filter: { all: [] } })],
    ["POST", "a link from A's segment to B's code", (a) => `/api/v1/segments/${a.segmentId}/links`, (_a, b) => ({ codeId: b.codeId, note: "n" })],
    ["POST", "merging A's code into B's", (a) => `/api/v1/codes/${a.codeId}/merge`, (_a, b) => ({ intoId: b.codeId })],
    ["PATCH", "moving A's code under B's", (a) => `/api/v1/codes/${a.codeId}`, (_a, b) => ({ parentId: b.codeId })],
    ["POST", "a new code under B's", (a) => `/api/v1/projects/${a.projectId}/codes`, (_a, b) => ({ name: "Child", parentId: b.codeId })],
    ["POST", "segment evidence from B", (a) => `/api/v1/findings/${a.findingId}/evidence`, (_a, b) => ({ kind: "segment", segmentId: b.segmentId })],
    ["POST", "excerpt evidence from B", (a) => `/api/v1/findings/${a.findingId}/evidence`, (_a, b) => ({ kind: "excerpt", codingId: b.codingId })],
    ["POST", "code evidence from B", (a) => `/api/v1/findings/${a.findingId}/evidence`, (_a, b) => ({ kind: "code", codeId: b.codeId })],
    ["POST", "a reviewer from B", (a) => `/api/v1/findings/${a.findingId}/transitions`, (_a, b) => ({ to: "in_review", reviewerIds: [b.ownerId] })],
    ["POST", "a round over B's document", (a) => `/api/v1/projects/${a.projectId}/rounds`, (a, b) => ({ name: "R", coderIds: [a.ownerId, a.coderId], documentIds: [b.documentId] })],
    ["POST", "a round with B's coder", (a) => `/api/v1/projects/${a.projectId}/rounds`, (a, b) => ({ name: "R", coderIds: [a.ownerId, b.coderId], documentIds: [a.documentId] })],
    ["POST", "coding search hits with B's code", (a) => `/api/v1/projects/${a.projectId}/search/code`, (_a, b) => ({ q: "words", codeId: b.codeId })],
    ["GET", "matrix excerpts of B's code", (a, b) => `/api/v1/projects/${a.projectId}/matrix/excerpts?codeId=${b.codeId}&segmentId=${a.segmentId}`],
    ["GET", "matrix excerpts of B's segment", (a, b) => `/api/v1/projects/${a.projectId}/matrix/excerpts?codeId=${a.codeId}&segmentId=${b.segmentId}`],
    ["GET", "representation of B's segment", (a, b) => `/api/v1/projects/${a.projectId}/matrix/representation?codeId=${a.codeId}&segmentId=${b.segmentId}`],
  ];

  it.each(smuggled)("%s %s is refused and changes nothing in B", async (method, _what, path, body) => {
    const res = await a.actor.request(method, path(a.ids, b.ids), body?.(a.ids, b.ids));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toContain("Zebra");
    expect(await snapshotOf(b.owner, b.ids)).toEqual(before);
  });

  // Reads whose filters name B's ids may answer, but only with A's data.
  const filtered: Array<[string, (a: Ids, b: Ids) => string]> = [
    ["co-occurrence passages of B's codes", (a, b) => `/api/v1/projects/${a.projectId}/cooccurrence/passages?a=${b.codeId}&b=${b.codeId}`],
    ["agreement over B's documents", (a, b) => `/api/v1/projects/${a.projectId}/agreement?coders=${a.ownerId},${b.ownerId}&unit=paragraph&documents=${b.documentId}`],
    ["frequencies of B's documents", (a, b) => `/api/v1/projects/${a.projectId}/frequencies?by=document&documents=${b.documentId}`],
    ["search", (a) => `/api/v1/projects/${a.projectId}/search?q=secret`],
  ];

  it.each(filtered)("%s shows nothing of B", async (_what, path) => {
    const res = await a.actor.get(path(a.ids, b.ids));
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toContain("Zebra");
  });

  it("undoing 'code all hits' cannot remove B's codings", async () => {
    const res = await a.actor.post(`/api/v1/projects/${a.ids.projectId}/search/code/undo`, { codingIds: [b.ids.codingId] });
    expect(res.status).toBeLessThan(500);
    expect(await snapshotOf(b.owner, b.ids)).toEqual(before);
  });

  it("page forms refuse B's ids too", async () => {
    const post = (path: string, fields: Record<string, string>) =>
      fetch(server.url + path, {
        method: "POST",
        headers: { cookie: a.actor.cookie!, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
        redirect: "manual",
      });
    const p = `/projects/${a.ids.projectId}`;
    for (const [path, fields] of [
      [`${p}/codebook`, { intent: "merge-code", codeId: a.ids.codeId, intoId: b.ids.codeId }],
      [`${p}/codebook`, { intent: "delete-code", codeId: b.ids.codeId }],
      [`${p}/codebook`, { intent: "delete-memo", memoId: b.ids.memoId }],
      [`${p}/documents?index`, { intent: "delete-document", documentId: b.ids.documentId }],
      [`${p}/data?index`, { intent: "delete-dataset", datasetId: b.ids.datasetId }],
      [`${p}/matrix`, { intent: "link-code", codeId: a.ids.codeId, segmentId: b.ids.segmentId, note: "n" }],
      [`${p}/segments/${a.ids.segmentId}`, { intent: "unlink", linkId: b.ids.linkId }],
      [`${p}/contributions?index`, { intent: "accept", submissionId: b.ids.submissionId }],
      [`${p}/rounds/${b.ids.roundId}`, { intent: "delete" }],
    ] as const) {
      const res = await post(path, fields);
      expect(res.status, `${fields.intent} on ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${fields.intent} on ${path}`).toBeLessThan(500);
    }
    expect(await snapshotOf(b.owner, b.ids)).toEqual(before);
  });
});

describe("people's own things", () => {
  it("a contributor cannot withdraw or see someone else's contribution", async () => {
    const { owner, ids } = await authzProject(server.url, "owner");
    const contributor = await signedUpClient(server.url, "Contributor");
    const other = await signedUpClient(server.url, "Other");
    for (const who of [contributor, other]) {
      await owner.post(`/api/v1/projects/${ids.projectId}/members`, { email: who.user.email, role: "contributor" });
    }
    const sent = await contributor.client.post(`/api/v1/forms/${ids.formId}/submissions`, { consent: true, values: { story: "Mine." } });
    expect(sent.status).toBe(201);
    const mine = await contributor.client.get("/api/v1/me/contributions");
    const id = mine.body.contributions[0].id as string;
    expect((await other.client.get("/api/v1/me/contributions")).body.contributions).toEqual([]);
    expect((await other.client.delete(`/api/v1/me/contributions/${id}`)).status).toBe(404);
    expect((await contributor.client.get("/api/v1/me/contributions")).body.contributions).toHaveLength(1);
    expect((await contributor.client.delete(`/api/v1/me/contributions/${id}`)).status).toBe(204);
  });

  it("a memo is deleted by its author or an owner, and by no other member", async () => {
    const { owner, ids } = await authzProject(server.url, "owner");
    const [coder, researcher] = [await signedUpClient(server.url, "Coder"), await signedUpClient(server.url, "Researcher")];
    await owner.post(`/api/v1/projects/${ids.projectId}/members`, { email: coder.user.email, role: "coder" });
    await owner.post(`/api/v1/projects/${ids.projectId}/members`, { email: researcher.user.email, role: "researcher" });
    const write = async () => (await coder.client.post(`/api/v1/codes/${ids.codeId}/memos`, { body: "Coder's thought" })).body.id as string;
    const first = await write();
    expect((await researcher.client.delete(`/api/v1/memos/${first}`)).status).toBe(403);
    expect((await coder.client.delete(`/api/v1/memos/${first}`)).status).toBe(204);
    const second = await write();
    expect((await owner.delete(`/api/v1/memos/${second}`)).status).toBe(204);
  });
});

describe("websocket rooms", () => {
  /** The upgrade's answer: 101 when the socket opens, else the HTTP status it was refused with. */
  const upgrade = (room: string, token: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace("http", "ws")}/collab/${encodeURIComponent(room)}?token=${token}`);
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => {
        ws.close();
        resolve(101);
      });
    });

  it.each(projectRoles)("a %s reaches the rooms their role reads, and no one reaches another coder's layer", async (role) => {
    const { actor, ids } = await authzProject(server.url, role);
    const token = await wsToken(actor);
    const reads = role !== "contributor";
    expect(await upgrade(ids.documentId, token)).toBe(reads ? 101 : 403);
    expect(await upgrade(codebookRoom(ids.projectId), token)).toBe(reads ? 101 : 403);
    // The round's second coder's layer is theirs alone, whoever asks.
    const layer = (coderId: string) => roundRoom({ roundId: ids.roundId, coderId, documentId: ids.roundDocumentId });
    expect(await upgrade(layer(ids.coderId), token)).toBe(403);
    // The owner codes in the round too: their own layer opens, for them alone.
    if (role === "owner") expect(await upgrade(layer(ids.ownerId), token)).toBe(101);
    const stranger = await signedUpClient(server.url, "Stranger");
    const strangerToken = await wsToken(stranger.client);
    expect(await upgrade(ids.documentId, strangerToken)).toBe(403);
    expect(await upgrade(codebookRoom(ids.projectId), strangerToken)).toBe(403);
  });
});
