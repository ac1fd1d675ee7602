import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "~/lib/collab/doc-model";
import { ApiClient, created, signedUpClient } from "../setup/api-client";
import { until } from "../setup/collab-client";
import { findingsProject, findingWithEvidence, type FindingsProject } from "../setup/findings";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let p: FindingsProject;
beforeAll(async () => {
  server = await startTestServer();
  p = await findingsProject(server.url);
});
afterAll(() => server?.close());

const move = (client: ApiClient, id: string, body: object) => client.post(`/api/v1/findings/${id}/transitions`, body);
const unread = async (client: ApiClient) => (await client.get("/api/v1/notifications")).body;

describe("a finding and its evidence", () => {
  it("shows the segment's numbers, the code's counts and each excerpt's quote", async () => {
    const { id } = await findingWithEvidence(p);
    const res = await p.reviewer.client.get(`/api/v1/findings/${id}`);
    expect(res.status).toBe(200);
    const [segment, code, quote1, quote2] = res.body.evidence;
    expect(segment).toMatchObject({ kind: "segment", segment: { name: "Churned", size: 2, datasetRows: 4 } });
    expect(code).toMatchObject({
      kind: "code",
      code: { name: "Billing" },
      counts: { codings: 3, documents: 3, projectDocuments: 3, bySegment: [{ segmentId: p.churned.id, codings: 2, documents: 2, cases: 2 }] },
    });
    expect(quote1).toMatchObject({ kind: "excerpt", state: "current", quote: "The bill was wrong three times.", documentTitle: "Interview 1", note: "Typical" });
    expect(quote1.codeCounts).toEqual({ codings: 3, documents: 3, projectDocuments: 3 });
    expect(quote2).toMatchObject({ documentTitle: "Interview 3" });
  });

  it("refuses the same evidence twice, another project's ids, and bad bodies", async () => {
    const { id } = await findingWithEvidence(p);
    const again = await p.researcher.client.post(`/api/v1/findings/${id}/evidence`, { kind: "segment", segmentId: p.churned.id });
    expect(again.status).toBe(409);
    const other = await signedUpClient(server.url, "Elsewhere");
    const otherProject = await created(other.client, "/api/v1/projects", { name: "Other" });
    const otherCode = await created(other.client, `/api/v1/projects/${otherProject.id}/codes`, { name: "Theirs" });
    const poke = await p.researcher.client.post(`/api/v1/findings/${id}/evidence`, { kind: "code", codeId: otherCode.id });
    expect(poke.status).toBe(404);
    expect((await other.client.get(`/api/v1/findings/${id}`)).status).toBe(404);
    const bad = await p.researcher.client.post(`/api/v1/findings/${id}/evidence`, { kind: "chart", id: "x" });
    expect(bad.status).toBe(400);
  });

  it("says when a quoted coding's text changes or the coding is removed", async () => {
    const finding = await created(p.researcher.client, `/api/v1/projects/${p.projectId}/findings`, { title: "Waiting" });
    const doc = await created(p.owner.client, `/api/v1/projects/${p.projectId}/documents`, { title: "Interview 9", kind: "interview", text: "I waited an hour. Then I gave up." });
    const coding = await created(p.owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: p.waiting.id, start: 0, end: 17 });
    const other = await created(p.owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: p.waiting.id, start: 18, end: 33 });
    await created(p.researcher.client, `/api/v1/findings/${finding.id}/evidence`, { kind: "excerpt", codingId: coding.id });
    await created(p.researcher.client, `/api/v1/findings/${finding.id}/evidence`, { kind: "excerpt", codingId: other.id });
    // Someone edits the quoted words in the editor: "an hour" becomes "two hours".
    await server.services.collab.change(doc.id, (ydoc) => {
      textOf(ydoc).delete(9, 7);
      textOf(ydoc).insert(9, "two hours");
    });
    expect((await p.owner.client.delete(`/api/v1/codings/${other.id}`)).status).toBe(204);
    await until(async () => (await p.reviewer.client.get(`/api/v1/findings/${finding.id}`)).body.evidence[0].state === "changed", "the changed quote");
    const [changed, removed] = (await p.reviewer.client.get(`/api/v1/findings/${finding.id}`)).body.evidence;
    expect(changed).toMatchObject({ state: "changed", quote: "I waited two hours.", savedQuote: "I waited an hour." });
    expect(removed).toMatchObject({ state: "removed", quote: "Then I gave up." });
  });
});

