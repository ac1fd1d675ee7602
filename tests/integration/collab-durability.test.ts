import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { textOf } from "~/lib/collab/doc-model";
import { UpdateLog } from "../../server/collab/update-log";
import { signedUpClient } from "../setup/api-client";
import { connectDoc, until, waitFor } from "../setup/collab-client";
import { createTestDatabase, type TestDatabase } from "../setup/test-db";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * What a peer sees is already stored. The timer that projects (and used to write the log) is
 * set far beyond the test's length, so only the log written before a broadcast can pass.
 */
const collab = { flushIntervalMs: 30_000, logRetryMs: 20 };
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

const clients: Array<{ destroy(): void }> = [];
afterAll(() => clients.forEach((c) => c.destroy()));

async function documentWithPeers(text: string) {
  const owner = await signedUpClient(server.url, "Owner");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Durable" });
  const { body: doc } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, {
    title: "Notes",
    kind: "field_note",
    text,
  });
  const { body: token } = await owner.client.post("/api/v1/tokens", { name: "ws" });
  const open = () => {
    const client = connectDoc(server.url, doc.id, token.token);
    clients.push(client);
    return client;
  };
  const writer = open();
  const observer = open();
  await Promise.all([writer.synced(), observer.synced()]);
  return { docId: doc.id as string, writer, observer, open };
}

/** The text the update log (and snapshot) hold for a doc right now: what a restart would load. */
async function loggedText(docName: string): Promise<string> {
  const doc = new Y.Doc();
  await new UpdateLog(database.handle.db).load(docName, doc, null);
  return textOf(doc).toString();
}

it("has every edit another peer sees already in the update log when it arrives", async () => {
  const { docId, writer, observer } = await documentWithPeers("");
  const checks: Array<Promise<{ seen: string; logged: string }>> = [];
  observer.doc.on("update", () => {
    const seen = observer.text();
    checks.push(loggedText(docId).then((logged) => ({ seen, logged })));
  });
  for (let i = 0; i < 10; i++) {
    textOf(writer.doc).insert(textOf(writer.doc).length, `${i} `);
    await waitFor(() => observer.text().endsWith(`${i} `), `edit ${i} reaching the observer`);
  }
  const results = await Promise.all(checks);
  expect(results.length).toBeGreaterThanOrEqual(10);
  for (const { seen, logged } of results) expect(logged.startsWith(seen)).toBe(true);
});

it("logs an edit made just before the last peer leaves", async () => {
  const { docId, writer, observer } = await documentWithPeers("Last words");
  observer.destroy();
  textOf(writer.doc).insert(10, ", typed on the way out");
  writer.destroy();
  await until(async () => (await loggedText(docId)) === "Last words, typed on the way out", "the edit in the log", 2000);
});

/** Runs `fn` while every insert into the update log fails (as when the database is unreachable). */
async function whileTheLogRefuses(fn: () => Promise<void>) {
  const db = database.handle.db;
  await db.execute(sql`create function refuse_updates() returns trigger language plpgsql as $$
    begin raise exception 'the update log is down'; end $$`);
  await db.execute(sql`create trigger refuse_updates before insert on doc_updates execute function refuse_updates()`);
  try {
    await fn();
  } finally {
    await db.execute(sql`drop trigger refuse_updates on doc_updates`);
    await db.execute(sql`drop function refuse_updates()`);
  }
}

it("withholds an edit from other peers while the log refuses it, and delivers it once logged", async () => {
  const { docId, writer, observer } = await documentWithPeers("Steady");
  await whileTheLogRefuses(async () => {
    textOf(writer.doc).insert(6, " on");
    // The presence change is sent after the edit on the same socket: once it has arrived, an
    // edit broadcast on receipt would have arrived before it.
    writer.provider.awareness.setLocalStateField("user", { name: "writer" });
    const writerId = writer.doc.clientID;
    await waitFor(() => observer.provider.awareness.getStates().get(writerId)?.user !== undefined, "the writer's presence");
    expect(observer.text()).toBe("Steady");
  });
  await waitFor(() => observer.text() === "Steady on", "the edit once it is logged");
  expect(await loggedText(docId)).toBe("Steady on");
});

it("does not show a newcomer an edit the log does not hold yet", async () => {
  const { docId, writer, open } = await documentWithPeers("Quiet");
  let newcomer!: ReturnType<typeof open>;
  await whileTheLogRefuses(async () => {
    textOf(writer.doc).insert(5, " room");
    writer.provider.awareness.setLocalStateField("user", { name: "writer" });
    newcomer = open();
    const writerId = writer.doc.clientID;
    await waitFor(() => newcomer.provider.awareness.getStates().get(writerId)?.user !== undefined, "the writer's presence");
    expect(newcomer.text()).toBe("");
  });
  await waitFor(() => newcomer.text() === "Quiet room", "the newcomer's sync once the edit is logged");
  expect(await loggedText(docId)).toBe("Quiet room");
});
