import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { createForm, northSegment, ownedProject, submitStory } from "../setup/contributions";
import { startTestServer, type TestServer } from "../setup/test-server";

/** The contributions inbox over the API: listing, accepting, rejecting with a reason, tags. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function inboxWithStories(n = 2) {
  const { owner, projectId } = await ownedProject(server.url);
  const formId = await createForm(owner, projectId);
  const sent = [];
  for (let i = 0; i < n; i++) sent.push(await submitStory(server.url, formId, { story: `Story number ${i}, about the bill.`, customer: `C-${i}` }));
  const list = (await owner.get(`/api/v1/projects/${projectId}/submissions`)).body;
  const idOf = (documentId: string) => list.submissions.find((s: { documentId: string }) => s.documentId === documentId).id as string;
  return { owner, projectId, formId, sent, ids: sent.map((s) => idOf(s.documentId)) };
}

describe("the inbox", () => {
  it("lists what came in, newest first, with the form, an excerpt, the case and the counts per state", async () => {
    const { owner, projectId, formId, sent } = await inboxWithStories(2);
    const res = await owner.get(`/api/v1/projects/${projectId}/submissions`);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ pending: 2, accepted: 0, rejected: 0, withdrawn: 0 });
    expect(res.body.submissions.map((s: { documentId: string }) => s.documentId)).toEqual([sent[1]!.documentId, sent[0]!.documentId]);
    expect(res.body.submissions[0]).toMatchObject({
      formId,
      formTitle: "Tell us about your last call",
      formVersion: 1,
      status: "pending",
      tags: [],
      caseKey: "C-1",
      kind: "story",
      excerpt: "Story number 1, about the bill.",
      submitterName: null,
      rejectReason: null,
    });
  });

  it("accepts, rejects with the reason the contributor then reads, and moves back to waiting", async () => {
    const { owner, sent, ids } = await inboxWithStories(1);
    const id = ids[0]!;
    const accepted = await owner.patch(`/api/v1/submissions/${id}`, { status: "accepted" });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", deciderName: "Owner", rejectReason: null });
    expect(accepted.body.decidedAt).toEqual(expect.any(String));

    const noReason = await owner.patch(`/api/v1/submissions/${id}`, { status: "rejected" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toMatch(/contributor sees the reason/);

    const rejected = await owner.patch(`/api/v1/submissions/${id}`, { status: "rejected", reason: "It is about another service." });
    expect(rejected.body).toMatchObject({ status: "rejected", rejectReason: "It is about another service." });
    const receipt = await new ApiClient(server.url).get(`/api/v1/receipts/${sent[0]!.receipt.token}`);
    expect(receipt.body).toMatchObject({ status: "rejected", rejectReason: "It is about another service." });

    const back = await owner.patch(`/api/v1/submissions/${id}`, { status: "pending" });
    expect(back.body).toMatchObject({ status: "pending", rejectReason: null, decidedAt: null, deciderName: null });
    const receiptAgain = await new ApiClient(server.url).get(`/api/v1/receipts/${sent[0]!.receipt.token}`);
    expect(receiptAgain.body.status).toBe("pending");
    expect(receiptAgain.body.rejectReason).toBeUndefined();
  });

  it("tags submissions (one tag whatever its case) and filters by tag, status and form", async () => {
    const { owner, projectId, ids } = await inboxWithStories(2);
    const tagged = await owner.patch(`/api/v1/submissions/${ids[0]}`, { tags: [" Billing ", "billing", "Urgent  case"] });
    expect(tagged.body.tags).toEqual(["Billing", "Urgent case"]);
    await owner.patch(`/api/v1/submissions/${ids[1]}`, { status: "accepted" });

    const byTag = await owner.get(`/api/v1/projects/${projectId}/submissions?tag=BILLING`);
    expect(byTag.body.submissions.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    const accepted = await owner.get(`/api/v1/projects/${projectId}/submissions?status=accepted`);
    expect(accepted.body.submissions.map((s: { id: string }) => s.id)).toEqual([ids[1]]);
    const otherForm = await createForm(owner, projectId);
    const byForm = await owner.get(`/api/v1/projects/${projectId}/submissions?formId=${otherForm}`);
    expect(byForm.body.submissions).toEqual([]);
    // Nonsense filters are ignored, not errors.
    expect((await owner.get(`/api/v1/projects/${projectId}/submissions?status=bogus`)).body.submissions).toHaveLength(2);

    const tooMany = await owner.patch(`/api/v1/submissions/${ids[0]}`, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 20 tags/);

    // Two people adding a tag at the same moment both keep theirs; removal ignores case.
    await Promise.all([
      owner.patch(`/api/v1/submissions/${ids[1]}`, { addTags: ["Delays"] }),
      owner.patch(`/api/v1/submissions/${ids[1]}`, { addTags: ["Staff"] }),
    ]);
    expect((await owner.get(`/api/v1/submissions/${ids[1]}`)).body.tags.sort()).toEqual(["Delays", "Staff"]);
    const removed = await owner.patch(`/api/v1/submissions/${ids[1]}`, { removeTags: ["delays"] });
    expect(removed.body.tags).toEqual(["Staff"]);
    const overLimit = await owner.patch(`/api/v1/submissions/${ids[1]}`, { addTags: Array.from({ length: 20 }, (_, i) => `n${i}`) });
    expect(overLimit.status).toBe(400);
    expect(overLimit.body.error.message).toMatch(/at most 20 tags/);
  });

  it("refuses to review a withdrawn submission", async () => {
    const { owner, sent, ids } = await inboxWithStories(1);
    expect((await new ApiClient(server.url).delete(`/api/v1/receipts/${sent[0]!.receipt.token}`)).status).toBe(204);
    const res = await owner.patch(`/api/v1/submissions/${ids[0]}`, { status: "accepted" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("withdrawn");
  });

  it("keeps a rejected story out of the matrix, and brings it back when accepted", async () => {
    const { owner, projectId, formId } = await inboxWithStories(0);
    const segment = await northSegment(owner, projectId);
    const code = (await owner.post(`/api/v1/projects/${projectId}/codes`, { name: "Delays" })).body;
    const { documentId } = await submitStory(server.url, formId, { story: "The engineer came two weeks late.", customer: "C-17" });
    expect((await owner.post(`/api/v1/documents/${documentId}/codings`, { codeId: code.id, start: 4, end: 12 })).status).toBe(201);
    const id = (await owner.get(`/api/v1/projects/${projectId}/submissions`)).body.submissions[0].id;
    const cell = { codeId: code.id, segmentId: segment.id, codings: 1, documents: 1, cases: 1 };

    // Waiting for review still counts: a project that only takes stories by API sees them.
    expect((await owner.get(`/api/v1/projects/${projectId}/matrix`)).body.cells).toContainEqual(cell);
    await owner.patch(`/api/v1/submissions/${id}`, { status: "rejected", reason: "Duplicate of another call." });
    const rejected = (await owner.get(`/api/v1/projects/${projectId}/matrix`)).body.cells;
    expect(rejected.filter((c: { codeId: string }) => c.codeId === code.id)).toEqual([]);
    const excerpts = await owner.get(`/api/v1/projects/${projectId}/matrix/excerpts?codeId=${code.id}&segmentId=${segment.id}`);
    expect(excerpts.body.excerpts).toEqual([]);
    await owner.patch(`/api/v1/submissions/${id}`, { status: "accepted" });
    expect((await owner.get(`/api/v1/projects/${projectId}/matrix`)).body.cells).toContainEqual(cell);

    const docs = (await owner.get(`/api/v1/projects/${projectId}/documents`)).body.documents;
    expect(docs.find((d: { id: string }) => d.id === documentId)).toMatchObject({ review: "accepted" });
  });

  it("is for owners and researchers; another project's submission is a 404", async () => {
    const { owner, projectId, ids } = await inboxWithStories(1);
    const coder = await signedUpClient(server.url, "Coder");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
    expect((await coder.client.get(`/api/v1/projects/${projectId}/submissions`)).status).toBe(403);
    expect((await coder.client.patch(`/api/v1/submissions/${ids[0]}`, { status: "accepted" })).status).toBe(403);

    const stranger = await ownedProject(server.url, "Elsewhere");
    const poke = await stranger.owner.patch(`/api/v1/submissions/${ids[0]}`, { status: "accepted" });
    expect(poke.status).toBe(404);
    expect(poke.body.error.message).toBe("Submission not found.");
    expect((await new ApiClient(server.url).get(`/api/v1/submissions/${ids[0]}`)).status).toBe(401);
  });
});

describe("my contributions", () => {
  it("lists a signed-in contributor's own submissions and lets them withdraw one, and nobody else's", async () => {
    const { owner, projectId } = await ownedProject(server.url);
    const formId = await createForm(owner, projectId, {
      title: "Staff stories",
      consentText: "I agree.",
      access: "members",
      fields: [{ name: "story", label: "Story", type: "long_text", required: true }],
    });
    const staff = await signedUpClient(server.url, "Advisor");
    await owner.post(`/api/v1/projects/${projectId}/members`, { email: staff.user.email, role: "contributor" });
    const { documentId } = await submitStory(server.url, formId, { story: "Mrs Khan was passed around four times." }, staff.client);

    const mine = await staff.client.get("/api/v1/me/contributions");
    expect(mine.status).toBe(200);
    expect(mine.body.contributions).toEqual([
      expect.objectContaining({
        projectId,
        status: "pending",
        values: { story: "Mrs Khan was passed around four times." },
        form: { title: "Staff stories", projectName: "Intake", fields: [{ name: "story", label: "Story", type: "long_text" }] },
      }),
    ]);
    const id = mine.body.contributions[0].id;
    expect((await owner.get("/api/v1/me/contributions")).body.contributions).toEqual([]);
    expect((await owner.delete(`/api/v1/me/contributions/${id}`)).status).toBe(404);
    expect((await owner.get(`/api/v1/documents/${documentId}`)).status).toBe(200);

    expect((await staff.client.delete(`/api/v1/me/contributions/${id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/documents/${documentId}`)).status).toBe(404);
    const after = (await staff.client.get("/api/v1/me/contributions")).body.contributions[0];
    expect(after.status).toBe("withdrawn");
    expect(after.values).toBeUndefined();
    expect((await staff.client.delete(`/api/v1/me/contributions/${id}`)).status).toBe(410);
  });
});
