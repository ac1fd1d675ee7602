import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, codings, docSnapshots, docUpdates, documents, memos, submissions } from "../../db/schema";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { createForm as createFormIn, northSegment, ownedProject, storedCounts as countStored, submitStory } from "../setup/contributions";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const RAW_EMAIL = "jo.bloggs@example.com";
const STORY = `Priya Shah rang from +44 20 7946 0958 and wrote to ${RAW_EMAIL} about her bill.`;

const fullForm = {
  title: "Tell us about your last call",
  consentText: "I agree that Thicket stores what I write, with personal details masked.",
  access: "public",
  fields: [
    { name: "story", label: "Your story", type: "long_text", required: true },
    { name: "customer", label: "Customer id", type: "case_key" },
    { name: "callback", label: "Callback note", type: "short_text" },
    { name: "minutes", label: "Call length (minutes)", type: "number" },
    { name: "called_on", label: "Day of the call", type: "date" },
    { name: "channel", label: "Channel", type: "choice", options: ["Phone", "Chat"] },
    { name: "topics", label: "Topics", type: "multi_choice", options: ["Billing", "Delays", "Staff"] },
  ],
};

const fullValues = {
  story: STORY,
  customer: "C-17",
  callback: "call me on 07700 900123",
  minutes: 12.5,
  called_on: "2026-03-01",
  channel: "Phone",
  topics: ["Delays", "Billing"],
  people_mentioned: ["Priya Shah"],
};

const project = () => ownedProject(server.url);
const createForm = (client: ApiClient, projectId: string, body: object = fullForm) => createFormIn(client, projectId, body);
const anonymous = () => new ApiClient(server.url);
const submitOk = (formId: string, values: object = fullValues, client = anonymous()) => submitStory(server.url, formId, values, client);
const storedCounts = (projectId: string) => countStored(server.services.db, projectId);