describe("who may do what", () => {
  it("a reviewer cannot edit the finding or its evidence; a coder cannot read or accept it", async () => {
    const { id, evidence } = await findingWithEvidence(p);
    expect((await p.reviewer.client.patch(`/api/v1/findings/${id}`, { claim: "Mine now" })).status).toBe(403);
    expect((await p.reviewer.client.delete(`/api/v1/findings/${id}/evidence/${evidence.quote1.id}`)).status).toBe(403);
    expect((await move(p.reviewer.client, id, { to: "in_review" })).status).toBe(403);
    expect((await move(p.researcher.client, id, { to: "in_review" })).status).toBe(200);
    expect((await move(p.coder.client, id, { to: "accepted" })).status).toBe(403);
    expect((await p.coder.client.get(`/api/v1/findings/${id}`)).status).toBe(403);
    const self = await move(p.researcher.client, id, { to: "accepted" });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/researcher/);
    expect((await p.reviewer.client.get(`/api/v1/findings/${id}`)).body.status).toBe("in_review");
  });

  it("asks only members who can review", async () => {
    const { id } = await findingWithEvidence(p);
    const res = await move(p.researcher.client, id, { to: "in_review", reviewerIds: [p.coder.user.id] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_reviewer");
  });
});

describe("the review workflow", () => {
  it("goes draft → in review → changes requested → in review → accepted, recording and telling each step", async () => {
    const empty = await created(p.researcher.client, `/api/v1/projects/${p.projectId}/findings`, { title: "Nothing yet" });
    const noEvidence = await move(p.researcher.client, empty.id, { to: "in_review" });
    expect([noEvidence.status, noEvidence.body.error.code]).toEqual([422, "no_evidence"]);

    const { id } = await findingWithEvidence(p, "Billing, reviewed");
    await p.reviewer.client.post("/api/v1/notifications", {});
    const asked = await move(p.researcher.client, id, { to: "in_review" });
    expect(asked.status).toBe(200);
    expect(asked.body.reviewers.map((r: { name: string }) => r.name)).toEqual(["Vera Reviewer"]);
    const inbox = await unread(p.reviewer.client);
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications[0]).toMatchObject({ kind: "review_requested", message: 'Rita Researcher asked you to review "Billing, reviewed"', url: `/projects/${p.projectId}/findings/${id}` });

    const locked = await p.researcher.client.patch(`/api/v1/findings/${id}`, { claim: "Sneaky" });
    expect([locked.status, locked.body.error.code]).toEqual([409, "finding_in_review"]);
    const silent = await move(p.reviewer.client, id, { to: "changes_requested" });
    expect(silent.status).toBe(422);
    expect((await move(p.reviewer.client, id, { to: "changes_requested", note: "Say how many churned." })).body.status).toBe("changes_requested");
    expect((await unread(p.researcher.client)).notifications[0]).toMatchObject({ kind: "decision", message: 'Vera Reviewer requested changes to "Billing, reviewed"' });

    expect((await p.researcher.client.patch(`/api/v1/findings/${id}`, { claim: "Both churned customers had billing errors." })).status).toBe(200);
    expect((await move(p.researcher.client, id, { to: "in_review" })).status).toBe(200);
    const accepted = await move(p.reviewer.client, id, { to: "accepted", note: "Convincing." });
    expect(accepted.body).toMatchObject({ status: "accepted", version: 1, acceptedVersion: 1 });
    expect((await move(p.reviewer.client, id, { to: "accepted" })).status).toBe(409);

    const history = (await p.reviewer.client.get(`/api/v1/findings/${id}/transitions`)).body.transitions;
    expect(history.map((t: { from: string; to: string; actor: { name: string } }) => `${t.from}→${t.to} ${t.actor.name}`)).toEqual([
      "draft→in_review Rita Researcher",
      "in_review→changes_requested Vera Reviewer",
      "changes_requested→in_review Rita Researcher",
      "in_review→accepted Vera Reviewer",
    ]);
    expect(history[1].note).toBe("Say how many churned.");

    const audit = (await p.owner.client.get(`/api/v1/projects/${p.projectId}/audit?limit=200`)).body.events;
    const decisions = audit.filter((e: { detail: { findingId?: string } }) => e.detail.findingId === id);
    expect(decisions.map((e: { action: string }) => e.action)).toEqual(["finding.accepted", "finding.changes_requested"]);
    expect(decisions[0]).toMatchObject({ actor: { name: "Vera Reviewer" }, detail: { version: 1, note: "Convincing." } });
  });

  it("freezes an accepted version; the next edit starts version 2 with a visible diff", async () => {
    const { id, evidence } = await findingWithEvidence(p, "Frozen");
    await move(p.researcher.client, id, { to: "in_review" });
    await move(p.reviewer.client, id, { to: "accepted" });
    const edited = await p.researcher.client.patch(`/api/v1/findings/${id}`, { claim: "Customers who left had repeated billing errors and long waits." });
    expect(edited.body).toMatchObject({ status: "draft", version: 2, acceptedVersion: 1 });
    expect((await p.researcher.client.delete(`/api/v1/findings/${id}/evidence/${evidence.quote2.id}`)).status).toBe(204);
    await created(p.researcher.client, `/api/v1/findings/${id}/evidence`, { kind: "code", codeId: p.waiting.id });

    const [v1] = (await p.reviewer.client.get(`/api/v1/findings/${id}/versions`)).body.versions;
    expect(v1).toMatchObject({ version: 1, claim: "Customers who left had **repeated billing errors**.", acceptedBy: { name: "Vera Reviewer" } });
    expect(v1.evidence).toHaveLength(4);

    const diff = (await p.reviewer.client.get(`/api/v1/findings/${id}/diff`)).body;
    expect(diff).toMatchObject({ from: 1, to: "current" });
    expect(diff.claim.filter((c: { kind: string }) => c.kind === "added").map((c: { text: string }) => c.text).join("")).toContain("long waits");
    expect(diff.evidence.map((c: { kind: string; what: string }) => `${c.kind} ${c.what}`).sort()).toEqual(["added code", "removed excerpt"]);

    await move(p.researcher.client, id, { to: "in_review" });
    await move(p.reviewer.client, id, { to: "accepted" });
    const versions = (await p.reviewer.client.get(`/api/v1/findings/${id}/versions`)).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].claim).toBe("Customers who left had **repeated billing errors**.");
  });
});

