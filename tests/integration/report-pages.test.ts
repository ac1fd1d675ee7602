import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../setup/api-client";
import { findingsProject, findingWithEvidence, type FindingsProject } from "../setup/findings";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The council report, the public link page, the audit log and the header's bell, as served
 * HTML and plain form posts. The finding is taken through review with the API.
 */
let server: TestServer;
let p: FindingsProject;
let accepted: Awaited<ReturnType<typeof findingWithEvidence>>;
let draft: Awaited<ReturnType<typeof findingWithEvidence>>;
const DRAFT_CLAIM = "Nobody may read this draft claim yet";

async function ok(res: Promise<{ status: number; body: unknown }>, status = 200) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body as any;
}

beforeAll(async () => {
  server = await startTestServer();
  p = await findingsProject(server.url);
  accepted = await findingWithEvidence(p, "Billing errors drive churn");
  draft = await findingWithEvidence(p, "Waiting times draft");
  await ok(p.researcher.client.patch(`/api/v1/findings/${draft.id}`, { claim: DRAFT_CLAIM }));
  await ok(p.researcher.client.post(`/api/v1/findings/${accepted.id}/transitions`, { to: "in_review" }));
  await ok(p.reviewer.client.post(`/api/v1/findings/${accepted.id}/transitions`, { to: "accepted", note: "Well evidenced" }));
});
afterAll(() => server?.close());

function page(client: ApiClient | null, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = client?.cookie ? { cookie: client.cookie } : {};
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  return fetch(server.url + path, {
    method: form ? "POST" : "GET",
    headers,
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });
}

/** React separates adjacent text with comment nodes; the person sees the text without them. */
const visible = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const sections = (html: string) => html.match(/data-testid="report-finding"/g)?.length ?? 0;

describe("the findings report", () => {
  it("holds each accepted finding's title, version, claim and quotes, and no draft", async () => {
    const res = await page(p.reviewer.client, `/projects/${p.projectId}/report`);
    expect(res.status).toBe(200);
    const html = await visible(res);
    expect(html).toContain("Council churn");
    expect(html).toContain("1 accepted finding");
    expect(sections(html)).toBe(1);
    expect(html).toContain("1. Billing errors drive churn");
    expect(html).toMatch(/Version 1, accepted on <time[^>]*>[^<]+<\/time> by Vera Reviewer/);
    expect(html).toContain("Customers who left had <strong>repeated billing errors</strong>.");
    expect(html).toMatch(/<blockquote[^>]*><p>The bill was wrong three times\.<\/p><\/blockquote>/);
    expect(html).toContain("— Interview 1, coded “Billing”");
    expect(html).toContain("— Interview 3, coded “Billing”");
    expect(html).toContain('data-testid="segment-comparison"');
    expect(html).toMatch(/<strong>Billing<\/strong>: 3 codings in 3 of 3 documents/);
    expect(html).toContain("Inside “Churned”: 2 codings in 2 documents (2 cases).");
    expect(html).toContain('data-testid="print-report"');
    expect(html).not.toContain("Waiting times draft");
    expect(html).not.toContain(DRAFT_CLAIM);
  });

  it("records an export in the audit log", async () => {
    const res = await page(p.researcher.client, `/projects/${p.projectId}/report`, { intent: "exported" });
    expect(res.status).toBe(200);
    const log = await ok(p.owner.client.get(`/api/v1/projects/${p.projectId}/audit?action=report.exported`));
    expect(log.events).toHaveLength(1);
    expect(log.events[0]).toMatchObject({ actor: { name: "Rita Researcher" }, detail: { findingIds: [accepted.id] } });
  });

  it("is refused to a coder, and says so when nothing is accepted yet", async () => {
    expect((await page(p.coder.client, `/projects/${p.projectId}/report`)).status).toBe(403);
    const other = await ok(p.owner.client.post("/api/v1/projects", { name: "Empty study" }), 201);
    const html = await visible(await page(p.owner.client, `/projects/${other.id}/report`));
    expect(html).toContain('data-testid="report-empty"');
    expect(html).toContain(`href="/projects/${other.id}/findings"`);
  });
});

describe("the public link page", () => {
  let token: string;
  beforeAll(async () => {
    token = (await ok(p.owner.client.post(`/api/v1/findings/${accepted.id}/public-link`), 201)).token;
  });

  it("shows the accepted finding to anyone, and nothing else of the project", async () => {
    const res = await page(null, `/share/${token}`);
    expect(res.status).toBe(200);
    const html = await visible(res);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain("Billing errors drive churn");
    expect(html).toMatch(/Version 1, accepted on <time/);
    expect(html).toContain("The bill was wrong three times.");
    expect(html).toContain("Inside “Churned”: 2 codings");
    for (const secret of ["Council churn", "Waiting times draft", DRAFT_CLAIM, "Vera Reviewer", "/projects/", p.projectId, p.docs[0].id, accepted.id]) {
      expect(html).not.toContain(secret);
    }
  });

  it("is a friendly 404 for an unknown link, and once the link is turned off", async () => {
    const unknown = await page(null, "/share/not-a-real-token");
    expect(unknown.status).toBe(404);
    expect(await visible(unknown)).toContain("This link does not work");
    expect(await ok(p.owner.client.delete(`/api/v1/findings/${accepted.id}/public-link`), 204)).toBe("");
    const gone = await page(null, `/share/${token}`);
    expect(gone.status).toBe(404);
    const html = await visible(gone);
    expect(html).toContain("This link does not work");
    expect(html).not.toContain("Billing errors drive churn");
  });
});

