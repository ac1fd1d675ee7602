import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "~/lib/collab/doc-model";
import { created, type ApiClient } from "../setup/api-client";
import { until } from "../setup/collab-client";
import { findingsProject, findingWithEvidence, type FindingsProject } from "../setup/findings";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The findings pages as served HTML and plain form posts: the list and its filters, the new
 * finding form, the finding page (safe Markdown, evidence side by side, what each role sees)
 * and its action's intents through review to acceptance.
 */
let server: TestServer;
let p: FindingsProject;
let finding: Awaited<ReturnType<typeof findingWithEvidence>>;
beforeAll(async () => {
  server = await startTestServer();
  p = await findingsProject(server.url);
  finding = await findingWithEvidence(p);
});
afterAll(() => server?.close());

function page(client: ApiClient, path: string, form?: Array<[string, string]>) {
  return fetch(server.url + path, {
    method: form ? "POST" : "GET",
    headers: form ? { cookie: client.cookie!, "content-type": "application/x-www-form-urlencoded" } : { cookie: client.cookie! },
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });
}

/** React separates adjacent text with comment nodes; the person sees the text without them. */
const visible = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const html = async (client: ApiClient, path: string) => {
  const res = await page(client, path);
  expect(res.status, path).toBe(200);
  return visible(res);
};

const findingPath = () => `/projects/${p.projectId}/findings/${finding.id}`;
const listPath = () => `/projects/${p.projectId}/findings`;

describe("findings list", () => {
  it("lists the finding with its status, and the status tabs narrow it", async () => {
    const all = await html(p.researcher.client, listPath());
    expect(all).toContain("Billing errors drive churn");
    expect(all).toMatch(/data-testid="finding-status">Draft</);
    expect(all).toContain(`href="/projects/${p.projectId}/report"`);
    expect(all).toMatch(/Draft <span class="fd-count">1<\/span>/);
    expect(await html(p.researcher.client, `${listPath()}?status=draft`)).toContain("Billing errors drive churn");
    expect(await html(p.researcher.client, `${listPath()}?status=accepted`)).not.toContain("Billing errors drive churn");
  });

  it("explains findings when there are none, with a New finding button for editors", async () => {
    const other = await created(p.owner.client, "/api/v1/projects", { name: "Empty study" });
    const shown = await html(p.owner.client, `/projects/${other.id}/findings`);
    expect(shown).toContain("No findings yet");
    expect(shown).toContain("A finding is a claim");
    expect(shown).toContain(`href="/projects/${other.id}/findings/new"`);
  });
});

