import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The Data & segments pages as the server renders them: the list (and its empty state), the
 * dataset browser with its summaries, sorting and paging, the delete form, and who sees what.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function project(name = "Churn study") {
  const owner = await signedUpClient(server.url, "Owner");
  const { body } = await owner.client.post("/api/v1/projects", { name });
  return { owner: owner.client, projectId: body.id as string };
}

async function importCsv(client: ApiClient, projectId: string, name: string, key: string, csv: string) {
  const query = new URLSearchParams({ name, key });
  const res = await client.request("POST", `/api/v1/projects/${projectId}/datasets?${query}`, undefined, {
    headers: { "content-type": "text/csv" },
    raw: csv,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; rowCount: number };
}

function page(client: ApiClient, path: string, form?: Record<string, string>) {
  return fetch(server.url + path, {
    method: form ? "POST" : "GET",
    headers: { cookie: client.cookie!, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });
}

/** The page's markup without React's `<!-- -->` text separators, so phrases read whole. */
async function html(client: ApiClient, path: string) {
  const res = await page(client, path);
  expect(res.status).toBe(200);
  return (await res.text()).replaceAll("<!-- -->", "");
}

/** 60 customers: C-001 … C-060, tenure 1…60, a plan, and a spend that is empty for every 10th. */
function customers() {
  const lines = ["customer_id,tenure,plan,spend"];
  for (let i = 1; i <= 60; i++) {
    const id = `C-${String(i).padStart(3, "0")}`;
    lines.push(`${id},${i},${i % 3 === 0 ? "premium" : "basic"},${i % 10 === 0 ? "" : (i * 10.5).toFixed(2)}`);
  }
  return lines.join("\n") + "\n";
}

/** The body rows of the dataset table, as the text of their first cells (the keys). */
function tableKeys(markup: string) {
  const table = markup.slice(markup.indexOf('aria-label="Dataset rows"'));
  return [...table.matchAll(/<tr><td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
}

async function member(owner: ApiClient, projectId: string, role: string) {
  const person = await signedUpClient(server.url, role);
  const res = await owner.post(`/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  expect(res.status).toBe(201);
  return person.client;
}

describe("data & segments page", () => {
  it("explains datasets and the key column when there are none, with the import button", async () => {
    const { owner, projectId } = await project();
    const markup = await html(owner, `/projects/${projectId}/data`);
    expect(markup).toContain("No datasets yet");
    expect(markup).toContain("key column");
    expect(markup).toContain("demo project");
    expect(markup).toContain(`href="/projects/${projectId}/data/import"`);
  });

  it("lists an imported dataset with its rows, columns, key and importer, and its segments with their share", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Customers <2024>", "customer_id", customers());
    const segment = await owner.post(`/api/v1/projects/${projectId}/segments`, {
      datasetId: dataset.id,
      name: "Long-standing",
      filter: { all: [{ column: "tenure", op: "gt", value: 45 }] },
    });
    expect(segment.status).toBe(201);

    const markup = await html(owner, `/projects/${projectId}/data`);
    expect(markup).not.toContain("No datasets yet");
    expect(markup).toContain("Customers &lt;2024&gt;");
    expect(markup).toContain(`href="/projects/${projectId}/data/${dataset.id}"`);
    expect(markup).toMatch(/<dt>Rows<\/dt><dd>60<\/dd>/);
    expect(markup).toMatch(/<dt>Columns<\/dt><dd>4<\/dd>/);
    expect(markup).toContain(">customer_id</code>");
    expect(markup).toContain(" by Owner");
    expect(markup).toContain(`href="/projects/${projectId}/segments/${segment.body.id}"`);
    expect(markup).toContain("Long-standing");
    expect(markup).toContain("15 rows");
    expect(markup).toContain("25% of the dataset");
    expect(markup).toContain(`href="/projects/${projectId}/segments/new"`);
  });

  it("deletes a dataset through the confirm form, and then it is gone", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Sites", "customer_id", customers());
    const res = await page(owner, `/projects/${projectId}/data`, { intent: "delete-dataset", datasetId: dataset.id });
    expect(res.status).toBe(200);
    expect((await res.text()).replaceAll("<!-- -->", "")).toContain("“Sites” was deleted.");
    expect((await owner.get(`/api/v1/datasets/${dataset.id}`)).status).toBe(404);
    expect(await html(owner, `/projects/${projectId}/data`)).toContain("No datasets yet");
  });
});

describe("dataset browser", () => {
  it("shows the header, a summary per column and the first page in key order", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Customers", "customer_id", customers());
    const markup = await html(owner, `/projects/${projectId}/data/${dataset.id}`);
    expect(markup).toContain(">Customers</h2>");
    expect(markup).toContain("Rows 1–50 of 60");
    expect(markup.match(/data-testid="column-summary"/g)).toHaveLength(4);
    // tenure 1…60: mean and median 30.5; spend has six empty values (10%).
    expect(markup).toMatch(
      /id="summary-tenure"[\s\S]*?<dt>Mean<\/dt><dd>30\.5<\/dd>[\s\S]*?<dt>Median<\/dt><dd>30\.5<\/dd>/
    );
    expect(markup).toMatch(/id="summary-spend"[\s\S]*?<dt>Empty<\/dt><dd>6 \(10%\)<\/dd>/);
    expect(markup).toMatch(/id="summary-plan"[\s\S]*?Most frequent values of plan: basic \(40\), premium \(20\)/);
    const keys = tableKeys(markup);
    expect(keys).toHaveLength(50);
    expect(keys.slice(0, 2)).toEqual(["C-001", "C-002"]);
    // An empty value is a muted dash; numbers are right-aligned.
    expect(markup).toContain('<span class="null" title="No value">—</span>');
    expect(markup).toMatch(/<td class="num">10\.5<\/td>/);
  });

  it("sorts by a column from the URL and pages through the rest", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Customers", "customer_id", customers());
    const base = `/projects/${projectId}/data/${dataset.id}`;

    const sorted = await html(owner, `${base}?sort=tenure&dir=desc`);
    expect(tableKeys(sorted).slice(0, 3)).toEqual(["C-060", "C-059", "C-058"]);
    expect(sorted).toContain('aria-sort="descending"');
    expect(sorted).toContain("Sorted by tenure, descending");
    // The sorted header's link flips the direction; the next page keeps the sort.
    expect(sorted).toContain(`href="${base}?sort=tenure&amp;dir=asc"`);
    expect(sorted).toContain(`href="${base}?sort=tenure&amp;dir=desc&amp;page=2"`);

    const second = await html(owner, `${base}?sort=tenure&dir=desc&page=2`);
    expect(second).toContain("Rows 51–60 of 60");
    expect(tableKeys(second)).toEqual([
      "C-010",
      "C-009",
      "C-008",
      "C-007",
      "C-006",
      "C-005",
      "C-004",
      "C-003",
      "C-002",
      "C-001",
    ]);

    // A column that is not in the dataset, or a page past the end, falls back instead of failing.
    const odd = await html(owner, `${base}?sort=${encodeURIComponent('tenure"; drop table x')}&page=99`);
    expect(odd).toContain("Rows 51–60 of 60");
    expect(tableKeys(odd)[0]).toBe("C-051");
  });

  it("is a 404 for a dataset that is not in this project", async () => {
    const { owner, projectId } = await project();
    const other = await project("Elsewhere");
    const theirs = await importCsv(other.owner, other.projectId, "Theirs", "customer_id", customers());
    expect((await page(owner, `/projects/${projectId}/data/${theirs.id}`)).status).toBe(404);
    const ownOther = await importCsv(owner, projectId, "Mine", "customer_id", customers());
    const secondProject = (await owner.post("/api/v1/projects", { name: "Second" })).body.id as string;
    const wrongProject = await page(owner, `/projects/${secondProject}/data/${ownOther.id}`);
    expect(wrongProject.status).toBe(404);
    expect(await wrongProject.text()).toContain("Dataset not found");
  });
});

describe("who sees the data pages", () => {
  it("shows a reviewer the data but no import, delete or segment buttons", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Customers", "customer_id", customers());
    const reviewer = await member(owner, projectId, "reviewer");

    const list = await html(reviewer, `/projects/${projectId}/data`);
    expect(list).toContain("Customers");
    expect(list).not.toContain("Import CSV");
    expect(list).not.toContain("New segment");
    expect(list).not.toContain("Delete dataset");
    expect(await html(reviewer, `/projects/${projectId}/data/${dataset.id}`)).toContain("Rows 1–50 of 60");

    expect((await page(reviewer, `/projects/${projectId}/data/import`)).status).toBe(403);
    const del = await page(reviewer, `/projects/${projectId}/data`, {
      intent: "delete-dataset",
      datasetId: dataset.id,
    });
    expect(del.status).toBe(403);
    expect((await owner.get(`/api/v1/datasets/${dataset.id}`)).status).toBe(200);
  });

  it("shows the import page to a researcher but not to a coder, and none of it to a contributor", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Customers", "customer_id", customers());
    const researcher = await member(owner, projectId, "researcher");
    const coder = await member(owner, projectId, "coder");
    const contributor = await member(owner, projectId, "contributor");

    const importPage = await html(researcher, `/projects/${projectId}/data/import`);
    expect(importPage).toContain("Import a CSV file");
    expect(importPage).toContain("CSV file</label>");
    expect((await page(coder, `/projects/${projectId}/data/import`)).status).toBe(403);
    expect(await html(coder, `/projects/${projectId}/data`)).not.toContain("Import CSV");

    for (const path of [
      `/projects/${projectId}/data`,
      `/projects/${projectId}/data/${dataset.id}`,
      `/projects/${projectId}/data/import`,
    ]) {
      expect([403, 404]).toContain((await page(contributor, path)).status);
    }
  });
});
