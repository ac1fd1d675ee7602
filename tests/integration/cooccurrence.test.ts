import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const D1 = "Alpha beta gamma delta epsilon";
const D2 = "one two three";
const at = (text: string, part: string) => [text.indexOf(part), text.indexOf(part) + part.length] as const;

/**
 * Codes Fear, Hope and "Work, life" (a comma, for CSV quoting), codebook order by name:
 *   D1: Hope "Alpha beta" [0,10) · Fear "beta gamma" [6,16) · Fear "gamma" [11,16)
 *       Work "Alpha" [0,5) · Work "delta epsilon" [17,30)
 *   D2: Hope "one two" [0,7) · Fear "two three" [4,13)
 */
async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Co-occurrence" })).id as string;
  const code = (name: string) => post(owner.client, `/api/v1/projects/${projectId}/codes`, { name });
  const [hope, fear, work] = [await code("Hope"), await code("Fear"), await code("Work, life")];
  const doc = (title: string, text: string) =>
    post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text });
  const [d1, d2] = [await doc("D1", D1), await doc("D2", D2)];
  const coding = (d: { id: string }, text: string, codeId: string, part: string) =>
    post(owner.client, `/api/v1/documents/${d.id}/codings`, { codeId, ...span(at(text, part)) });
  const span = ([start, end]: readonly [number, number]) => ({ start, end });
  await coding(d1, D1, hope.id, "Alpha beta");
  await coding(d1, D1, fear.id, "beta gamma");
  await coding(d1, D1, fear.id, "gamma");
  await coding(d1, D1, work.id, "Alpha");
  await coding(d1, D1, work.id, "delta epsilon");
  await coding(d2, D2, hope.id, "one two");
  await coding(d2, D2, fear.id, "two three");
  return { owner, projectId, hope, fear, work, d1, d2 };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const matrix = (client: ApiClient, query: string, projectId = f.projectId) =>
  client.get(`/api/v1/projects/${projectId}/cooccurrence?${query}`);
const passages = (client: ApiClient, query: string) =>
  client.get(`/api/v1/projects/${f.projectId}/cooccurrence/passages?${query}`);

