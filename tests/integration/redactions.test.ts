import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { resolveCodings, textOf } from "~/lib/collab/doc-model";
import { auditEvents, codings, docSnapshots, docUpdates, documents, submissions } from "../../db/schema";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { connectDoc, waitFor } from "../setup/collab-client";
import { startTestServer, type TestServer } from "../setup/test-server";

// A short compaction threshold, so a document soon has both a snapshot and later log rows
// holding the text that is then redacted.
const COMPACT_AFTER = 6;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ collab: { compactAfter: COMPACT_AFTER, flushIntervalMs: 20 } });
});
afterAll(() => server?.close());

const NAME = "Priya Shah";
const TEXT = `${NAME} rang about her bill. The agent kept her on hold for forty minutes.`;

async function projectWithOwner() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Redactions" });
  return { owner, projectId: project.id as string };
}

async function addMember(owner: ApiClient, projectId: string, role: string) {
  const person = await signedUpClient(server.url, role);
  const res = await owner.post(`/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  expect(res.status).toBe(201);
  return person.client;
}

async function documentIn(client: ApiClient, projectId: string, text = TEXT) {
  const res = await client.post(`/api/v1/projects/${projectId}/documents`, { title: "Call", kind: "story", text });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const redact = (client: ApiClient, documentId: string, body: object) =>
  client.post(`/api/v1/documents/${documentId}/redactions`, body);

const liveText = async (client: ApiClient, documentId: string) =>
  (await client.get(`/api/v1/documents/${documentId}`)).body.text as string;

/** How many stored rows of this doc's log and snapshot hold `needle` as UTF-8 bytes (as Yjs stores strings). */
async function storedCopies(documentId: string, needle: string) {
  const { db } = server.services;
  const bytes = (column: typeof docUpdates.update | typeof docSnapshots.state) =>
    sql`position(convert_to(${needle}, 'UTF8') in ${column}) > 0`;
  const [updates] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(docUpdates)
    .where(and(eq(docUpdates.docName, documentId), bytes(docUpdates.update)));
  const [snapshots] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(docSnapshots)
    .where(and(eq(docSnapshots.docName, documentId), bytes(docSnapshots.state)));
  const [projected] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .where(and(eq(documents.id, documentId), sql`position(${needle} in ${documents.text}) > 0`));
  const [quotes] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(codings)
    .where(and(eq(codings.documentId, documentId), sql`position(${needle} in ${codings.quote}) > 0`));
  return { updates: updates!.n, snapshots: snapshots!.n, documentText: projected!.n, codingQuotes: quotes!.n };
}

/** The document as a server restart would load it: the snapshot, then every logged update. */
async function loadFromStorage(documentId: string) {
  const { db } = server.services;
  const doc = new Y.Doc();
  const [snapshot] = await db.select().from(docSnapshots).where(eq(docSnapshots.docName, documentId));
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  const rows = await db.select().from(docUpdates).where(eq(docUpdates.docName, documentId)).orderBy(asc(docUpdates.id));
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return doc;
}

describe("redacting a passage by hand", () => {
  it("shows the placeholder live, in the text and in coding quotes, and erases the original from every stored copy", async () => {
    const { owner, projectId } = await projectWithOwner();
    const documentId = await documentIn(owner.client, projectId);
    const { body: code } = await owner.client.post(`/api/v1/projects/${projectId}/codes`, { name: "Waiting" });
    const coding = async (start: number, end: number) =>
      (await owner.client.post(`/api/v1/documents/${documentId}/codings`, { codeId: code.id, start, end })).body.id as string;
    // Codings on the name itself, on a passage that starts with it, and on one that does not
    // touch it. A new document's text is stored as its first snapshot; the codings are log rows.
    const onName = await coding(0, NAME.length);
    const onSentence = await coding(0, TEXT.indexOf("."));
    const onHold = await coding(TEXT.indexOf("on hold"), TEXT.indexOf(" for"));

    const { body: token } = await owner.client.post("/api/v1/tokens", { name: "ws" });
    const editor = connectDoc(server.url, documentId, token.token);
    try {
      await editor.synced();
      // Someone completes the name in the editor: that part is only in a later log row (and the
      // redaction's own row keeps the log under COMPACT_AFTER: no compaction would happen anyway).
      textOf(editor.doc).insert(NAME.length, "-Patel");
      const fullName = `${NAME}-Patel`;
      await expect.poll(() => liveText(owner.client, documentId)).toBe(TEXT.replace(NAME, fullName));
      await server.services.collab.flush();
      expect(await storedCopies(documentId, NAME)).toMatchObject({ snapshots: 1, documentText: 1 });
      expect((await storedCopies(documentId, "-Patel")).updates).toBeGreaterThan(0);

      const res = await redact(owner.client, documentId, { start: 0, end: fullName.length, expected: fullName, label: "NAME" });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const redacted = TEXT.replace(NAME, "[NAME]");
      expect(res.body).toEqual({
        start: 0,
        end: 6,
        placeholder: "[NAME]",
        redactedLength: fullName.length,
        textLength: redacted.length,
        answersRedacted: 0,
      });

      // Someone with the document open sees it at once, highlights included.
      await waitFor(() => editor.text() === redacted, "the redaction reaching the open editor");
      expect(editor.codings().find((c) => c.id === onName)).toMatchObject({ quote: "[NAME]", orphaned: false });

      const doc = (await owner.client.get(`/api/v1/documents/${documentId}`)).body;
      expect(doc.text).toBe(redacted);
      const quotes = Object.fromEntries(doc.codings.map((c: { id: string; quote: string }) => [c.id, c.quote]));
      expect(quotes).toEqual({ [onName]: "[NAME]", [onSentence]: "[NAME] rang about her bill", [onHold]: "on hold" });
      expect(doc.codings.every((c: { orphaned: boolean }) => !c.orphaned)).toBe(true);

      // Not in the log, the snapshot, the projected text or the projected quotes: no part of it.
      const nowhere = { updates: 0, snapshots: 0, documentText: 0, codingQuotes: 0 };
      for (const part of ["Priya", "Shah", "Patel"]) expect(await storedCopies(documentId, part), part).toEqual(nowhere);
      const projected = await server.services.db.select({ quote: codings.quote }).from(codings).where(eq(codings.id, onSentence));
      expect(projected).toEqual([{ quote: "[NAME] rang about her bill" }]);

      // What is stored still loads into the same document (nothing else went with the log).
      const reloaded = await loadFromStorage(documentId);
      expect(textOf(reloaded).toString()).toBe(redacted);
      expect(resolveCodings(reloaded).map((c) => c.quote).sort()).toEqual(Object.values(quotes).sort());

      // Later edits are logged as before and do not bring the name back.
      textOf(editor.doc).insert(redacted.length, " Resolved.");
      await expect.poll(() => liveText(owner.client, documentId)).toBe(`${redacted} Resolved.`);
      await server.services.collab.flush();
      expect(textOf(await loadFromStorage(documentId)).toString()).toBe(`${redacted} Resolved.`);
      expect(await storedCopies(documentId, "Priya")).toEqual(nowhere);
    } finally {
      editor.destroy();
    }
  });

  it("redacts a contribution's stored answers too, so the contributor's receipt shows the placeholder", async () => {
    const { owner, projectId } = await projectWithOwner();
    const form = await owner.client.post(`/api/v1/projects/${projectId}/forms`, {
      title: "Your last repair",
      consentText: "I agree that Thicket stores what I write.",
      access: "public",
      fields: [
        { name: "story", label: "What happened", type: "long_text", required: true },
        { name: "who", label: "Who came", type: "short_text" },
        { name: "visits", label: "Visits", type: "number" },
      ],
    });
    expect(form.status, JSON.stringify(form.body)).toBe(201);
    const story = "Tom Baker came twice. Tom Baker fixed the boiler in the end.";
    const submitted = await new ApiClient(server.url).post(`/api/v1/forms/${form.body.id}/submissions`, {
      consent: true,
      values: { story, who: "an engineer, Tom Baker", visits: 2 },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const { documentId, receipt } = submitted.body as { documentId: string; receipt: { token: string } };

    const res = await redact(owner.client, documentId, { start: 0, end: 9, expected: "Tom Baker", label: "NAME" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.answersRedacted).toBe(2);
    // The document has what the researcher chose: this one passage.
    expect(await liveText(owner.client, documentId)).toBe("[NAME] came twice. Tom Baker fixed the boiler in the end.");

    const shown = await new ApiClient(server.url).get(`/api/v1/receipts/${receipt.token}`);
    expect(shown.body.values).toEqual({
      story: "[NAME] came twice. [NAME] fixed the boiler in the end.",
      who: "an engineer, [NAME]",
      visits: 2,
    });
    const { db } = server.services;
    const [row] = await db.select({ values: submissions.values }).from(submissions).where(eq(submissions.documentId, documentId));
    expect(JSON.stringify(row!.values)).not.toContain("Tom");
    const doc = (await owner.client.get(`/api/v1/documents/${documentId}`)).body;
    expect(doc.attributes).toEqual({ who: "an engineer, [NAME]", visits: 2 });

    // Audited with ids and the length, never the text.
    const audit = await db
      .select({ actorId: auditEvents.actorId, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.action, "document.redacted")));
    expect(audit).toEqual([
      { actorId: owner.user.id, detail: { documentId, submissionId: expect.any(String), length: 9 } },
    ]);
    expect(JSON.stringify(audit)).not.toContain("Tom");
  });

  it("refuses with 409 text_changed when someone edited the passage meanwhile, and changes nothing", async () => {
    const { owner, projectId } = await projectWithOwner();
    const documentId = await documentIn(owner.client, projectId);
    const { body: token } = await owner.client.post("/api/v1/tokens", { name: "ws" });
    const other = connectDoc(server.url, documentId, token.token);
    try {
      await other.synced();
      textOf(other.doc).insert(0, "Caller: ");
      await expect.poll(() => liveText(owner.client, documentId)).toBe(`Caller: ${TEXT}`);
      // The offsets the client selected before the edit now hold other text.
      const res = await redact(owner.client, documentId, { start: 0, end: NAME.length, expected: NAME, label: "NAME" });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("text_changed");
      expect(await liveText(owner.client, documentId)).toBe(`Caller: ${TEXT}`);
    } finally {
      other.destroy();
    }
  });

  it("answers 422 for an empty range or one outside the text, and 400 for an unknown label", async () => {
    const { owner, projectId } = await projectWithOwner();
    const documentId = await documentIn(owner.client, projectId);
    const empty = await redact(owner.client, documentId, { start: 4, end: 4 });
    expect([empty.status, empty.body.error.code]).toEqual([422, "invalid_range"]);
    const outside = await redact(owner.client, documentId, { start: 10, end: TEXT.length + 1 });
    expect([outside.status, outside.body.error.code]).toEqual([422, "invalid_range"]);
    const negative = await redact(owner.client, documentId, { start: -1, end: 3 });
    expect(negative.status).toBe(422);
    const label = await redact(owner.client, documentId, { start: 0, end: 5, label: "Priya's sister" });
    expect([label.status, Object.keys(label.body.error.fields ?? {})]).toEqual([400, ["label"]]);
    expect(await liveText(owner.client, documentId)).toBe(TEXT);

    // Without `expected` or `label` it redacts whatever is there now, as [REDACTED].
    const plain = await redact(owner.client, documentId, { start: 0, end: NAME.length });
    expect(plain.status).toBe(200);
    expect(await liveText(owner.client, documentId)).toBe(TEXT.replace(NAME, "[REDACTED]"));
  });

  it("is for people who may edit documents: 401 signed out, 404 outside the project, 403 for a reviewer", async () => {
    const { owner, projectId } = await projectWithOwner();
    const documentId = await documentIn(owner.client, projectId);
    const body = { start: 0, end: NAME.length, expected: NAME };
    expect((await redact(new ApiClient(server.url), documentId, body)).status).toBe(401);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await redact(stranger.client, documentId, body)).status).toBe(404);
    expect((await redact(owner.client, "no-such-document", body)).status).toBe(404);
    const reviewer = await addMember(owner.client, projectId, "reviewer");
    expect((await redact(reviewer, documentId, body)).status).toBe(403);
    const contributor = await addMember(owner.client, projectId, "contributor");
    expect((await redact(contributor, documentId, body)).status).toBe(403);
    expect(await liveText(owner.client, documentId)).toBe(TEXT);

    const researcher = await addMember(owner.client, projectId, "researcher");
    expect((await redact(researcher, documentId, body)).status).toBe(200);
    expect(await liveText(owner.client, documentId)).toBe(TEXT.replace(NAME, "[REDACTED]"));
  });
});
