import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: (c) => ({ ...c, maxDatasetBytes: 200_000 }) });
});
afterAll(() => server?.close());

async function project() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body } = await owner.client.post("/api/v1/projects", { name: "Numbers" });
  return { owner: owner.client, projectId: body.id as string };
}

function importCsv(client: ApiClient, projectId: string, csv: string, query: Record<string, string>) {
  const qs = new URLSearchParams(query).toString();
  return client.request("POST", `/api/v1/projects/${projectId}/datasets?${qs}`, undefined, {
    headers: { "content-type": "text/csv" },
    raw: csv,
  });
}

/** Tables in the `datasets` schema right now (as the database sees them). */
async function datasetTables(): Promise<string[]> {
  const result = (await server.services.db.execute(
    "select table_name from information_schema.tables where table_schema = 'datasets' order by 1" as never,
  )) as unknown as { rows: { table_name: string }[] };
  return result.rows.map((r) => r.table_name);
}

const rows = async (client: ApiClient, id: string, q = "") => (await client.get(`/api/v1/datasets/${id}/rows${q}`)).body;

describe("dataset import", () => {
  it("infers integer, number, boolean, date and text columns; the key is text", async () => {
    const { owner, projectId } = await project();
    const csv = [
      "id,age,spend,churned,joined,city",
      "007,34,12.5,true,2023-01-31,Leeds",
      "008,-2,-3e2,No,2020-02-29,Cork",
      "009,0,4,YES,1999-12-31,Bergen",
    ].join("\n");
    const res = await importCsv(owner, projectId, csv, { name: "Customers", key: "id" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: "Customers",
      key: "id",
      rowCount: 3,
      columns: [
        { name: "id", type: "text" },
        { name: "age", type: "integer" },
        { name: "spend", type: "number" },
        { name: "churned", type: "boolean" },
        { name: "joined", type: "date" },
        { name: "city", type: "text" },
      ],
    });
    const got = await owner.get(`/api/v1/datasets/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: res.body.id, name: "Customers", key: "id", rowCount: 3, projectId });
    expect((await rows(owner, res.body.id)).rows).toEqual([
      ["007", 34, 12.5, true, "2023-01-31", "Leeds"],
      ["008", -2, -300, false, "2020-02-29", "Cork"],
      ["009", 0, 4, true, "1999-12-31", "Bergen"],
    ]);
    const list = await owner.get(`/api/v1/projects/${projectId}/datasets`);
    expect(list.body.datasets.map((d: { name: string }) => d.name)).toEqual(["Customers"]);
  });

  it("reads quoted fields, embedded newlines, UTF-8 with a BOM and empty values as NULL", async () => {
    const { owner, projectId } = await project();
    const csv =
      "\uFEFFid,name,note,score\r\n" +
      'a1,"Zoë, the elder","said ""hi""\nthen left",1\r\n' +
      'a2,東京,"",\r\n' +
      "a3,,plain,3\r\n";
    const res = await importCsv(owner, projectId, csv, { name: "People", key: "id" });
    expect(res.status).toBe(201);
    expect(res.body.columns.map((c: { name: string }) => c.name)).toEqual(["id", "name", "note", "score"]);
    expect(res.body.columns[3].type).toBe("integer");
    expect((await rows(owner, res.body.id)).rows).toEqual([
      ["a1", "Zoë, the elder", 'said "hi"\nthen left', 1],
      ["a2", "東京", null, null],
      ["a3", null, "plain", 3],
    ]);
  });

  it("rejects a bad value naming its line (after an embedded newline) and column, leaving nothing behind", async () => {
    const { owner, projectId } = await project();
    const before = await datasetTables();
    const csv = ["id,note,spend", 'a,"two\nlines",1.5', "b,x,2", "c,y,abc", "d,z,4"].join("\n");
    const types = JSON.stringify({ spend: "number" });
    const res = await importCsv(owner, projectId, csv, { name: "Broken", key: "id", types });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_csv");
    expect(res.body.error.message).toBe('Line 5, column "spend": "abc" is not a number.');
    expect(res.body.error.fields).toEqual({ line: "5", column: "spend" });
    expect(await datasetTables()).toEqual(before);
    expect((await owner.get(`/api/v1/projects/${projectId}/datasets`)).body.datasets).toEqual([]);
  });

  it("names the line of an unterminated quote, a short row, an empty key and a duplicate key", async () => {
    const { owner, projectId } = await project();
    const before = await datasetTables();
    const cases: [string, RegExp][] = [
      ['id,a\nx,1\ny,"open\nz,3\n', /^Line 3, column "a": a quoted field is never closed/],
      ["id,a,b\nx,1,2\ny,1\n", /^Line 3, column "b": the row has 2 fields but the header has 3/],
      ["id,a\nx,1\n,2\n", /^Line 3, column "id": the key is empty/],
      ["id,a\nx,1\ny,2\nx,3\n", /^Line 4, column "id": the key "x" appears more than once \(first on line 2\)/],
    ];
    for (const [csv, message] of cases) {
      const res = await importCsv(owner, projectId, csv, { name: "Bad", key: "id" });
      expect(res.status, csv).toBe(400);
      expect(res.body.error.code).toBe("invalid_csv");
      expect(res.body.error.message).toMatch(message);
    }
    expect(await datasetTables()).toEqual(before);
    expect((await owner.get(`/api/v1/projects/${projectId}/datasets`)).body.datasets).toEqual([]);
  });

  it("checks the request: name, key, headers, content type, duplicate names", async () => {
    const { owner, projectId } = await project();
    const csv = "id,a\nx,1\n";
    expect((await importCsv(owner, projectId, csv, { key: "id" })).status).toBe(400);
    expect((await importCsv(owner, projectId, csv, { name: "N" })).status).toBe(400);
    const unknown = await importCsv(owner, projectId, csv, { name: "N", key: "nope" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("unknown_key");
    const dupHeader = await importCsv(owner, projectId, "id,a,a\nx,1,2\n", { name: "N", key: "id" });
    expect(dupHeader.status).toBe(400);
    expect(dupHeader.body.error.message).toContain('"a"');
    const emptyHeader = await importCsv(owner, projectId, "id,,b\nx,1,2\n", { name: "N", key: "id" });
    expect(emptyHeader.status).toBe(400);
    expect(emptyHeader.body.error.message).toContain("column 2");
    const json = await owner.request("POST", `/api/v1/projects/${projectId}/datasets?name=N&key=id`, { a: 1 });
    expect(json.status).toBe(415);
    expect((await importCsv(owner, projectId, csv, { name: "N", key: "id" })).status).toBe(201);
    const again = await importCsv(owner, projectId, csv, { name: "N", key: "id" });
    expect(again.status).toBe(409);
  });

  it("takes the user's types over inferred ones, and names a value that does not fit them", async () => {
    const { owner, projectId } = await project();
    const csv = "id,zip,flag\nx,01234,1\ny,99999,0\n";
    const res = await importCsv(owner, projectId, csv, { name: "T", key: "id", types: JSON.stringify({ zip: "text" }) });
    expect(res.status).toBe(201);
    expect(res.body.columns).toEqual([
      { name: "id", type: "text" },
      { name: "zip", type: "text" },
      { name: "flag", type: "integer" },
    ]);
    expect((await rows(owner, res.body.id)).rows[0]).toEqual(["x", "01234", 1]);
    const bad = await importCsv(owner, projectId, csv, { name: "T2", key: "id", types: JSON.stringify({ flag: "date" }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Line 2, column "flag": "1" is not a date (YYYY-MM-DD).');
    const keyType = await importCsv(owner, projectId, csv, { name: "T3", key: "id", types: JSON.stringify({ id: "integer" }) });
    expect(keyType.status).toBe(422);
  });

  it("widens a column when a row after the sample does not fit the inferred type", async () => {
    const { owner, projectId } = await project();
    const lines = ["id,n,b"];
    for (let i = 0; i < 5200; i++) lines.push(`k${i},${i},${i % 2 ? "true" : "false"}`);
    lines.push("late,2.5,maybe");
    const res = await importCsv(owner, projectId, lines.join("\n"), { name: "Wide", key: "id" });
    expect(res.status).toBe(201);
    expect(res.body.rowCount).toBe(5201);
    expect(res.body.columns.map((c: { type: string }) => c.type)).toEqual(["text", "number", "text"]);
    const page = await rows(owner, res.body.id, "?sort=n&dir=desc&limit=1");
    expect(page.rows).toEqual([["k5199", 5199, "true"]]);
  });

  it("names a bad value far past the sample, with its line and column, and still widens around it", async () => {
    const { owner, projectId } = await project();
    const before = await datasetTables();
    const lines = ["id,n,when"];
    for (let i = 0; i < 5300; i++) lines.push(`k${i},${i},2024-01-${String((i % 28) + 1).padStart(2, "0")}`);
    // Line 5302: n widens to number; line 5303: a date the user fixed as date does not fit.
    lines.push("w,2.5,2024-02-01", "z,7,2024-02-30", "y,8,2024-03-01");
    const types = JSON.stringify({ when: "date" });
    const bad = await importCsv(owner, projectId, lines.join("\n"), { name: "Late", key: "id", types });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: "invalid_csv",
      message: 'Line 5303, column "when": "2024-02-30" is not a date (YYYY-MM-DD).',
      fields: { line: "5303", column: "when" },
    });
    expect(await datasetTables()).toEqual(before);

    lines.splice(5302, 1); // without the bad date, the late 2.5 only widens n
    lines.push('"a ""quoted"" key",99999,2024-03-02');
    const good = await importCsv(owner, projectId, lines.join("\n") + "\n\n", { name: "Late", key: "id", types });
    expect(good.status).toBe(201);
    expect(good.body.rowCount).toBe(5303);
    expect(good.body.columns.map((c: { type: string }) => c.type)).toEqual(["text", "number", "date"]);
    const page = await rows(owner, good.body.id, "?sort=n&dir=desc&limit=2");
    expect(page.rows).toEqual([['a "quoted" key', 99999, "2024-03-02"], ["k5299", 5299, "2024-01-08"]]);
  });

  it("holds values past the sample to the import's own spellings, not the database's wider ones", async () => {
    const { owner, projectId } = await project();
    const lines = ["id,flag,day,x"];
    for (let i = 0; i < 5100; i++) lines.push(`k${i},${i % 3 ? "yes" : "no"},2024-03-0${(i % 9) + 1},${i}.5`);
    lines.push("late,tr,01/02/2024,0x10"); // all three are fine to Postgres
    const res = await importCsv(owner, projectId, lines.join("\n"), { name: "Spellings", key: "id" });
    expect(res.status).toBe(201);
    expect(res.body.columns.map((c: { type: string }) => c.type)).toEqual(["text", "text", "text", "text"]);
    const late = await rows(owner, res.body.id, "?sort=id&dir=asc&limit=1");
    expect(late.rows[0]).toEqual(["k0", "no", "2024-03-01", "0.5"]);

    lines[lines.length - 1] = "late,tru,2024-03-01,1";
    const strict = await importCsv(owner, projectId, lines.join("\n"), { name: "Strict", key: "id", types: JSON.stringify({ flag: "boolean" }) });
    expect(strict.status).toBe(400);
    expect(strict.body.error.message).toMatch(/^Line 5102, column "flag": "tru" is not a boolean/);
  });

  it("reads what COPY would read otherwise as the JS reader does: a \\. line, blank lines", async () => {
    const { owner, projectId } = await project();
    const res = await importCsv(owner, projectId, "id\nx\n\\.\ny\n", { name: "Marks", key: "id" });
    expect(res.status).toBe(201);
    expect(res.body.rowCount).toBe(3);
    const keys = (await rows(owner, res.body.id)).rows.map((r: string[]) => r[0]);
    expect(keys.sort()).toEqual(["\\.", "x", "y"]);

    const blank = await importCsv(owner, projectId, "\r\n\r\nid,name\r\nx,y\r\n\r\nz,w\r\n", { name: "Blank lines", key: "id" });
    expect(blank.status).toBe(201);
    expect(blank.body.columns.map((c: { name: string }) => c.name)).toEqual(["id", "name"]);
    expect((await rows(owner, blank.body.id, "?sort=id")).rows).toEqual([["x", "y"], ["z", "w"]]);
  });

  it("refuses a file over MAX_DATASET_BYTES with 413 and imports nothing", async () => {
    const { owner, projectId } = await project();
    const before = await datasetTables();
    const big = "id,text\n" + Array.from({ length: 5000 }, (_, i) => `k${i},${"x".repeat(40)}`).join("\n");
    const res = await importCsv(owner, projectId, big, { name: "Big", key: "id" });
    expect(res.status).toBe(413);
    expect(await datasetTables()).toEqual(before);
  });

  it("is 401 without a session and 404 for a project or dataset you are not in", async () => {
    const { owner, projectId } = await project();
    const created = await importCsv(owner, projectId, "id,a\nx,1\n", { name: "Mine", key: "id" });
    const anonymous = await importCsv(new (owner.constructor as typeof ApiClient)(server.url), projectId, "id\nx\n", { name: "A", key: "id" });
    expect(anonymous.status).toBe(401);
    const stranger = (await signedUpClient(server.url, "Stranger")).client;
    expect((await importCsv(stranger, projectId, "id\nx\n", { name: "A", key: "id" })).status).toBe(404);
    expect((await stranger.get(`/api/v1/datasets/${created.body.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/datasets/${created.body.id}/rows`)).status).toBe(404);
    expect((await stranger.delete(`/api/v1/datasets/${created.body.id}`)).status).toBe(404);
  });

  it("deletes a dataset's table with it, and a project's tables with the project", async () => {
    const { owner, projectId } = await project();
    const before = await datasetTables();
    const a = await importCsv(owner, projectId, "id,a\nx,1\n", { name: "A", key: "id" });
    await importCsv(owner, projectId, "id,b\ny,2\n", { name: "B", key: "id" });
    expect((await datasetTables()).length).toBe(before.length + 2);
    expect((await owner.delete(`/api/v1/datasets/${a.body.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/datasets/${a.body.id}`)).status).toBe(404);
    expect((await datasetTables()).length).toBe(before.length + 1);
    expect((await owner.delete(`/api/v1/projects/${projectId}`)).status).toBe(204);
    expect(await datasetTables()).toEqual(before);
  });
});