describe("new finding", () => {
  it("shows a missing title beside the field and creates a finding that opens on its page", async () => {
    const bad = await page(p.researcher.client, `${listPath()}/new`, [["title", "  "], ["claim", "Kept claim"]]);
    expect(bad.status).toBe(400);
    const shown = await visible(bad);
    expect(shown).toMatch(/aria-invalid="true"[\s\S]*Give the finding a title\./);
    expect(shown).toContain("Kept claim");

    const ok = await page(p.researcher.client, `${listPath()}/new`, [["title", "Waiting times"], ["claim", "People *wait*."]]);
    expect(ok.status).toBe(302);
    const location = ok.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/projects/${p.projectId}/findings/[^/]+$`));
    const opened = await html(p.researcher.client, location);
    expect(opened).toContain("Waiting times");
    expect(opened).toContain("<em>wait</em>");
  });

  it("is not offered to reviewers", async () => {
    expect((await page(p.reviewer.client, `${listPath()}/new`)).status).toBe(403);
  });
});

describe("finding page", () => {
  it("renders the claim as Markdown but shows HTML in it as text", async () => {
    const shown = await html(p.researcher.client, findingPath());
    expect(shown).toContain("<strong>repeated billing errors</strong>");

    const risky = await created(p.researcher.client, `/api/v1/projects/${p.projectId}/findings`, {
      title: "Risky",
      claim: 'Hello <script>alert("x")</script> and [a link](https://example.org)',
    });
    const risk = await html(p.researcher.client, `${listPath()}/${risky.id}`);
    expect(risk).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(risk).not.toContain('<script>alert("x")');
    expect(risk).toMatch(/<a href="https:\/\/example.org" rel="noopener noreferrer nofollow">a link<\/a>/);
  });

  it("shows the segment, the code's counts and the excerpts side by side", async () => {
    const shown = await html(p.reviewer.client, findingPath());
    expect(shown).toContain("The pattern");
    expect(shown).toContain("In their words");
    expect(shown).toMatch(/data-testid="evidence-segment"[\s\S]*Churned/);
    expect(shown).toContain("2 of 4 rows (50 %)");
    expect(shown).toContain("Coded 3 times in 3 of 3 documents.");
    expect(shown).toContain("In Churned: 2 codings, 2 documents, 2 cases");
    expect(shown).toMatch(/<blockquote[^>]*data-testid="excerpt-quote">The bill was wrong three times\.<\/blockquote>/);
    expect(shown).toContain("Interview 3");
    expect(shown).toContain("One of 3 excerpts coded Billing, in 3 of 3 documents.");
    expect(shown).toContain(`/projects/${p.projectId}/documents/${p.docs[0].id}?coding=${p.codings.bill1.id}`);
  });

  it("gives a reviewer no edit controls, but the Comment buttons", async () => {
    const shown = await html(p.reviewer.client, findingPath());
    for (const control of ['data-testid="edit-finding-button"', 'data-testid="evidence-picker"', "Delete finding", ">Remove<", 'data-testid="accept-button"']) {
      expect(shown, control).not.toContain(control);
    }
    expect(shown).toContain('data-testid="evidence-comment-button"');
    const editor = await html(p.researcher.client, findingPath());
    expect(editor).toContain('data-testid="edit-finding-button"');
    expect(editor).toContain('data-testid="add-segment-select"');
    expect(editor).toContain('data-testid="request-review-button"');
  });

  it("lists a code's passages for the excerpt picker, to editors only", async () => {
    const res = await p.researcher.client.get(`${findingPath()}/excerpts?codeId=${p.billing.id}&q=wrong`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    const chosen = res.body.excerpts.filter((e: { chosen: boolean }) => e.chosen).map((e: { codingId: string }) => e.codingId);
    expect(chosen.sort()).toEqual([p.codings.bill1.id, p.codings.bill3.id].sort());
    expect((await p.researcher.client.get(`${findingPath()}/excerpts?codeId=${p.billing.id}&q=nothing+like+it`)).body.total).toBe(0);
    expect((await p.reviewer.client.get(`${findingPath()}/excerpts?codeId=${p.billing.id}`)).status).toBe(403);
  });
});

describe("excerpt states", () => {
  it("shows a changed quote beside the words chosen, and a removed coding's saved quote", async () => {
    const other = await created(p.researcher.client, `/api/v1/projects/${p.projectId}/findings`, { title: "Waiting hurts" });
    const doc = await created(p.owner.client, `/api/v1/projects/${p.projectId}/documents`, { title: "Interview 9", kind: "interview", text: "I waited an hour. Then I gave up." });
    const kept = await created(p.owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: p.waiting.id, start: 0, end: 17 });
    const dropped = await created(p.owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: p.waiting.id, start: 18, end: 33 });
    for (const codingId of [kept.id, dropped.id]) await created(p.researcher.client, `/api/v1/findings/${other.id}/evidence`, { kind: "excerpt", codingId });
    await server.services.collab.change(doc.id, (ydoc) => {
      textOf(ydoc).delete(9, 7);
      textOf(ydoc).insert(9, "two hours");
    });
    expect((await p.owner.client.delete(`/api/v1/codings/${dropped.id}`)).status).toBe(204);
    const path = `${listPath()}/${other.id}`;
    await until(async () => (await html(p.reviewer.client, path)).includes("I waited two hours."), "the changed quote");
    const shown = await html(p.reviewer.client, path);
    expect(shown).toContain("The coded text has changed since this excerpt was chosen.");
    expect(shown).toMatch(/data-testid="excerpt-saved-quote">I waited an hour\.</);
    expect(shown).toContain("The coding was removed from its document.");
    expect(shown).toMatch(/data-testid="excerpt-quote">Then I gave up\.</);
  });
});

describe("the finding page's forms", () => {
  it("adds evidence, and says so beside the form when it is already there", async () => {
    const add = await page(p.researcher.client, findingPath(), [["intent", "add-evidence"], ["target", "add-code"], ["kind", "code"], ["codeId", p.waiting.id]]);
    expect(add.status).toBe(200);
    expect(await html(p.researcher.client, findingPath())).toMatch(/data-testid="evidence-code"[\s\S]*Waiting/);

    const twice = await page(p.researcher.client, findingPath(), [["intent", "add-evidence"], ["target", "add-code"], ["kind", "code"], ["codeId", p.waiting.id]]);
    expect(twice.status).toBe(409);
    expect(await visible(twice)).toContain("That code is already part of this finding&#x27;s evidence.");
  });

  it("takes a comment on an excerpt from a reviewer, as plain text", async () => {
    const res = await page(p.reviewer.client, findingPath(), [
      ["intent", "comment"],
      ["target", `comment:${finding.evidence.quote1.id}`],
      ["evidenceId", finding.evidence.quote1.id],
      ["body", "Is this <b>typical</b>?"],
    ]);
    expect(res.status).toBe(200);
    const shown = await html(p.researcher.client, findingPath());
    expect(shown).toContain("Is this &lt;b&gt;typical&lt;/b&gt;?");
  });

  it("requests review, refuses changes without a note, and accepts", async () => {
    const asked = await page(p.researcher.client, findingPath(), [
      ["intent", "transition"],
      ["target", "request-review"],
      ["to", "in_review"],
      ["reviewersShown", "1"],
      ["reviewerIds", p.reviewer.user.id],
    ]);
    expect(asked.status).toBe(200);
    const editor = await html(p.researcher.client, findingPath());
    expect(editor).toContain("In review — withdraw it from review to change it");
    expect(editor).not.toContain('data-testid="edit-finding-button"');
    expect(editor).toContain('data-testid="withdraw-button"');

    const reviewer = await html(p.reviewer.client, findingPath());
    expect(reviewer).toContain('data-testid="accept-button"');
    expect(reviewer).toContain('data-testid="request-changes-button"');
    expect(reviewer).toMatch(/Asked to review: Vera Reviewer/);

    const noNote = await page(p.reviewer.client, findingPath(), [["intent", "transition"], ["target", "decision"], ["to", "changes_requested"], ["note", ""]]);
    expect(noNote.status).toBe(422);
    expect(await visible(noNote)).toMatch(/aria-invalid="true"[\s\S]*Say what needs to change\./);

    const accept = await page(p.reviewer.client, findingPath(), [["intent", "transition"], ["target", "decision"], ["to", "accepted"], ["note", "Convincing."]]);
    expect(accept.status).toBe(200);
    const done = await html(p.researcher.client, findingPath());
    expect(done).toMatch(/data-testid="finding-status">Accepted</);
    expect(done).toMatch(/Version 1 · Version 1 accepted on/);
    expect(done).toContain("Saving starts version 2; version 1 stays as accepted.");
    expect(done).toContain("In review → Accepted");
    expect(await html(p.researcher.client, `${listPath()}?status=accepted`)).toContain("Billing errors drive churn");
  });

  it("starts version 2 on an edit and shows what changed since version 1", async () => {
    const edit = await page(p.researcher.client, findingPath(), [
      ["intent", "update-finding"],
      ["target", "edit"],
      ["title", "Billing errors drive churn"],
      ["claim", "Customers who left had **repeated billing errors**, often."],
    ]);
    expect(edit.status).toBe(200);
    const shown = await html(p.researcher.client, findingPath());
    expect(shown).toMatch(/Version 2 · Version 1 accepted on/);
    expect(shown).toContain("What changed since version 1");
    expect(shown).toMatch(/<ins>[^<]*often\.?[^<]*<\/ins>/);

    const frozen = await html(p.reviewer.client, `${findingPath()}/versions/1`);
    expect(frozen).toContain("Frozen as it was then");
    expect(frozen).toContain("The bill was wrong three times.");
    expect(frozen).not.toContain("often");
    const working = await html(p.reviewer.client, `${findingPath()}/versions/current`);
    expect(working).toMatch(/<ins>[^<]*often/);
    expect((await page(p.reviewer.client, `${findingPath()}/versions/7`)).status).toBe(404);
  });

  it("gives owners a public link once, and deletes a finding", async () => {
    // Version 1 is still accepted while version 2 is being written.
    const link = await page(p.owner.client, findingPath(), [["intent", "publish"], ["target", "publish"]]);
    expect(link.status).toBe(200);
    expect(await visible(link)).toMatch(/http:\/\/127\.0\.0\.1:\d+\/share\/[A-Za-z0-9_-]+/);
    expect(await html(p.researcher.client, findingPath())).not.toContain('data-testid="create-public-link"');

    const gone = await page(p.researcher.client, findingPath(), [["intent", "delete-finding"], ["target", "delete"]]);
    expect(gone.status).toBe(302);
    expect(gone.headers.get("location")).toBe(listPath());
    expect((await page(p.researcher.client, findingPath())).status).toBe(404);
  });
});
