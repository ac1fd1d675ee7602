import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "~/lib/collab/doc-model";
import { created as post, signedUpClient } from "../setup/api-client";
import { until } from "../setup/collab-client";
import { importCsv } from "../setup/datasets";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TEXT = "alpha beta gamma delta epsilon";
// Offsets of the words in TEXT.
const W = { alpha: [0, 5], beta: [6, 10], gamma: [11, 16], delta: [17, 22] } as const;

/**
 * Six cases (K4 and K6 have no documents). Two segments: Churned = K1, K3, K5;
 * North or quiet = K1, K2, K4. Seven documents: D1 and D2 share case K1, D6 has no case and
 * D7's case K9 is not in the dataset. Codes: Price, Support (under Price), Billing, and Waiting
 * (coded only in D7, so it has no cells). D4's Billing coding is orphaned (its text deleted).
 */
const CASES = ["id,region,calls,churned", "K1,North,5,true", "K2,North,1,false", "K3,South,4,true", "K4,South,0,false", "K5,East,3,true", "K6,East,2,false"].join("\n");

async function matrixFixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Matrix" })).id as string;
  const dataset = await importCsv(owner.client, projectId, "Customers", "id", CASES);
  const segment = (name: string, filter: object) =>
    post(owner.client, `/api/v1/projects/${projectId}/segments`, { datasetId: dataset.id, name, filter });
  const churned = await segment("Churned", { all: [{ column: "churned", op: "eq", value: true }] });
  const north = await segment("North or quiet", {
    any: [{ column: "region", op: "eq", value: "North" }, { column: "calls", op: "lt", value: 1 }],
  });
  const code = (name: string, parentId?: string) => post(owner.client, `/api/v1/projects/${projectId}/codes`, { name, parentId });
  const price = await code("Price");
  const support = await code("Support", price.id);
  const billing = await code("Billing");
  const waiting = await code("Waiting");
  const doc = (n: number, caseKey?: string) =>
    post(owner.client, `/api/v1/projects/${projectId}/documents`, { title: `Interview ${n}`, kind: "interview", text: TEXT, caseKey });
  const d = [await doc(1, "K1"), await doc(2, "K1"), await doc(3, "K2"), await doc(4, "K3"), await doc(5, "K5"), await doc(6), await doc(7, "K9")];
  const coding = (i: number, codeId: string, [start, end]: readonly [number, number]) =>
    post(owner.client, `/api/v1/documents/${d[i - 1].id}/codings`, { codeId, start, end });
  await coding(1, price.id, W.alpha);
  await coding(1, price.id, W.beta);
  await coding(1, support.id, W.gamma);
  await coding(2, price.id, W.alpha);
  await coding(2, billing.id, W.beta);
  await coding(3, price.id, W.alpha);
  await coding(3, support.id, W.beta);
  await coding(4, support.id, W.alpha);
  await coding(4, support.id, W.beta);
  await coding(4, billing.id, W.delta);
  await coding(5, billing.id, W.alpha);
  await coding(6, price.id, W.alpha);
  await coding(7, price.id, W.alpha);
  await coding(7, waiting.id, W.beta);
  // Someone deletes " delta" in D4: its Billing coding is kept, orphaned, and no longer counted.
  await server.services.collab.change(d[3].id, (ydoc) => textOf(ydoc).delete(W.gamma[1], W.delta[1] - W.gamma[1]));
  await until(
    async () => (await owner.client.get(`/api/v1/documents/${d[3].id}`)).body.codings.some((c: any) => c.orphaned),
    "the orphaned coding",
  );
  return { owner, projectId, dataset, churned, north, price, support, billing, waiting, d };
}

let f: Awaited<ReturnType<typeof matrixFixture>>;
beforeAll(async () => {
  f = await matrixFixture();
});