describe("the audit log page", () => {
  it("lists the decision, the public link and the members for the owner, in words", async () => {
    const res = await page(p.owner.client, `/projects/${p.projectId}/audit`);
    expect(res.status).toBe(200);
    const html = await visible(res);
    expect(html).toContain("accepted “Billing errors drive churn” (version 1)");
    expect(html).toContain("Well evidenced");
    expect(html).toContain("created a public link to “Billing errors drive churn”");
    expect(html).toContain("turned off the public link to “Billing errors drive churn”");
    expect(html).toContain("added Rita Researcher (researcher)");
    expect(html).toContain("printed or saved the findings report (1 finding)");
    // Newest first: the link was turned off after the decision.
    expect(html.indexOf("turned off the public link")).toBeLessThan(html.indexOf("accepted “Billing"));
  });

  it("filters by kind and pages back", async () => {
    const links = await visible(await page(p.owner.client, `/projects/${p.projectId}/audit?kind=links`));
    expect(links).toContain("created a public link");
    expect(links).not.toContain("accepted “Billing");
    expect(links).toContain('<option value="links" selected="">');
    const first = await ok(p.owner.client.get(`/api/v1/projects/${p.projectId}/audit?limit=1`));
    expect(first.next).toBeTruthy();
    const older = await visible(await page(p.owner.client, `/projects/${p.projectId}/audit?before=${first.next}`));
    expect(older).toContain("created the project");
    expect(older).toContain("Newest");
  });

  it("is refused to a researcher", async () => {
    expect((await page(p.researcher.client, `/projects/${p.projectId}/audit`)).status).toBe(403);
  });
});

describe("the notification bell", () => {
  const bell = async (client: ApiClient) => {
    const html = await visible(await page(client, "/projects"));
    return /aria-label="Notifications, (\d+) unread"/.exec(html)?.[1];
  };

  it("counts a review request for the reviewer, lists it, and goes to 0 once all are read", async () => {
    const next = await findingWithEvidence(p, "Long waits");
    await ok(p.researcher.client.post(`/api/v1/findings/${next.id}/transitions`, { to: "in_review" }));
    expect(Number(await bell(p.reviewer.client))).toBeGreaterThanOrEqual(1);

    const list = await page(p.reviewer.client, "/notifications");
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.notifications[0]).toMatchObject({ message: 'Rita Researcher asked you to review "Long waits"', projectName: "Council churn", read: false });
    expect(body.notifications[0].url).toBe(`/projects/${p.projectId}/findings/${next.id}`);

    const crossSite = await fetch(`${server.url}/notifications`, {
      method: "POST",
      headers: { cookie: p.reviewer.client.cookie!, origin: "https://elsewhere.example", "content-type": "application/x-www-form-urlencoded" },
      body: "intent=read-all",
    });
    expect(crossSite.status).toBe(403);

    expect((await page(p.reviewer.client, "/notifications", { intent: "read-all" })).status).toBe(200);
    expect(await bell(p.reviewer.client)).toBe("0");
  });

  it("marks one read, only the caller's own, and is not there for the logged-out", async () => {
    const another = await findingWithEvidence(p, "Callbacks");
    await ok(p.researcher.client.post(`/api/v1/findings/${another.id}/transitions`, { to: "in_review" }));
    const [latest] = (await (await page(p.reviewer.client, "/notifications")).json()).notifications;
    expect((await page(p.owner.client, "/notifications", { intent: "read", id: latest.id })).status).toBe(200);
    expect(await bell(p.reviewer.client)).toBe("1");
    const followed = await page(p.reviewer.client, "/notifications", { intent: "read", id: latest.id, redirectTo: latest.url });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(latest.url);
    expect(await bell(p.reviewer.client)).toBe("0");
    const elsewhere = await page(p.reviewer.client, "/notifications", { intent: "read", id: latest.id, redirectTo: "//elsewhere.example/x" });
    expect(elsewhere.headers.get("location")).toBe("/projects");
    expect((await page(null, "/notifications")).status).toBe(401);
    expect(await visible(await page(null, "/login"))).not.toContain("Notifications");
  });
});

describe("a quote redacted after acceptance", () => {
  it("is said in words in the report, and its text is gone", async () => {
    const doc = await ok(
      p.owner.client.post(`/api/v1/projects/${p.projectId}/documents`, { title: "Call 9", kind: "story", text: "Ask for Joan Smith. Billing is a mess." }),
      201,
    );
    const coding = await ok(p.owner.client.post(`/api/v1/documents/${doc.id}/codings`, { codeId: p.billing.id, start: 0, end: 19 }), 201);
    const finding = await ok(p.researcher.client.post(`/api/v1/projects/${p.projectId}/findings`, { title: "Names in calls" }), 201);
    await ok(p.researcher.client.post(`/api/v1/findings/${finding.id}/evidence`, { kind: "excerpt", codingId: coding.id }), 201);
    await ok(p.researcher.client.post(`/api/v1/findings/${finding.id}/transitions`, { to: "in_review" }));
    await ok(p.reviewer.client.post(`/api/v1/findings/${finding.id}/transitions`, { to: "accepted" }));
    await ok(p.owner.client.post(`/api/v1/documents/${doc.id}/redactions`, { start: 8, end: 18, label: "NAME" }));

    const html = await visible(await page(p.owner.client, `/projects/${p.projectId}/report`));
    expect(sections(html)).toBe(2);
    expect(html).toContain("2. Names in calls");
    expect(html).toContain("This quote was removed because its document was redacted.");
    expect(html).not.toContain("Joan");
  });
});
