import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorRange, codingsOf, textOf } from "~/lib/collab/doc-model";
import { codings, docSnapshots, docUpdates, documents } from "../../db/schema";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { until, waitFor } from "../setup/collab-client";
import { useLiveServer, wsToken } from "../setup/live-server";

const live = useLiveServer({ collab: { flushIntervalMs: 20 } });
const open = live.open;

/** A project with an owner, a coder (each with a token), a document and a code. */
async function setup(text = "We waited for an hour before anyone answered.") {
  const owner = await signedUpClient(live.server.url, "Owner");
  const coder = await signedUpClient(live.server.url, "Coder");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Trust" });
  await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: coder.user.email, role: "coder" });
  const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, { title: "Call", kind: "interview", text });
  const { body: code } = await owner.client.post(`/api/v1/projects/${project.id}/codes`, { name: "Waiting" });
  return {
    owner,
    coder,
    projectId: project.id as string,
    documentId: doc.id as string,
    codeId: code.id as string,
    ownerToken: await wsToken(owner.client),
    coderToken: await wsToken(coder.client),
  };
}


const liveCodings = async (client: ApiClient, documentId: string) =>
  (await client.get(`/api/v1/documents/${documentId}`)).body.codings as { id: string; authorId: string; quote: string }[];

/** Every stored log row and snapshot of a doc, concatenated, as text (Yjs stores strings as UTF-8). */
async function storedBytes(documentId: string) {
  const { db } = live.server.services;
  const rows = await db.select({ u: docUpdates.update }).from(docUpdates).where(eq(docUpdates.docName, documentId));
  const snaps = await db.select({ s: docSnapshots.state }).from(docSnapshots).where(eq(docSnapshots.docName, documentId));
  return [...rows.map((r) => r.u), ...snaps.map((s) => s.s)].map((b) => Buffer.from(b).toString("latin1")).join("\n");
}

describe("codings written over the websocket", () => {
  it("are stored as the connection's person, at the server's time, whatever the client wrote", async () => {
    const s = await setup();
    const coder = open(s.documentId, s.coderToken);
    const watcher = open(s.documentId, s.ownerToken);
    await Promise.all([coder.synced(), watcher.synced()]);
    codingsOf(coder.doc).set("forged", {
      codeId: s.codeId,
      ...anchorRange(coder.doc, 3, 9),
      authorId: s.owner.user.id,
      createdAt: "2001-09-09T01:46:40.000Z",
      memo: "in the owner's name",
    });
    await waitFor(() => codingsOf(watcher.doc).has("forged"), "the coding reaching the other peer");
    const seen = codingsOf(watcher.doc).get("forged")!;
    expect(seen.authorId).toBe(s.coder.user.id);
    expect(Math.abs(Date.parse(seen.createdAt) - Date.now())).toBeLessThan(60_000);
    // The writer's own doc converges on the server's version.
    await waitFor(() => codingsOf(coder.doc).get("forged")?.authorId === s.coder.user.id, "the writer corrected");

    expect(await liveCodings(s.owner.client, s.documentId)).toEqual([
      expect.objectContaining({ id: "forged", authorId: s.coder.user.id, quote: "waited" }),
    ]);
    await live.server.services.collab.flush();
    const [row] = await live.server.services.db.select().from(codings).where(eq(codings.id, "forged"));
    expect(row).toMatchObject({ authorId: s.coder.user.id, memo: "in the owner's name" });
    expect(row!.createdAt.getUTCFullYear()).toBeGreaterThan(2001);
    // The forged value was never logged: no stored byte holds the fake date or the owner's id.
    const stored = await storedBytes(s.documentId);
    expect(stored).toContain("in the owner's name");
    expect(stored).not.toContain("2001-09-09");
    expect(stored).not.toContain(s.owner.user.id);
  });

  it("keep the original author and time when someone else edits the coding", async () => {
    const s = await setup();
    const made = await s.owner.client.post(`/api/v1/documents/${s.documentId}/codings`, { codeId: s.codeId, start: 3, end: 9 });
    expect(made.status).toBe(201);
    const coder = open(s.documentId, s.coderToken);
    await coder.synced();
    const original = codingsOf(coder.doc).get(made.body.id)!;
    codingsOf(coder.doc).set(made.body.id, { ...original, memo: "a coder's note", authorId: s.coder.user.id, createdAt: new Date().toISOString() });
    await until(
      async () => (await live.server.services.collab.read(s.documentId)).codings[0]?.memo === "a coder's note",
      "the memo edit",
    );
    const [coding] = (await live.server.services.collab.read(s.documentId)).codings;
    expect(coding).toMatchObject({ authorId: s.owner.user.id, createdAt: original.createdAt, memo: "a coder's note" });
  });

  it("are deleted when they are not codings at all, before anyone else sees them", async () => {
    const s = await setup();
    const coder = open(s.documentId, s.coderToken);
    const watcher = open(s.documentId, s.ownerToken);
    await Promise.all([coder.synced(), watcher.synced()]);
    const map = codingsOf(coder.doc) as unknown as Y.Map<unknown>;
    map.set("bad-date", { codeId: s.codeId, ...anchorRange(coder.doc, 3, 9), authorId: "x", createdAt: "not a date", memo: "" });
    map.set("not-an-entry", 42);
    map.set("good", { codeId: s.codeId, ...anchorRange(coder.doc, 0, 2), authorId: s.coder.user.id, createdAt: new Date().toISOString(), memo: "" });
    await waitFor(() => codingsOf(watcher.doc).has("good"), "the good coding");
    await waitFor(() => !map.has("bad-date") && !map.has("not-an-entry"), "the bad entries removed from the writer");
    expect([...codingsOf(watcher.doc).keys()]).toEqual(["good"]);
    await live.server.services.collab.flush();
    expect(await storedBytes(s.documentId)).not.toContain("not a date");
  });
});

