import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { textOf } from "~/lib/collab/doc-model";
import { docSnapshots, docUpdates, documents } from "../../db/schema";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { connectDoc, until } from "../setup/collab-client";
import { createTestDatabase, type TestDatabase } from "../setup/test-db";
import { startTestServer, type TestServer } from "../setup/test-server";

const collab = { compactAfter: 5, flushIntervalMs: 20 };
let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database, collab });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

async function documentWithClient(text: string) {
  const owner = await signedUpClient(server.url, "Owner");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Storage" });
  const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, {
    title: "Notes",
    kind: "field_note",
    text,
  });
  const { body: token } = await owner.client.post("/api/v1/tokens", { name: "ws" });
  const client = connectDoc(server.url, doc.id, token.token);
  await client.synced();
  return { owner, doc, client };
}

it("compacts a long update log into a snapshot, and loads it back whole", async () => {
  const { owner, doc, client } = await documentWithClient("");
  const db = database.handle.db;
  const liveText = async () => (await owner.client.get(`/api/v1/documents/${doc.id}`)).body.text as string;
  for (let i = 0; i < 30; i++) {
    textOf(client.doc).insert(textOf(client.doc).length, `${i} `);
    // One edit per flush, so the log really grows past the threshold.
    await until(async () => (await liveText()).endsWith(`${i} `), `edit ${i}`);
  }
  await until(async () => (await db.select().from(docSnapshots).where(eq(docSnapshots.docName, doc.id))).length === 1, "a snapshot");
  // The row that reaches the threshold is written just before its compaction commits: wait for
  // the compaction rather than reading the log at an instant that may fall between the two.
  const logRows = async () => (await db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.docName, doc.id))).length;
  await until(async () => (await logRows()) < collab.compactAfter, "the log compacted below the threshold");
  expect(await logRows()).toBeLessThan(collab.compactAfter);

  client.destroy();
  const cookie = owner.client.cookie;
  await server.close();
  server = await startTestServer({ database, collab });
  const again = new ApiClient(server.url);
  again.cookie = cookie;
  const expected = Array.from({ length: 30 }, (_, i) => `${i} `).join("");
  const [before] = await db.select({ updatedAt: documents.updatedAt }).from(documents).where(eq(documents.id, doc.id));
  expect((await again.get(`/api/v1/documents/${doc.id}`)).body.text).toBe(expected);
  // Opening a document does not rewrite it: the list's "last updated" stays put.
  await server.services.collab.flush();
  const [after] = await db.select({ updatedAt: documents.updatedAt }).from(documents).where(eq(documents.id, doc.id));
  expect(after!.updatedAt).toEqual(before!.updatedAt);
});

it("disconnects everyone from a document when it is deleted, and erases its log", async () => {
  const { owner, doc, client } = await documentWithClient("soon gone");
  const closed = new Promise<number>((resolve) =>
    client.provider.ws?.addEventListener("close", (e) => resolve((e as CloseEvent).code)),
  );
  expect((await owner.client.delete(`/api/v1/documents/${doc.id}`)).status).toBe(204);
  expect(await closed).toBe(4404);
  client.destroy();
  expect((await owner.client.get(`/api/v1/documents/${doc.id}`)).status).toBe(404);
  expect(await database.handle.db.select().from(docUpdates).where(eq(docUpdates.docName, doc.id))).toEqual([]);
});