describe("matrix", () => {
  it("counts codings, documents and cases per code and segment, exactly as worked out by hand", async () => {
    const res = await f.owner.client.get(`/api/v1/projects/${f.projectId}/matrix`);
    expect(res.status).toBe(200);
    // Codes in hierarchy order, sub-codes under their parent.
    expect(res.body.codes.map((c: any) => [c.name, c.parentId])).toEqual([
      ["Billing", null],
      ["Price", null],
      ["Support", f.price.id],
      ["Waiting", null],
    ]);
    expect(res.body.segments.map((s: any) => ({ id: s.id, name: s.name, size: s.size }))).toEqual([
      { id: f.churned.id, name: "Churned", size: 3 },
      { id: f.north.id, name: "North or quiet", size: 3 },
    ]);
    const cell = (code: { id: string }, segment: { id: string }, codings: number, documents: number, cases: number) => ({
      codeId: code.id,
      segmentId: segment.id,
      codings,
      documents,
      cases,
    });
    const expected = [
      // Churned (K1, K3, K5): Price only in K1 (D1 ×2, D2); Support in K1 (D1) and K3 (D4 ×2);
      // Billing in K1 (D2) and K5 (D5), D4's orphaned one left out.
      cell(f.price, f.churned, 3, 2, 1),
      cell(f.support, f.churned, 3, 2, 2),
      cell(f.billing, f.churned, 2, 2, 2),
      // North or quiet (K1, K2, K4; K4 has no documents): D6 (no case) and D7 (K9) never count.
      cell(f.price, f.north, 4, 3, 2),
      cell(f.support, f.north, 2, 2, 2),
      cell(f.billing, f.north, 1, 1, 1),
    ];
    const key = (c: any) => `${c.codeId}|${c.segmentId}`;
    const cells = res.body.cells.map((c: any) => ({ codeId: c.codeId, segmentId: c.segmentId, codings: c.codings, documents: c.documents, cases: c.cases }));
    expect([...cells].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expected].sort((a, b) => key(a).localeCompare(key(b))));
    // Waiting is coded only in D7, whose case is not in the dataset: no cell, not a zero cell.
    expect(cells.some((c: any) => c.codeId === f.waiting.id)).toBe(false);
  });

  it("downloads the matrix as CSV and XLSX with the same numbers", async () => {
    const csv = await f.owner.client.get(`/api/v1/projects/${f.projectId}/matrix?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="codes-by-segments.csv"');
    expect((csv.body as string).trim().split("\n")).toEqual([
      "code,parent code,Churned: codings,Churned: documents,Churned: cases,North or quiet: codings,North or quiet: documents,North or quiet: cases",
      "Billing,,2,2,2,1,1,1",
      "Price,,3,2,1,4,3,2",
      "Support,Price,3,2,2,2,2,2",
      "Waiting,,0,0,0,0,0,0",
      "(rows in segment),,,,3,,,3",
    ]);
    const res = await fetch(`${server.url}/api/v1/projects/${f.projectId}/matrix?format=xlsx`, { headers: { cookie: f.owner.client.cookie! } });
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const row = (n: number) => (book.worksheets[0]!.getRow(n).values as unknown[]).slice(1);
    expect(row(4)).toEqual(["Price", undefined, 3, 2, 1, 4, 3, 2]);
  });

  it("shows a coding made a moment ago, and each segment's size and key numbers for its column header", async () => {
    const { owner, projectId, d, waiting, churned: seg } = await matrixFixture();
    await post(owner.client, `/api/v1/documents/${d[4].id}/codings`, { codeId: waiting.id, start: 0, end: 5 });
    const matrix = (await owner.client.get(`/api/v1/projects/${projectId}/matrix`)).body;
    expect(matrix.cells).toContainEqual({ codeId: waiting.id, segmentId: seg.id, codings: 1, documents: 1, cases: 1 });
    const churned = matrix.segments.find((s: any) => s.name === "Churned");
    expect(churned).toMatchObject({ datasetRows: 6, size: 3 });
    // calls: inside K1 5, K3 4, K5 3 → 4; outside K2 1, K4 0, K6 2 → 1.
    expect(churned.highlights).toContainEqual({ column: "calls", inside: 4, outside: 1 });
  });

  it("opens the excerpts behind a cell, by document then position, a page at a time", async () => {
    const url = (extra = "") => `/api/v1/projects/${f.projectId}/matrix/excerpts?codeId=${f.support.id}&segmentId=${f.churned.id}${extra}`;
    const res = await f.owner.client.get(url());
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.excerpts.map((e: any) => [e.documentTitle, e.caseKey, e.start, e.end, e.quote, e.authorName])).toEqual([
      ["Interview 1", "K1", 11, 16, "gamma", "Owner"],
      ["Interview 4", "K3", 0, 5, "alpha", "Owner"],
      ["Interview 4", "K3", 6, 10, "beta", "Owner"],
    ]);
    expect(res.body.excerpts[0]).toMatchObject({ documentId: f.d[0].id, codeId: f.support.id, codingId: expect.any(String) });
    const page = await f.owner.client.get(url("&offset=1&limit=1"));
    expect(page.body).toMatchObject({ total: 3, excerpts: [{ documentTitle: "Interview 4", quote: "alpha" }] });
    // The orphaned Billing coding in D4 is not an excerpt.
    const billing = await f.owner.client.get(`/api/v1/projects/${f.projectId}/matrix/excerpts?codeId=${f.billing.id}&segmentId=${f.churned.id}`);
    expect(billing.body.excerpts.map((e: any) => e.documentTitle)).toEqual(["Interview 2", "Interview 5"]);
    expect((await f.owner.client.get(url("&limit=0"))).status).toBe(400);
  });

  it("counts sub-codes in their parent when asked (?subcodes=true), for cells, excerpts and representation", async () => {
    const base = `/api/v1/projects/${f.projectId}/matrix`;
    const cells = (await f.owner.client.get(`${base}?subcodes=true`)).body.cells as any[];
    const of = (code: { id: string }, segment: { id: string }) =>
      cells.find((c) => c.codeId === code.id && c.segmentId === segment.id);
    // Price ∪ Support in Churned: K1 (D1 ×3, D2 ×1) and K3 (D4 ×2).
    expect(of(f.price, f.churned)).toMatchObject({ codings: 6, documents: 3, cases: 2 });
    // In North or quiet: K1 (D1 ×3, D2) and K2 (D3 ×2).
    expect(of(f.price, f.north)).toMatchObject({ codings: 6, documents: 3, cases: 2 });
    // A code without sub-codes is unchanged.
    expect(of(f.support, f.churned)).toMatchObject({ codings: 3, documents: 2, cases: 2 });
    const excerpts = await f.owner.client.get(`${base}/excerpts?codeId=${f.price.id}&segmentId=${f.churned.id}&subcodes=true`);
    expect(excerpts.body.total).toBe(6);
    expect(excerpts.body.excerpts.map((e: any) => e.quote)).toContain("gamma");
    // Cases with documents: K1, K3, K5 in Churned, K2 outside; Price or Support in K1, K3 and K2.
    const rep = await f.owner.client.get(`${base}/representation?codeId=${f.price.id}&segmentId=${f.churned.id}&subcodes=true`);
    expect(rep.body).toMatchObject({ inside: { cases: 3, withCode: 2 }, outside: { cases: 1, withCode: 1 } });
  });

  it("answers 404 for another project's code or segment, and for outsiders", async () => {
    const other = await matrixFixture();
    const base = `/api/v1/projects/${f.projectId}/matrix`;
    for (const q of [`codeId=${other.price.id}&segmentId=${f.churned.id}`, `codeId=${f.price.id}&segmentId=${other.churned.id}`]) {
      expect((await f.owner.client.get(`${base}/excerpts?${q}`)).status).toBe(404);
      expect((await f.owner.client.get(`${base}/representation?${q}`)).status).toBe(404);
    }
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await stranger.client.get(base)).status).toBe(404);
  });
});

describe("over- and under-representation", () => {
  it("gives the 2×2 of cases and its Fisher p for a small fixture", async () => {
    // Population: K1, K2, K3, K5 (cases with a document; K9 is not in the dataset). Churned
    // inside: K1, K3, K5, with Price: K1 → 1 of 3; outside: K2, with Price → 1 of 1.
    // Margins 3/1 and 2/2: both possible tables have p = 1/2, so p = 1.
    const res = await f.owner.client.get(`/api/v1/projects/${f.projectId}/matrix/representation?codeId=${f.price.id}&segmentId=${f.churned.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      inside: { cases: 3, withCode: 1 },
      outside: { cases: 1, withCode: 1, share: 1 },
      test: "fisher_exact",
      verdict: "no_difference",
    });
    expect(res.body.inside.share).toBeCloseTo(1 / 3, 10);
    expect(res.body.ratio).toBeCloseTo(1 / 3, 10);
    expect(res.body.pValue).toBeCloseTo(1, 10);
  });

  it("finds a code over-represented in a segment: [[8,2],[1,9]], p = 920/167960", async () => {
    const owner = await signedUpClient(server.url, "Owner");
    const projectId = (await post(owner.client, "/api/v1/projects", { name: "Churn reasons" })).id as string;
    const rows = Array.from({ length: 20 }, (_, i) => `R${String(i + 1).padStart(2, "0")},${i < 10}`);
    const dataset = await importCsv(owner.client, projectId, "Customers", "id", ["id,churned", ...rows].join("\n"));
    const segment = await post(owner.client, `/api/v1/projects/${projectId}/segments`, {
      datasetId: dataset.id,
      name: "Churned",
      filter: { all: [{ column: "churned", op: "eq", value: true }] },
    });
    const code = await post(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Hidden fees" });
    // Cases R01–R08 (churned) and R11 (stayed) mention hidden fees; every case has a story.
    for (let i = 1; i <= 20; i++) {
      const caseKey = `R${String(i).padStart(2, "0")}`;
      const doc = await post(owner.client, `/api/v1/projects/${projectId}/documents`, { title: caseKey, kind: "story", text: TEXT, caseKey });
      if (i <= 8 || i === 11) await post(owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 0, end: 5 });
    }
    const res = await owner.client.get(`/api/v1/projects/${projectId}/matrix/representation?codeId=${code.id}&segmentId=${segment.id}`);
    expect(res.body).toMatchObject({
      inside: { cases: 10, withCode: 8, share: 0.8 },
      outside: { cases: 10, withCode: 1, share: 0.1 },
      verdict: "over",
    });
    expect(res.body.ratio).toBeCloseTo(8, 10);
    // Tables as or less likely than the observed one, margins 10/10 and 9/11: top-left 8, 9, 1, 0,
    // with C(10,x)·C(10,9−x) = 450, 10, 450, 10 out of C(20,9) = 167960.
    expect(res.body.pValue).toBeCloseTo(920 / 167960, 10);

    // The same table seen from the other side: under-represented among those who stayed.
    const stayed = await post(owner.client, `/api/v1/projects/${projectId}/segments`, {
      datasetId: dataset.id,
      name: "Stayed",
      filter: { all: [{ column: "churned", op: "eq", value: false }] },
    });
    const under = await owner.client.get(`/api/v1/projects/${projectId}/matrix/representation?codeId=${code.id}&segmentId=${stayed.id}`);
    expect(under.body).toMatchObject({ inside: { cases: 10, withCode: 1 }, outside: { cases: 10, withCode: 8 }, verdict: "under" });
    expect(under.body.pValue).toBeCloseTo(920 / 167960, 10);
  });
});