describe("comments", () => {
  it("threads on the finding or on one excerpt, replies stay in their thread, and people are told", async () => {
    const { id, evidence } = await findingWithEvidence(p, "Discussed");
    await move(p.researcher.client, id, { to: "in_review" });
    await p.researcher.client.post("/api/v1/notifications", {});
    const onQuote = await created(p.reviewer.client, `/api/v1/findings/${id}/comments`, { body: "Is this typical?", evidenceId: evidence.quote1.id });
    const reply = await created(p.researcher.client, `/api/v1/findings/${id}/comments`, { body: "Yes: 3 of 3.", parentId: onQuote.id });
    expect(reply).toMatchObject({ evidenceId: evidence.quote1.id, parentId: onQuote.id });
    await created(p.reviewer.client, `/api/v1/findings/${id}/comments`, { body: "<b>Overall</b> fine" });
    const threads = (await p.researcher.client.get(`/api/v1/findings/${id}/comments`)).body.threads;
    expect(threads).toHaveLength(2);
    expect(threads[0]).toMatchObject({ body: "Is this typical?", evidenceId: evidence.quote1.id, author: { name: "Vera Reviewer" } });
    expect(threads[0].replies.map((r: { body: string }) => r.body)).toEqual(["Yes: 3 of 3."]);
    expect(threads[1]).toMatchObject({ body: "<b>Overall</b> fine", evidenceId: null });
    const told = await unread(p.researcher.client);
    expect(told.notifications.filter((n: { kind: string }) => n.kind === "comment")).toHaveLength(2);
    expect((await unread(p.reviewer.client)).notifications[0]).toMatchObject({ kind: "comment", message: 'Rita Researcher commented on "Discussed"' });

    const empty = await p.reviewer.client.post(`/api/v1/findings/${id}/comments`, { body: "   " });
    expect(empty.status).toBe(400);
    const stray = await p.reviewer.client.post(`/api/v1/findings/${id}/comments`, { body: "x", evidenceId: "nope" });
    expect(stray.status).toBe(404);
  });

  it("marks notifications read, all or by id, and only the caller's", async () => {
    const { id } = await findingWithEvidence(p, "Notified");
    await move(p.researcher.client, id, { to: "in_review" });
    const mine = await unread(p.reviewer.client);
    expect(mine.unread).toBeGreaterThan(0);
    // Someone else marking the reviewer's notification changes nothing.
    expect((await p.researcher.client.post("/api/v1/notifications", { ids: [mine.notifications[0].id] })).status).toBe(204);
    expect((await unread(p.reviewer.client)).unread).toBe(mine.unread);
    await p.reviewer.client.post("/api/v1/notifications", { ids: [mine.notifications[0].id] });
    expect((await unread(p.reviewer.client)).unread).toBe(mine.unread - 1);
    await p.reviewer.client.post("/api/v1/notifications", {});
    expect((await unread(p.reviewer.client)).unread).toBe(0);
  });
});