/** Appends to a stored document's log an update that writes `entries` into its codings map. */
async function logCodings(documentId: string, entries: (doc: Y.Doc) => Record<string, unknown>) {
  const { db } = live.server.services;
  const doc = new Y.Doc();
  const [snapshot] = await db.select().from(docSnapshots).where(eq(docSnapshots.docName, documentId));
  Y.applyUpdate(doc, snapshot!.state);
  for (const row of await db.select().from(docUpdates).where(eq(docUpdates.docName, documentId)).orderBy(asc(docUpdates.id))) {
    Y.applyUpdate(doc, row.update);
  }
  const before = Y.encodeStateVector(doc);
  for (const [id, entry] of Object.entries(entries(doc))) (codingsOf(doc) as unknown as Y.Map<unknown>).set(id, entry);
  await db.insert(docUpdates).values({ docName: documentId, update: Y.encodeStateAsUpdate(doc, before) });
  doc.destroy();
}

describe("an entry the projection cannot store", () => {
  it("is set aside and reported, and the projection, search, exports and redaction keep working", async () => {
    const s = await setup("Sam Jones called. We waited for an hour.");
    // Written into the log directly, as a doc stored before the server checked entries would be.
    await logCodings(s.documentId, (doc) => ({
      "bad-date": { codeId: s.codeId, ...anchorRange(doc, 18, 20), authorId: s.owner.user.id, createdAt: "not a date", memo: "" },
      "no-such-code": { codeId: "nope", ...anchorRange(doc, 18, 20), authorId: s.owner.user.id, createdAt: new Date().toISOString(), memo: "" },
    }));
    const editor = open(s.documentId, s.ownerToken);
    await editor.synced();
    expect(await live.server.services.collab.setAside(s.documentId)).toEqual(
      expect.arrayContaining([
        { id: "bad-date", reason: "malformed" },
        { id: "no-such-code", reason: "unknown_code" },
      ]),
    );

    // The projection still runs: live typing reaches documents.text and search.
    textOf(editor.doc).insert(textOf(editor.doc).length, " Nobody apologised.");
    const { db } = live.server.services;
    const storedText = async () => (await db.select({ t: documents.text }).from(documents).where(eq(documents.id, s.documentId)))[0]!.t;
    await until(async () => (await storedText()).endsWith("Nobody apologised."), "documents.text following the edit");
    const found = await s.owner.client.get(`/api/v1/projects/${s.projectId}/search?q=apologised`);
    expect(found.body.total).toBe(1);

    // An API coding reaches the codings export.
    const made = await s.owner.client.post(`/api/v1/documents/${s.documentId}/codings`, { codeId: s.codeId, start: 21, end: 27 });
    expect(made.status).toBe(201);
    const csv = await fetch(`${live.server.url}/api/v1/projects/${s.projectId}/codings.csv`, { headers: { cookie: s.owner.client.cookie! } });
    expect(csv.status).toBe(200);
    const body = await csv.text();
    expect(body).toContain("waited");
    expect(body.split("\n").filter((l) => l.trim()).length).toBe(2); // the header and the one good coding

    // A redaction succeeds and the name is gone from storage.
    const redacted = await s.owner.client.post(`/api/v1/documents/${s.documentId}/redactions`, { start: 0, end: 9, expected: "Sam Jones", label: "NAME" });
    expect(redacted.status, JSON.stringify(redacted.body)).toBeLessThan(300);
    expect(await storedBytes(s.documentId)).not.toContain("Sam Jones");
    expect(await storedText()).not.toContain("Sam Jones");
    const rows = await db.select({ id: codings.id }).from(codings).where(and(eq(codings.documentId, s.documentId)));
    expect(rows.map((r) => r.id)).toEqual([made.body.id]);
  });

  it("stores text holding U+0000, which Postgres text cannot hold, instead of stopping", async () => {
    const s = await setup("before");
    const editor = open(s.documentId, s.ownerToken);
    await editor.synced();
    textOf(editor.doc).insert(6, " \u0000after");
    const { db } = live.server.services;
    await until(
      async () => (await db.select({ t: documents.text }).from(documents).where(eq(documents.id, s.documentId)))[0]!.t === "before \uFFFDafter",
      "the text stored",
    );
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(documents).where(eq(documents.id, s.documentId))).toEqual([{ n: 1 }]);
  });
});
