import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { created as post, signedUpClient, type ApiClient } from "../setup/api-client";
import { createForm, submitStory } from "../setup/contributions";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TEXT = "I hope so. I fear not. I worry. I hope again.";
const span = (part: string, from = 0) => ({ start: TEXT.indexOf(part, from), end: TEXT.indexOf(part, from) + part.length });

/**
 * Codes Fear (with the sub-code Worry) and Hope; documents by region:
 *   Ann (North, age 34): Hope ×2, Fear · Ben (South): Hope, Worry · Cat (North): Fear · Dan (no region): Hope
 *   and a rejected story coded Hope, which no count may include.
 */
async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const projectId = (await post(owner.client, "/api/v1/projects", { name: "Frequencies" })).id as string;
  const code = (name: string, parentId?: string) => post(owner.client, `/api/v1/projects/${projectId}/codes`, { name, parentId });
  const hope = await code("Hope");
  const fear = await code("Fear");
  const worry = await code("Worry", fear.id);
  const doc = (title: string, attributes: object) =>
    post(owner.client, `/api/v1/projects/${projectId}/documents`, { title, kind: "interview", text: TEXT, attributes });
  const [ann, ben, cat, dan] = [
    await doc("Ann", { region: "North", age: 34 }),
    await doc("Ben", { region: "South" }),
    await doc("Cat", { region: "North" }),
    await doc("Dan", {}),
  ];
  const coding = (documentId: string, codeId: string, range: { start: number; end: number }) =>
    post(owner.client, `/api/v1/documents/${documentId}/codings`, { codeId, ...range });
  await coding(ann.id, hope.id, span("hope so"));
  await coding(ann.id, hope.id, span("hope again"));
  await coding(ann.id, fear.id, span("fear"));
  await coding(ben.id, hope.id, span("hope so"));
  await coding(ben.id, worry.id, span("worry"));
  await coding(cat.id, fear.id, span("fear not"));
  await coding(dan.id, hope.id, span("hope"));
  // A contribution a researcher rejected leaves the analysis.
  const formId = await createForm(owner.client, projectId);
  const story = await submitStory(server.url, formId, { story: "I hope they call back." });
  await coding(story.documentId, hope.id, { start: 2, end: 6 });
  const inbox = await owner.client.get(`/api/v1/projects/${projectId}/submissions`);
  const submission = inbox.body.submissions.find((s: { documentId: string }) => s.documentId === story.documentId);
  const rejected = await owner.client.patch(`/api/v1/submissions/${submission.id}`, { status: "rejected", reason: "Off topic" });
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
  return { owner, projectId, hope, fear, worry, ann, ben, cat, dan };
}

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
});

const get = (client: ApiClient, query: string, projectId = f.projectId) =>
  client.get(`/api/v1/projects/${projectId}/frequencies?${query}`);

/** A code's row as `[name, codings, documents]`, and a cell's `[codings, documents]`. */
const rowsOf = (body: any) => body.codes.map((c: any) => [c.name, c.codings, c.documents]);
const cellOf = (body: any, codeId: string, column: string | null) => {
  const cell = body.cells.find((c: any) => c.codeId === codeId && c.column === column);
  return cell ? [cell.codings, cell.documents] : [0, 0];
};