describe("submitting to a public form", () => {
  it("turns an anonymous submission into a redacted story with typed attributes and its case key", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId);
    const { documentId, receipt } = await submitOk(formId);
    expect(receipt.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(receipt.url).toBe(`${server.url}/receipts/${receipt.token}`);

    const doc = await owner.get(`/api/v1/documents/${documentId}`);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({
      kind: "story",
      caseKey: "C-17",
      text: "[NAME] rang from [PHONE] and wrote to [EMAIL] about her bill.",
      codings: [],
    });
    expect(doc.body.attributes).toEqual({
      callback: "call me on [PHONE]",
      minutes: 12.5,
      called_on: "2026-03-01",
      channel: "Phone",
      topics: "Billing, Delays",
    });
    expect(doc.body.title).toContain(fullForm.title);
  });

  it("never stores the unmasked text: not in documents, submissions or the document's stored Yjs state", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId);
    const { documentId } = await submitOk(formId);
    await server.services.collab.flush();
    const { db } = server.services;
    const [inDocs] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(documents)
      .where(sql`${documents.text} like ${`%${RAW_EMAIL}%`} or ${documents.attributes}::text like ${"%07700%"}`);
    const [inSubs] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(submissions)
      .where(sql`${submissions.values}::text like ${`%${RAW_EMAIL}%`} or ${submissions.values}::text like ${"%Priya%"}`);
    const holds = (bytes: typeof docUpdates.update | typeof docSnapshots.state, text: string) =>
      sql`position(convert_to(${text}, 'UTF8') in ${bytes}) > 0`;
    // The masked text is what is stored as the document's Yjs state...
    const [masked] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(docSnapshots)
      .where(and(eq(docSnapshots.docName, documentId), holds(docSnapshots.state, "[EMAIL]")));
    expect(masked!.n).toBe(1);
    // ...and the raw e-mail is nowhere in it, nor in the update log.
    const [inSnapshots] = await db.select({ n: sql<number>`count(*)::int` }).from(docSnapshots).where(holds(docSnapshots.state, RAW_EMAIL));
    const [inLog] = await db.select({ n: sql<number>`count(*)::int` }).from(docUpdates).where(holds(docUpdates.update, RAW_EMAIL));
    expect({ documents: inDocs!.n, submissions: inSubs!.n, snapshots: inSnapshots!.n, updates: inLog!.n }).toEqual({
      documents: 0,
      submissions: 0,
      snapshots: 0,
      updates: 0,
    });
  });

  it("makes an observation, with the location as text and numbers, when the form asks where", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId, {
      ...fullForm,
      fields: [
        { name: "seen", label: "What you saw", type: "long_text", required: true },
        { name: "notes", label: "Anything else", type: "long_text" },
        { name: "site", label: "Where", type: "location", required: true },
      ],
    });
    const { documentId } = await submitOk(formId, {
      seen: "Two kingfishers by the weir.",
      notes: "Water was high.",
      site: { lat: 51.752, lng: -1.2577 },
    });
    const doc = (await owner.get(`/api/v1/documents/${documentId}`)).body;
    expect(doc.kind).toBe("observation");
    expect(doc.text).toBe("What you saw\nTwo kingfishers by the weir.\n\nAnything else\nWater was high.");
    expect(doc.attributes).toEqual({ site: "51.752,-1.2577", site_lat: 51.752, site_lng: -1.2577 });
    expect(doc.caseKey).toBeNull();
  });

  it("requires consent, literally true, and stores nothing without it", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId);
    for (const body of [{ values: fullValues }, { consent: "yes", values: fullValues }, { consent: false, values: fullValues }]) {
      const res = await anonymous().post(`/api/v1/forms/${formId}/submissions`, body);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("consent_required");
      expect(res.body.error.message).toMatch(/tick the consent box/i);
    }
    expect(await storedCounts(projectId)).toEqual({ submissions: 0, documents: 0 });
  });

  it("answers 422 naming each invalid field, 413 for an answer or a submission too large, and stores nothing", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId);
    const res = await anonymous().post(`/api/v1/forms/${formId}/submissions`, {
      consent: true,
      values: { minutes: "many", called_on: "2026-02-30", channel: "Fax", topics: ["Billing", "Weather"], colour: "red" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_field");
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["called_on", "channel", "colour", "minutes", "story", "topics"]);
    expect(res.body.error.fields.story).toBe('"Your story" is required.');
    expect(res.body.error.fields.minutes).toBe('"Call length (minutes)" must be a number.');
    expect(res.body.error.fields.called_on).toMatch(/YYYY-MM-DD/);
    expect(res.body.error.fields.channel).toBe('"Channel" must be one of: Phone, Chat.');
    expect(res.body.error.fields.colour).toBe('This form has no field named "colour".');
    expect(res.body.error.message).toMatch(/^(called_on|channel|colour|minutes|story|topics): /);

    const long = await anonymous().post(`/api/v1/forms/${formId}/submissions`, {
      consent: true,
      values: { story: "x".repeat(50_001), callback: "y".repeat(501) },
    });
    expect(long.status).toBe(413);
    expect(long.body.error.code).toBe("field_too_large");
    expect(long.body.error.fields.story).toMatch(/at most 50,000 characters \(it has 50,001\)/);
    expect(long.body.error.fields.callback).toMatch(/at most 500 characters/);
    // The whole body past MAX_BODY_BYTES (1 MiB) is refused before anything is read into a field.
    const huge = await anonymous().post(`/api/v1/forms/${formId}/submissions`, {
      consent: true,
      values: { story: "z".repeat(1_100_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
    expect(await storedCounts(projectId)).toEqual({ submissions: 0, documents: 0 });
  });

  it("rejects a filled-in honeypot with a neutral 422 and stores nothing", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId);
    const res = await anonymous().post(`/api/v1/forms/${formId}/submissions`, {
      consent: true,
      values: fullValues,
      website: "http://spam.example",
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({ code: "invalid_submission", message: "This submission could not be accepted." });
    expect(await storedCounts(projectId)).toEqual({ submissions: 0, documents: 0 });
  });

  it("takes members-only contributions from contributors only, and none once the form is closed", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId, { ...fullForm, access: "members" });
    const body = { consent: true, values: { story: "The queue was long." } };

    const anon = await anonymous().post(`/api/v1/forms/${formId}/submissions`, body);
    expect(anon.status).toBe(401);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await stranger.client.post(`/api/v1/forms/${formId}/submissions`, body)).status).toBe(404);

    const contributor = await signedUpClient(server.url, "Advisor");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: contributor.user.email, role: "contributor" });
    const { documentId } = await submitOk(formId, body.values, contributor.client);
    const [row] = await server.services.db.select().from(submissions).where(eq(submissions.documentId, documentId));
    expect(row!.submitterId).toBe(contributor.user.id);

    const coder = await signedUpClient(server.url, "Coder");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
    expect((await coder.client.post(`/api/v1/forms/${formId}/submissions`, body)).status).toBe(403);

    expect((await owner.patch(`/api/v1/forms/${formId}`, { status: "closed" })).status).toBe(200);
    const closed = await contributor.client.post(`/api/v1/forms/${formId}/submissions`, body);
    expect(closed.status).toBe(410);
    expect(closed.body.error.code).toBe("form_closed");
    expect((await anonymous().post("/api/v1/forms/no-such-form/submissions", body)).status).toBe(404);
  });
});