describe("code ↔ segment links", () => {
  it("links a code to a segment with a note, lists it on both sides, refuses a duplicate, edits and removes it", async () => {
    const { owner } = f;
    const linksUrl = `/api/v1/segments/${f.churned.id}/links`;
    const created = await owner.client.post(linksUrl, { codeId: f.price.id, note: "Price explains churn" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ codeId: f.price.id, codeName: "Price", segmentId: f.churned.id, segmentName: "Churned", note: "Price explains churn" });
    expect((await owner.client.post(linksUrl, { codeId: f.price.id })).status).toBe(409);
    expect((await owner.client.get(linksUrl)).body.links.map((l: any) => l.codeName)).toEqual(["Price"]);
    expect((await owner.client.get(`/api/v1/segments/${f.churned.id}`)).body.links).toHaveLength(1);

    const edited = await owner.client.patch(`/api/v1/code-segment-links/${created.body.id}`, { note: "Mostly fees" });
    expect(edited.body.note).toBe("Mostly fees");
    expect((await owner.client.patch(`/api/v1/code-segment-links/${created.body.id}`, { note: "x".repeat(501) })).status).toBe(400);

    const other = await matrixFixture();
    expect((await owner.client.post(linksUrl, { codeId: other.price.id })).status).toBe(404);
    expect((await other.owner.client.post(linksUrl, { codeId: other.price.id })).status).toBe(404);
    expect((await other.owner.client.delete(`/api/v1/code-segment-links/${created.body.id}`)).status).toBe(404);

    expect((await owner.client.delete(`/api/v1/code-segment-links/${created.body.id}`)).status).toBe(204);
    expect((await owner.client.get(linksUrl)).body.links).toEqual([]);
  });
});