describe("code frequencies", () => {
  it("counts codings and documents per code and per document, in codebook order, leaving out rejected stories", async () => {
    const res = await get(f.owner.client, "by=document");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.by).toBe("document");
    expect(res.body.attributes).toEqual(["age", "region"]);
    expect(res.body.columns).toEqual([
      { key: f.ann.id, label: "Ann", documents: 1 },
      { key: f.ben.id, label: "Ben", documents: 1 },
      { key: f.cat.id, label: "Cat", documents: 1 },
      { key: f.dan.id, label: "Dan", documents: 1 },
    ]);
    expect(rowsOf(res.body)).toEqual([
      ["Fear", 2, 2],
      ["Worry", 1, 1],
      ["Hope", 4, 3],
    ]);
    expect(cellOf(res.body, f.hope.id, f.ann.id)).toEqual([2, 1]);
    expect(cellOf(res.body, f.hope.id, f.cat.id)).toEqual([0, 0]);
    expect(res.body.totals).toEqual({ documents: 4, codings: 7 });
  });

  it("crosstabs by a document attribute, with a (no value) column", async () => {
    const res = await get(f.owner.client, "by=attribute:region");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ by: "attribute", attribute: "region" });
    expect(res.body.columns).toEqual([
      { key: "North", label: "North", documents: 2 },
      { key: "South", label: "South", documents: 1 },
      { key: null, label: "(no value)", documents: 1 },
    ]);
    expect(cellOf(res.body, f.hope.id, "North")).toEqual([2, 1]);
    expect(cellOf(res.body, f.hope.id, "South")).toEqual([1, 1]);
    expect(cellOf(res.body, f.hope.id, null)).toEqual([1, 1]);
    expect(cellOf(res.body, f.fear.id, "North")).toEqual([2, 2]);
    expect(cellOf(res.body, f.worry.id, "South")).toEqual([1, 1]);
  });

  it("looks only at the documents asked for, and refuses another project's", async () => {
    const res = await get(f.owner.client, `by=attribute:region&documents=${f.ann.id},${f.dan.id}`);
    expect(res.body.columns.map((c: any) => [c.label, c.documents])).toEqual([
      ["North", 1],
      ["(no value)", 1],
    ]);
    expect(rowsOf(res.body)).toEqual([
      ["Fear", 1, 1],
      ["Worry", 0, 0],
      ["Hope", 3, 2],
    ]);
    const other = await post(f.owner.client, "/api/v1/projects", { name: "Other" });
    const foreign = await post(f.owner.client, `/api/v1/projects/${other.id}/documents`, { title: "X", kind: "story", text: "x" });
    const refused = await get(f.owner.client, `documents=${f.ann.id},${foreign.id}`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe("Document not found.");
  });

  it("answers 400 for a bad grouping or format and 404 for a non-member", async () => {
    const bad = await get(f.owner.client, "by=region");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("by");
    expect((await get(f.owner.client, "by=attribute:colour")).status).toBe(400);
    expect((await get(f.owner.client, "format=pdf")).status).toBe(400);
    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await get(stranger.client, "by=document")).status).toBe(404);
  });

  it("downloads the crosstab as CSV", async () => {
    const res = await get(f.owner.client, "by=attribute:region&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="code-frequencies-by-region.csv"');
    expect((res.body as string).trim().split("\n")).toEqual([
      "code,parent code,codings,documents,North: codings,North: documents,South: codings,South: documents,(no value): codings,(no value): documents",
      "Fear,,2,2,2,2,0,0,0,0",
      "Worry,Fear,1,1,0,0,1,1,0,0",
      "Hope,,4,3,2,1,1,1,1,1",
      "(documents in column),,7,4,,2,,1,,1",
    ]);
    const byAccept = await f.owner.client.request("GET", `/api/v1/projects/${f.projectId}/frequencies`, undefined, {
      headers: { accept: "text/csv" },
    });
    expect(byAccept.headers.get("content-disposition")).toContain("code-frequencies-by-document.csv");
  });

  it("downloads an XLSX that reads back with the same numbers", async () => {
    const res = await fetch(`${server.url}/api/v1/projects/${f.projectId}/frequencies?by=attribute:region&format=xlsx`, {
      headers: { cookie: f.owner.client.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="code-frequencies-by-region.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe("Code frequencies");
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(["Code frequencies by region"]);
    expect(values(2).slice(0, 6)).toEqual(["code", "parent code", "codings", "documents", "North: codings", "North: documents"]);
    expect(values(3)).toEqual(["Fear", undefined, 2, 2, 2, 2, 0, 0, 0, 0]);
    expect(values(5)).toEqual(["Hope", undefined, 4, 3, 2, 1, 1, 1, 1, 1]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  });

  it("keeps a code name that looks like a formula as text in CSV and XLSX", async () => {
    const project = (await post(f.owner.client, "/api/v1/projects", { name: "Formula" })).id as string;
    const code = await post(f.owner.client, `/api/v1/projects/${project}/codes`, { name: "=HYPERLINK(\"x\")" });
    const doc = await post(f.owner.client, `/api/v1/projects/${project}/documents`, { title: "+Doc", kind: "story", text: "hello" });
    await post(f.owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId: code.id, start: 0, end: 5 });
    const csv = await get(f.owner.client, "format=csv", project);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")",,1,1,1,1`);
    expect(csv.body).toContain("'+Doc: codings");
    const res = await fetch(`${server.url}/api/v1/projects/${project}/frequencies?format=xlsx`, { headers: { cookie: f.owner.client.cookie! } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets[0]!.getCell("A3").value).toBe("'=HYPERLINK(\"x\")");
  });
});