describe("receipts and withdrawal", () => {
  it("shows the contributor what they gave, as stored", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId);
    const { receipt } = await submitOk(formId);
    const res = await anonymous().get(`/api/v1/receipts/${receipt.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: "pending",
      submittedAt: expect.any(String),
      values: {
        story: "[NAME] rang from [PHONE] and wrote to [EMAIL] about her bill.",
        customer: "C-17",
        callback: "call me on [PHONE]",
        minutes: 12.5,
        called_on: "2026-03-01",
        channel: "Phone",
        topics: ["Billing", "Delays"],
      },
    });
    const wrong = await anonymous().get(`/api/v1/receipts/${receipt.token.slice(0, -1)}x`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toEqual({
      code: "receipt_not_found",
      message: "This receipt link is not valid. Check that it was copied whole.",
    });
  });

  it("withdraws the document with its codings and memos, audits it without content, and says so on reuse", async () => {
    const { owner, projectId } = await project();
    const formId = await createForm(owner, projectId);
    const { documentId, receipt } = await submitOk(formId);
    const code = (await owner.post(`/api/v1/projects/${projectId}/codes`, { name: "Billing" })).body;
    expect((await owner.post(`/api/v1/documents/${documentId}/codings`, { codeId: code.id, start: 0, end: 6 })).status).toBe(201);
    expect((await owner.post(`/api/v1/documents/${documentId}/memos`, { body: "Compare with the March calls." })).status).toBe(201);

    const res = await anonymous().delete(`/api/v1/receipts/${receipt.token}`);
    expect(res.status).toBe(204);

    expect((await owner.get(`/api/v1/documents/${documentId}`)).status).toBe(404);
    const { db } = server.services;
    expect(await db.select().from(codings).where(eq(codings.documentId, documentId))).toEqual([]);
    expect(await db.select().from(memos).where(and(eq(memos.targetType, "document"), eq(memos.targetId, documentId)))).toEqual([]);
    expect(await db.select().from(docUpdates).where(eq(docUpdates.docName, documentId))).toEqual([]);
    expect(await db.select().from(docSnapshots).where(eq(docSnapshots.docName, documentId))).toEqual([]);

    const [sub] = await db.select().from(submissions).where(eq(submissions.formId, formId));
    expect(sub).toMatchObject({ status: "withdrawn", values: {}, documentId: null });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.projectId, projectId));
    const withdrawn = events.filter((e) => e.action === "contribution.withdrawn");
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]!.detail).toEqual({ submissionId: sub!.id, formId });
    expect(JSON.stringify(withdrawn[0])).not.toMatch(/rang from|\[EMAIL\]|C-17/);

    const receiptNow = await anonymous().get(`/api/v1/receipts/${receipt.token}`);
    expect(receiptNow.body).toEqual({ status: "withdrawn", submittedAt: expect.any(String) });
    const again = await anonymous().delete(`/api/v1/receipts/${receipt.token}`);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe("already_withdrawn");
    const wrong = await anonymous().delete(`/api/v1/receipts/not-a-real-token`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe("receipt_not_found");
  });

  it("drops a withdrawn story from the matrix", async () => {
    const { owner, projectId } = await project();
    const segment = await northSegment(owner, projectId);
    const code = (await owner.post(`/api/v1/projects/${projectId}/codes`, { name: "Delays" })).body;
    const formId = await createForm(owner, projectId);
    const { documentId, receipt } = await submitOk(formId, { story: "The engineer came two weeks late.", customer: "C-17" });
    expect((await owner.post(`/api/v1/documents/${documentId}/codings`, { codeId: code.id, start: 4, end: 12 })).status).toBe(201);

    const before = (await owner.get(`/api/v1/projects/${projectId}/matrix`)).body;
    expect(before.cells).toContainEqual({ codeId: code.id, segmentId: segment.id, codings: 1, documents: 1, cases: 1 });

    expect((await anonymous().delete(`/api/v1/receipts/${receipt.token}`)).status).toBe(204);
    const after = (await owner.get(`/api/v1/projects/${projectId}/matrix`)).body;
    expect(after.cells.filter((c: { codeId: string }) => c.codeId === code.id)).toEqual([]);
  });
});

describe("submission rate limits", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({
      config: (c) => ({ ...c, rateLimits: { ...c.rateLimits, submitPerIp: { points: 3, durationSec: 60 } } }),
    });
  });
  afterAll(() => limited?.close());

  it("answers 429 with Retry-After past the per-IP limit", async () => {
    const owner = await signedUpClient(limited.url, "Owner");
    const projectId = (await owner.client.post("/api/v1/projects", { name: "Busy" })).body.id;
    const formId = (await owner.client.post(`/api/v1/projects/${projectId}/forms`, fullForm)).body.id;
    const responses = [];
    for (let i = 0; i < 5; i++) {
      responses.push(
        await new ApiClient(limited.url).post(`/api/v1/forms/${formId}/submissions`, { consent: true, values: { story: `Story ${i}` } }),
      );
    }
    const statuses = responses.map((r) => r.status);
    const last = responses[4]!;
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(last.body.error.code).toBe("rate_limited");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