describe("public links", () => {
  it("an owner publishes an accepted finding; the link shows its latest accepted version and nothing else", async () => {
    const { id } = await findingWithEvidence(p, "Public");
    const early = await p.owner.client.post(`/api/v1/findings/${id}/public-link`);
    expect([early.status, early.body.error.code]).toEqual([409, "not_accepted"]);
    await move(p.researcher.client, id, { to: "in_review" });
    await move(p.reviewer.client, id, { to: "accepted" });
    expect((await p.researcher.client.post(`/api/v1/findings/${id}/public-link`)).status).toBe(403);
    const link = await p.owner.client.post(`/api/v1/findings/${id}/public-link`);
    expect(link.status).toBe(201);
    expect(link.body.url).toBe(`${server.url}/share/${link.body.token}`);
    await p.researcher.client.patch(`/api/v1/findings/${id}`, { claim: "A draft nobody outside should see." });

    const anonymous = new ApiClient(server.url);
    const shown = await anonymous.get(`/api/v1/public/findings/${link.body.token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ title: "Public", claim: "Customers who left had **repeated billing errors**.", version: 1 });
    const text = JSON.stringify(shown.body);
    for (const secret of ["A draft nobody", "Council churn", p.projectId, p.docs[0].id, p.codings.bill1.id, "Rita", p.churned.id]) {
      expect(text).not.toContain(secret);
    }
    expect(shown.body.evidence.filter((e: { kind: string }) => e.kind === "excerpt").map((e: { quote: string }) => e.quote)).toEqual([
      "The bill was wrong three times.",
      "The bill was wrong three times.",
    ]);

    expect((await p.owner.client.delete(`/api/v1/findings/${id}/public-link`)).status).toBe(204);
    expect((await anonymous.get(`/api/v1/public/findings/${link.body.token}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/public/findings/not-a-token`)).status).toBe(404);
    const actions = (await p.owner.client.get(`/api/v1/projects/${p.projectId}/audit?limit=200`)).body.events
      .filter((e: { detail: { findingId?: string } }) => e.detail.findingId === id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(["finding.unpublished", "finding.published", "finding.accepted"]);
  });
});

describe("consent reaches findings", () => {
  it("a withdrawn contribution's quote leaves the finding, its frozen version and its public link", async () => {
    const form = await created(p.owner.client, `/api/v1/projects/${p.projectId}/forms`, {
      title: "Stories",
      consentText: "I agree.",
      access: "public",
      fields: [{ name: "story", label: "Story", type: "long_text", required: true }],
    });
    const sent = await created(new ApiClient(server.url), `/api/v1/forms/${form.id}/submissions`, { consent: true, values: { story: "My bill doubled overnight." } });
    const coding = await created(p.owner.client, `/api/v1/documents/${sent.documentId}/codings`, { codeId: p.billing.id, start: 0, end: 26 });
    const finding = await created(p.researcher.client, `/api/v1/projects/${p.projectId}/findings`, { title: "Doubled bills" });
    await created(p.researcher.client, `/api/v1/findings/${finding.id}/evidence`, { kind: "excerpt", codingId: coding.id });
    await move(p.researcher.client, finding.id, { to: "in_review" });
    await move(p.reviewer.client, finding.id, { to: "accepted" });
    const link = (await p.owner.client.post(`/api/v1/findings/${finding.id}/public-link`)).body;

    expect((await new ApiClient(server.url).delete(`/api/v1/receipts/${sent.receipt.token}`)).status).toBe(204);

    const now = (await p.reviewer.client.get(`/api/v1/findings/${finding.id}`)).body.evidence[0];
    // The document's title goes too: a contribution's title can name its contributor.
    expect(now).toMatchObject({ state: "withdrawn", quote: "", documentId: null, documentTitle: null, label: "A withdrawn contribution" });
    const [v1] = (await p.reviewer.client.get(`/api/v1/findings/${finding.id}/versions`)).body.versions;
    expect(v1.evidence[0]).toMatchObject({ state: "withdrawn", quote: "", documentId: null, documentTitle: null, label: "A withdrawn contribution" });
    const shown = await new ApiClient(server.url).get(`/api/v1/public/findings/${link.token}`);
    expect(JSON.stringify(shown.body)).not.toContain("doubled");
    const rows = await server.services.db.execute(`select count(*)::int as n from finding_versions where evidence::text like '%doubled%'`);
    expect(JSON.stringify(rows)).toContain('"n":0');
  });

  it("a redaction clears the saved quotes that held the redacted words", async () => {
    const doc = await created(p.owner.client, `/api/v1/projects/${p.projectId}/documents`, { title: "Call 7", kind: "story", text: "Ask for Joan Smith. Billing is a mess." });
    const named = await created(p.owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: p.billing.id, start: 0, end: 19 });
    const plain = await created(p.owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: p.billing.id, start: 20, end: 38 });
    const finding = await created(p.researcher.client, `/api/v1/projects/${p.projectId}/findings`, { title: "Names" });
    await created(p.researcher.client, `/api/v1/findings/${finding.id}/evidence`, { kind: "excerpt", codingId: named.id });
    await created(p.researcher.client, `/api/v1/findings/${finding.id}/evidence`, { kind: "excerpt", codingId: plain.id });
    const redacted = await p.owner.client.post(`/api/v1/documents/${doc.id}/redactions`, { start: 8, end: 18, label: "NAME" });
    expect(redacted.status).toBe(200);
    const [first, second] = (await p.reviewer.client.get(`/api/v1/findings/${finding.id}`)).body.evidence;
    expect(first.state).toBe("redacted");
    expect(first.quote).not.toContain("Joan");
    expect(first.quote).toContain("[NAME]");
    expect(second).toMatchObject({ state: "current", quote: "Billing is a mess." });
  });
});
