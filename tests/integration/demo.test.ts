import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "~/lib/demo/generate";
import { until } from "../setup/collab-client";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/** The one-click demo: from the projects page to a project whose matrix has something in it. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const demo = generateDemo();

const page = (client: ApiClient, path: string, form?: Record<string, string>) =>
  fetch(server.url + path, {
    method: form ? "POST" : "GET",
    headers: { cookie: client.cookie ?? "", ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });

describe("the demo project", () => {
  it("is offered on an empty projects page and loads with one click into its matrix", async () => {
    const { client } = await signedUpClient(server.url, "Newcomer");
    const html = await (await page(client, "/projects")).text();
    expect(html).toContain("Load demo project");
    expect(html).toContain('value="load-demo"');

    const started = Date.now();
    const res = await page(client, "/projects", { intent: "load-demo" });
    const seconds = (Date.now() - started) / 1000;
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/projects\/[^/]+\/matrix$/);
    const projectId = location.split("/")[2]!;
    console.info(`[demo] loaded through the projects page in ${seconds.toFixed(1)} s`);

    const projects = (await client.get("/api/v1/projects")).body.projects as { id: string; name: string; role: string }[];
    expect(projects).toContainEqual(expect.objectContaining({ id: projectId, name: "Demo — Contact centre churn", role: "owner" }));

    const codes = (await client.get(`/api/v1/projects/${projectId}/codes`)).body.codes as { id: string; name: string; parentId: string | null }[];
    expect(codes).toHaveLength(demo.codes.length);
    const billing = codes.find((c) => c.name === "Billing")!;
    expect(codes.find((c) => c.name === "Promo ended")?.parentId).toBe(billing.id);

    const datasets = (await client.get(`/api/v1/projects/${projectId}/datasets`)).body.datasets as { id: string; rowCount: number; key: string }[];
    expect(datasets).toEqual(
      expect.arrayContaining([expect.objectContaining({ rowCount: 400, key: "customer_id" }), expect.objectContaining({ rowCount: 20_000, key: "call_id" })]),
    );
    expect(datasets).toHaveLength(2);
    const customers = datasets.find((d) => d.key === "customer_id")!;
    const dataset = (await client.get(`/api/v1/datasets/${customers.id}`)).body;
    expect(Object.fromEntries(dataset.columns.map((c: { name: string; type: string }) => [c.name, c.type]))).toMatchObject({
      customer_id: "text",
      tenure_months: "integer",
      churned: "boolean",
      monthly_spend: "number",
      last_contact: "date",
    });

    const segments = (await client.get(`/api/v1/projects/${projectId}/segments`)).body.segments as { id: string; name: string; size: number }[];
    expect(segments.map((s) => s.name).sort()).toEqual(demo.segments.map((s) => s.name).sort());
    const churned = segments.find((s) => s.name === "Churned")!;
    expect(churned.size).toBe(demo.dataset.customers.filter((c) => c.churned).length);
    const links = (await client.get(`/api/v1/segments/${churned.id}/links`)).body.links as { codeName: string; note: string }[];
    expect(links).toEqual([expect.objectContaining({ codeName: "Passed around" })]);

    // The codings projection catches up with the live documents within a second or so.
    const expectedCodings = demo.documents.reduce((n, d) => n + d.codings.length, 0);
    const documentsPath = `/api/v1/projects/${projectId}/documents`;
    let documents: { id: string; title: string; kind: string; caseKey: string | null; codingCount?: number }[] = [];
    await until(async () => {
      documents = ((await client.get(documentsPath)).body.documents as typeof documents).filter((d) => d.kind !== "record");
      return documents.length === 60 && documents.reduce((n, d) => n + (d.codingCount ?? 0), 0) === expectedCodings;
    }, "the demo's codings in the projection");
    expect(documents.filter((d) => d.caseKey === null)).toHaveLength(2);

    // A coding's quote in the API is the sentence the generator meant.
    const first = demo.documents.find((d) => d.caseKey !== null)!;
    const created = documents.find((d) => d.title === first.title)!;
    const live = (await client.get(`/api/v1/documents/${created.id}`)).body;
    expect(live.text).toBe(first.text);
    expect(live.codings.map((c: { quote: string }) => c.quote).sort()).toEqual(first.codings.map((c) => c.quote).sort());

    const matrix = (await client.get(`/api/v1/projects/${projectId}/matrix`)).body as {
      codes: { id: string; name: string }[];
      segments: { id: string; name: string; size: number }[];
      cells: { codeId: string; segmentId: string; codings: number; documents: number; cases: number }[];
    };
    expect(matrix.segments).toHaveLength(demo.segments.length);
    const passedAround = codes.find((c) => c.name === "Passed around")!;
    const cell = matrix.cells.find((c) => c.codeId === passedAround.id && c.segmentId === churned.id);
    expect(cell?.codings).toBeGreaterThan(0);
    expect(cell!.cases).toBeGreaterThan(0);
    expect(matrix.cells.filter((c) => c.codings > 0).length).toBeGreaterThan(10);

    // A draft finding to take through review: the segment, its code and three of its quotes.
    const { findings } = (await client.get(`/api/v1/projects/${projectId}/findings`)).body;
    expect(findings).toEqual([expect.objectContaining({ title: "Being passed around drives churn", status: "draft", evidenceCount: 5 })]);
    const finding = (await client.get(`/api/v1/findings/${findings[0].id}`)).body;
    const quotes = finding.evidence.filter((e: { kind: string }) => e.kind === "excerpt");
    expect(quotes.map((q: { state: string }) => q.state)).toEqual(["current", "current", "current"]);
    expect(quotes.every((q: { quote: string }) => q.quote.length > 0)).toBe(true);

    const matrixPage = await page(client, location);
    expect(matrixPage.status).toBe(200);

    // The sandwich: a sample of the 20,000-note call log, a few dozen of its notes coded and done.
    const callLog = datasets.find((d) => d.key === "call_id")!;
    const { samples } = (await client.get(`/api/v1/datasets/${callLog.id}/samples`)).body as { samples: { id: string; size: number; done: number }[] };
    expect(samples).toEqual([expect.objectContaining({ size: 300 })]);
    expect(samples[0]!.done).toBeGreaterThanOrEqual(60);
    const sample = (await client.get(`/api/v1/samples/${samples[0]!.id}`)).body;
    expect(sample.strataColumn).toBe("region");
    expect(sample.strata.reduce((n: number, s: { sampled: number }) => n + s.sampled, 0)).toBe(300);
    const slowSpeed = codes.find((c) => c.name === "Slow speed")!;
    const estimatesPath = `/api/v1/samples/${sample.id}/estimates?codeId=${slowSpeed.id}`;
    let overall: { done: number; positives: number; estimate: number | null; low: number | null; high: number | null } | undefined;
    await until(async () => {
      overall = (await client.get(estimatesPath)).body.overall;
      return (overall?.positives ?? 0) >= 15;
    }, "the demo sample's codings in the estimates");
    expect(overall!.estimate).toBeGreaterThan(0);
    expect(overall!.low!).toBeLessThan(overall!.estimate!);
    expect(overall!.high!).toBeGreaterThan(overall!.estimate!);

    // One model, learnt from the done notes in the background and applied to all 20,000 rows.
    const { jobs } = (await client.get(`/api/v1/projects/${projectId}/jobs`)).body as { jobs: { id: string; kind: string }[] };
    expect(jobs).toEqual([expect.objectContaining({ kind: "model.train" })]);
    let job: { status: string; result?: { column: string; scored: number; cv: { f1: number } } } = { status: "queued" };
    await until(async () => {
      job = (await client.get(`/api/v1/jobs/${jobs[0]!.id}`)).body;
      return job.status !== "queued" && job.status !== "running";
    }, "the demo's model job", 100_000);
    expect(job.status).toBe("done");
    expect(job.result!.scored).toBe(20_000);
    expect(job.result!.cv.f1).toBeGreaterThan(0.5);
    const scored = (await client.get(`/api/v1/datasets/${callLog.id}`)).body;
    expect(scored.columns.map((c: { name: string }) => c.name)).toContain(job.result!.column);
    const modelEstimate = (await client.get(`${estimatesPath}&method=model`)).body.overall;
    expect(modelEstimate.sampleOnly).toBeDefined();
  }, 180_000);
});