describe("co-occurrence", () => {
  it("counts overlapping pairs and their documents per pair of codes, as worked out by hand", async () => {
    const res = await matrix(f.owner.client, "mode=overlap");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.mode).toBe("overlap");
    expect(res.body.within).toBeNull();
    expect(res.body.codes.map((c: any) => c.name)).toEqual(["Fear", "Hope", "Work, life"]);
    // Fear–Hope: "beta gamma"/"Alpha beta" in D1, "two three"/"one two" in D2. Hope–Work: "Alpha".
    // Fear–Work: every pair is a character or more apart, so no cell.
    expect(res.body.cells).toEqual([
      { a: f.fear.id, b: f.hope.id, pairs: 2, documents: 2 },
      { a: f.hope.id, b: f.work.id, pairs: 1, documents: 1 },
    ]);
  });

  it("in proximity mode also pairs codings up to `within` characters apart", async () => {
    const res = await matrix(f.owner.client, "mode=proximity&within=5");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.within).toBe(5);
    // Fear "gamma" [11,16) is 1 from Hope "Alpha beta" [0,10). Fear–Work: three pairs 1 apart in
    // D1; "gamma"/"Alpha" is 6 apart. Hope "Alpha beta"/"delta epsilon" is 7 apart.
    expect(res.body.cells).toEqual([
      { a: f.fear.id, b: f.hope.id, pairs: 3, documents: 2 },
      { a: f.fear.id, b: f.work.id, pairs: 3, documents: 1 },
      { a: f.hope.id, b: f.work.id, pairs: 1, documents: 1 },
    ]);
    // The default within=0 adds only spans that touch, and none do here: the overlaps alone.
    const touching = await matrix(f.owner.client, "mode=proximity");
    expect(touching.body.within).toBe(0);
    expect(touching.body.cells).toEqual([
      { a: f.fear.id, b: f.hope.id, pairs: 2, documents: 2 },
      { a: f.hope.id, b: f.work.id, pairs: 1, documents: 1 },
    ]);
  });

  it("looks only at the documents asked for", async () => {
    const res = await matrix(f.owner.client, `documents=${f.d2.id}`);
    expect(res.status).toBe(200);
    expect(res.body.cells).toEqual([{ a: f.fear.id, b: f.hope.id, pairs: 1, documents: 1 }]);
  });

  it("opens the passages behind a cell, a page at a time", async () => {
    const res = await passages(f.owner.client, `a=${f.hope.id}&b=${f.fear.id}&mode=overlap`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.passages.map((p: any) => [p.documentTitle, p.a.quote, p.b.quote])).toEqual([
      ["D1", "Alpha beta", "beta gamma"],
      ["D2", "one two", "two three"],
    ]);
    expect(res.body.passages[0]).toMatchObject({ documentId: f.d1.id, a: { start: 0, end: 10 }, b: { start: 6, end: 16 } });
    const page = await passages(f.owner.client, `a=${f.hope.id}&b=${f.fear.id}&offset=1&limit=1`);
    expect(page.body).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.body.passages.map((p: any) => p.a.quote)).toEqual(["one two"]);
    const near = await passages(f.owner.client, `a=${f.hope.id}&b=${f.fear.id}&mode=proximity&within=5`);
    expect(near.body.passages.map((p: any) => p.b.quote)).toEqual(["beta gamma", "gamma", "two three"]);
  });

  it("exports the matrix as CSV, symmetric, with names quoted", async () => {
    const res = await f.owner.client.request("GET", `/api/v1/projects/${f.projectId}/cooccurrence`, undefined, {
      headers: { accept: "text/csv" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="cooccurrence.csv"');
    const lines = (res.body as string).trim().split("\n");
    expect(lines[0]).toBe('code,Fear,Hope,"Work, life"');
    expect(lines.slice(1)).toEqual(["Fear,,2,0", "Hope,2,,1", '"Work, life",0,1,']);
    const byQuery = await matrix(f.owner.client, "format=csv&mode=proximity&within=5");
    expect((byQuery.body as string).split("\n")[1]).toBe("Fear,,3,3");
  });

  it("exports the matrix as XLSX with the same numbers, the settings in its title", async () => {
    const res = await fetch(`${server.url}/api/v1/projects/${f.projectId}/cooccurrence?format=xlsx&mode=proximity&within=5`, {
      headers: { cookie: f.owner.client.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="cooccurrence.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(String(values(1)[0])).toContain("within 5 characters");
    expect(values(2)).toEqual(["code", "Fear", "Hope", "Work, life"]);
    expect(values(3)).toEqual(["Fear", undefined, 3, 3]);
    expect(values(4)).toEqual(["Hope", 3, undefined, 1]);
    expect(values(5)).toEqual(["Work, life", 3, 1]);
    expect((await matrix(f.owner.client, "format=pdf")).status).toBe(400);
  });

  it("answers 404 for another project's code or for a non-member, and 400 for bad parameters", async () => {
    const other = await post(f.owner.client, "/api/v1/projects", { name: "Other" });
    const foreign = await post(f.owner.client, `/api/v1/projects/${other.id}/codes`, { name: "Elsewhere" });
    const res = await passages(f.owner.client, `a=${f.hope.id}&b=${foreign.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("Code not found.");
    const bad = await matrix(f.owner.client, "mode=nearby");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("mode");
    const far = await matrix(f.owner.client, "mode=proximity&within=10001");
    expect(far.status).toBe(400);
    expect(far.body.error.message).toContain("within");
    expect((await passages(f.owner.client, `a=${f.hope.id}`)).body.error.message).toContain("b");
    expect((await passages(f.owner.client, `a=${f.hope.id}&b=${f.hope.id}`)).status).toBe(400);
    expect((await passages(f.owner.client, `a=${f.hope.id}&b=${f.fear.id}&limit=201`)).status).toBe(400);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await matrix(stranger.client, "mode=overlap")).status).toBe(404);
    expect((await passages(stranger.client, `a=${f.hope.id}&b=${f.fear.id}`)).status).toBe(404);
  });
});
