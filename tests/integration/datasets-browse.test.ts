import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { importCsv } from "../setup/datasets";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * Browsing an imported dataset through the API: pages of rows and their sorting, the per-column
 * summary, the import screen's preview of a file's head, deleting, and who may do which.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function project() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body } = await owner.client.post("/api/v1/projects", { name: "Survey" });
  return { owner: owner.client, projectId: body.id as string };
}

async function member(owner: ApiClient, projectId: string, role: string) {
  const person = await signedUpClient(server.url, role);
  const res = await owner.post(`/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  expect(res.status).toBe(201);
  return person.client;
}

const csvPost = (client: ApiClient, path: string, csv: string) =>
  client.request("POST", path, undefined, { headers: { "content-type": "text/csv" }, raw: csv });

/** 120 people p001…p120: score = i mod 7 (empty for every 5th), word from a short list. */
function people() {
  const words = ["delta", "alpha", "echo", "charlie", "bravo"];
  const lines = ["id,score,word"];
  for (let i = 1; i <= 120; i++) {
    const id = `p${String(i).padStart(3, "0")}`;
    lines.push(`${id},${i % 5 === 0 ? "" : i % 7},${i % 11 === 0 ? "" : words[i % 5]}`);
  }
  return lines.join("\n") + "\n";
}

type Cell = string | number | boolean | null;
const rowsOf = async (client: ApiClient, datasetId: string, query: string) => {
  const res = await client.get(`/api/v1/datasets/${datasetId}/rows${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { rows: Cell[][]; offset: number; limit: number; total: number; sort: string | null; dir: string };
};

describe("rows of a dataset", () => {
  it("pages through the rows in key order with offset and limit, reporting the total", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "People", "id", people());

    const first = await rowsOf(owner, dataset.id, "");
    expect(first).toMatchObject({ offset: 0, limit: 50, total: 120, sort: null, dir: "asc" });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]).toEqual(["p001", 1, "alpha"]);

    const last = await rowsOf(owner, dataset.id, "?offset=100&limit=50");
    expect(last.rows.map((r) => r[0])).toEqual(Array.from({ length: 20 }, (_, i) => `p${101 + i}`));
    expect(last.total).toBe(120);

    // Consecutive pages neither overlap nor skip a row.
    const keys: Cell[] = [];
    for (let offset = 0; offset < 120; offset += 35) keys.push(...(await rowsOf(owner, dataset.id, `?offset=${offset}&limit=35`)).rows.map((r) => r[0]!));
    expect(keys).toEqual(Array.from({ length: 120 }, (_, i) => `p${String(i + 1).padStart(3, "0")}`));

    expect((await rowsOf(owner, dataset.id, "?offset=500")).rows).toEqual([]);
    expect((await rowsOf(owner, dataset.id, "?limit=200")).rows).toHaveLength(120);
    const tooMany = await owner.get(`/api/v1/datasets/${dataset.id}/rows?limit=201`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe("invalid_request");
    expect((await owner.get(`/api/v1/datasets/${dataset.id}/rows?offset=-1`)).status).toBe(400);
    expect((await owner.get(`/api/v1/datasets/${dataset.id}/rows?dir=sideways`)).status).toBe(400);
  });

  it("sorts by a numeric and a text column both ways, empty cells last, ties by key", async () => {
    const { owner, projectId } = await project();
    const csv = [
      "id,score,word",
      "k1,5,pear",
      "k2,,apple",
      "k3,-2,",
      "k4,5,fig",
      "k5,10.5,apple",
      "k6,,banana",
    ].join("\n");
    const dataset = await importCsv(owner, projectId, "Fruit", "id", csv);
    const keys = async (q: string) => (await rowsOf(owner, dataset.id, q)).rows.map((r) => r[0]);

    expect(await keys("?sort=score")).toEqual(["k3", "k1", "k4", "k5", "k2", "k6"]);
    expect(await keys("?sort=score&dir=desc")).toEqual(["k5", "k1", "k4", "k3", "k2", "k6"]);
    expect(await keys("?sort=word&dir=asc")).toEqual(["k2", "k5", "k6", "k4", "k1", "k3"]);
    expect(await keys("?sort=word&dir=desc")).toEqual(["k1", "k4", "k6", "k2", "k5", "k3"]);
    expect(await keys("?dir=desc")).toEqual(["k6", "k5", "k4", "k3", "k2", "k1"]);

    const page = await rowsOf(owner, dataset.id, "?sort=score&dir=desc&limit=2&offset=1");
    expect(page).toMatchObject({ sort: "score", dir: "desc", offset: 1, limit: 2, total: 6 });
    expect(page.rows).toEqual([
      ["k1", 5, "pear"],
      ["k4", 5, "fig"],
    ]);

    const unknown = await owner.get(`/api/v1/datasets/${dataset.id}/rows?sort=${encodeURIComponent('score"; drop table x')}`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("unknown_column");
    expect(unknown.body.error.message).toContain("score\\\"; drop table x");
    expect((await rowsOf(owner, dataset.id, "")).total).toBe(6);
  });
});

describe("the summary of a dataset", () => {
  const fixture = [
    "id,age,score,member,joined,city",
    "a,30,1.5,true,2024-01-15,Leeds",
    "b,20,,false,2023-06-01,Cork",
    "c,,4.5,TRUE,,Leeds",
    "d,40,-1,,2024-12-31,",
    "e,10,2,yes,2020-02-29,Bergen",
  ].join("\n");

  it("gives counts, ranges, averages, histograms and top values per column, as computed by hand", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Members", "id", fixture);
    const res = await owner.get(`/api/v1/datasets/${dataset.id}/summary`);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries((res.body.columns as { name: string }[]).map((c) => [c.name, c])) as Record<string, any>;
    expect(res.body.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual([
      "id:text",
      "age:integer",
      "score:number",
      "member:boolean",
      "joined:date",
      "city:text",
    ]);

    // age: 10, 20, 30, 40 and one empty. Whole-number bins of 4 values from 10 to 40.
    expect(byName.age).toMatchObject({ count: 4, nulls: 1, min: 10, max: 40, mean: 25, median: 25 });
    expect(byName.age.histogram.map((b: { from: number; to: number; count: number }) => [b.from, b.to, b.count])).toEqual([
      [10, 13, 1],
      [14, 17, 0],
      [18, 21, 1],
      [22, 25, 0],
      [26, 29, 0],
      [30, 33, 1],
      [34, 37, 0],
      [38, 40, 1],
    ]);

    // score: -1, 1.5, 2, 4.5: mean 7/4, median (1.5 + 2) / 2. Ten bins of 0.55 from -1 to 4.5.
    expect(byName.score).toMatchObject({ count: 4, nulls: 1, min: -1, max: 4.5, mean: 1.75, median: 1.75 });
    const bins = byName.score.histogram as { from: number; to: number; count: number }[];
    expect(bins).toHaveLength(10);
    expect(bins[0]!.from).toBe(-1);
    expect(bins[0]!.to).toBeCloseTo(-0.45, 10);
    expect(bins[9]!.to).toBe(4.5);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 0, 1]);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(byName.score.count);

    expect(byName.member).toMatchObject({
      count: 4,
      nulls: 1,
      distinct: 2,
      top: [
        { value: "true", count: 3 },
        { value: "false", count: 1 },
      ],
    });
    expect(byName.joined).toMatchObject({ count: 4, nulls: 1, min: "2020-02-29", max: "2024-12-31" });
    expect(byName.city).toMatchObject({
      count: 4,
      nulls: 1,
      distinct: 3,
      top: [
        { value: "Leeds", count: 2 },
        { value: "Bergen", count: 1 },
        { value: "Cork", count: 1 },
      ],
    });
    expect(byName.id).toMatchObject({ count: 5, nulls: 0, distinct: 5 });
    expect(byName.id.top).toHaveLength(5);
  });

  it("is computed once and kept: a second request answers the same from the catalogue", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Members", "id", fixture);
    const first = await owner.get(`/api/v1/datasets/${dataset.id}/summary`);
    expect(first.status).toBe(200);
    const stored = (await server.services.db.execute(
      `select summary from datasets where id = '${dataset.id}'` as never,
    )) as unknown as { rows: { summary: unknown }[] };
    expect(stored.rows[0]!.summary).toEqual(first.body.columns);
    const second = await owner.get(`/api/v1/datasets/${dataset.id}/summary`);
    expect(second.body).toEqual(first.body);
  });

  it("handles a column where every value is the same and one that is entirely empty", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Flat", "id", "id,n,blank\nx,7,\ny,7,\n");
    const { columns } = (await owner.get(`/api/v1/datasets/${dataset.id}/summary`)).body;
    expect(columns[1]).toMatchObject({ name: "n", count: 2, nulls: 0, min: 7, max: 7, mean: 7, median: 7, histogram: [{ from: 7, to: 7, count: 2 }] });
    expect(columns[2]).toMatchObject({ name: "blank", type: "text", count: 0, nulls: 2, distinct: 0, top: [] });
  });
});

describe("preview of a CSV's head", () => {
  const preview = (client: ApiClient, projectId: string, csv: string) => csvPost(client, `/api/v1/projects/${projectId}/datasets/preview`, csv);

  it("shows the columns with inferred types and the first rows, storing nothing", async () => {
    const { owner, projectId } = await project();
    const head = "id,age,spend,ok,day,city\n001,34,12.5,yes,2024-02-29,Leeds\n002,-3,1e3,no,2023-01-01,\n003,,7,true,,Cork\n";
    const res = await preview(owner, projectId, head);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      columns: [
        { name: "id", type: "integer" },
        { name: "age", type: "integer" },
        { name: "spend", type: "number" },
        { name: "ok", type: "boolean" },
        { name: "day", type: "date" },
        { name: "city", type: "text" },
      ],
      rows: [
        ["001", "34", "12.5", "yes", "2024-02-29", "Leeds"],
        ["002", "-3", "1e3", "no", "2023-01-01", null],
        ["003", null, "7", "true", null, "Cork"],
      ],
      sampledRows: 3,
    });
    expect((await owner.get(`/api/v1/projects/${projectId}/datasets`)).body.datasets).toEqual([]);
  });

  it("keeps the last row of a whole file without a final newline, and drops a record cut short", async () => {
    const { owner, projectId } = await project();
    const whole = await preview(owner, projectId, "id,n\na,1\nb,2");
    expect(whole.body.rows).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    const cut = await preview(owner, projectId, "id,n,day\na,1,2024-01-01\nb,2,2024-01-02\nc,3");
    expect(cut.status).toBe(200);
    expect(cut.body.sampledRows).toBe(2);
    expect(cut.body.columns[2]).toEqual({ name: "day", type: "date" });
    const inQuote = await preview(owner, projectId, 'id,note\na,"one"\nb,"two\nlines and then the cut');
    expect(inQuote.status).toBe(200);
    expect(inQuote.body.rows).toEqual([["a", "one"]]);
  });

  it("names the line and column of a malformed head", async () => {
    const { owner, projectId } = await project();
    const short = await preview(owner, projectId, "id,a,b\nx,1,2\ny,1\nz,3,4\n");
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe("invalid_csv");
    expect(short.body.error.message).toMatch(/^Line 3, column "b": the row has 2 fields but the header has 3/);
    expect(short.body.error.fields).toEqual({ line: "3", column: "b" });
    const quote = await preview(owner, projectId, 'id,a\nx,ab"c\n');
    expect(quote.status).toBe(400);
    expect(quote.body.error.message).toMatch(/^Line 2, column "a": /);
    expect(quote.body.error.fields).toEqual({ line: "2", column: "a" });
    const dup = await preview(owner, projectId, "id,a,a\nx,1,2\n");
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('"a"');
    expect((await preview(owner, projectId, "")).status).toBe(400);
  });

  it("is for people who may import: a reviewer is refused, a JSON body is a 415", async () => {
    const { owner, projectId } = await project();
    const reviewer = await member(owner, projectId, "reviewer");
    const refused = await preview(reviewer, projectId, "id,n\na,1\n");
    expect(refused.status).toBe(403);
    const researcher = await member(owner, projectId, "researcher");
    expect((await preview(researcher, projectId, "id,n\na,1\n")).status).toBe(200);
    const json = await owner.request("POST", `/api/v1/projects/${projectId}/datasets/preview`, { id: 1 });
    expect(json.status).toBe(415);
  });
});

describe("who sees a dataset, and deleting it", () => {
  it("lets a reviewer read rows and summary but not delete; strangers get a 404; owners delete table and all", async () => {
    const { owner, projectId } = await project();
    const dataset = await importCsv(owner, projectId, "Members", "id", "id,n\nx,1\ny,2\n");
    const reviewer = await member(owner, projectId, "reviewer");
    expect((await rowsOf(reviewer, dataset.id, "")).rows).toEqual([
      ["x", 1],
      ["y", 2],
    ]);
    expect((await reviewer.get(`/api/v1/datasets/${dataset.id}/summary`)).status).toBe(200);
    expect((await reviewer.delete(`/api/v1/datasets/${dataset.id}`)).status).toBe(403);

    const stranger = (await signedUpClient(server.url, "Stranger")).client;
    for (const path of ["", "/rows", "/summary"]) {
      const res = await stranger.get(`/api/v1/datasets/${dataset.id}${path}`);
      expect(res.status, path).toBe(404);
    }
    expect((await stranger.delete(`/api/v1/datasets/${dataset.id}`)).status).toBe(404);

    expect((await owner.delete(`/api/v1/datasets/${dataset.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/datasets/${dataset.id}`)).status).toBe(404);
    expect((await owner.get(`/api/v1/datasets/${dataset.id}/rows`)).status).toBe(404);
    expect((await owner.get(`/api/v1/projects/${projectId}/datasets`)).body.datasets).toEqual([]);
  });
});

describe("a document's case row", () => {
  it("matches the case key exactly, leading zeros included", async () => {
    const { owner, projectId } = await project();
    await importCsv(owner, projectId, "Panel", "id", "id,income\n007,41000\n7,12\n");
    const add = async (title: string, caseKey: string) =>
      (await owner.post(`/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text: "Hello.", caseKey })).body.id as string;
    const page = async (id: string) =>
      (await (await fetch(`${server.url}/projects/${projectId}/documents/${id}`, { headers: { cookie: owner.cookie! } })).text()).replaceAll(
        "<!-- -->",
        "",
      );
    expect(await page(await add("Bond", "007"))).toMatch(/<dt>income<\/dt><dd[^>]*>41,000<\/dd>/);
    expect(await page(await add("Seven", "7"))).toMatch(/<dt>income<\/dt><dd[^>]*>12<\/dd>/);
    expect(await page(await add("Nobody", "0007"))).toContain("No row with key 0007 in Panel.");
  });
});
