/**
 * CSV files built to break the dataset import (10,000 columns, one 50 MB field, bytes that are
 * not UTF-8) get a 4xx that says what to change, and leave no table behind, on both databases
 * (Postgres loads through COPY, PGlite through the JS reader).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let owner: ApiClient;
let projectId: string;
beforeAll(async () => {
  server = await startTestServer({ config: (c) => ({ ...c, maxDatasetBytes: 200 * 1024 * 1024 }) });
  owner = (await signedUpClient(server.url, "Analyst")).client;
  projectId = (await owner.post("/api/v1/projects", { name: "Numbers" })).body.id;
}, 120_000);
afterAll(() => server?.close());

async function importCsv(body: string | Uint8Array, path = `/api/v1/projects/${projectId}/datasets?name=${Math.random()}&key=id`) {
  const res = await fetch(server.url + path, {
    method: "POST",
    headers: { "content-type": "text/csv", cookie: owner.cookie! },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function datasetTables(): Promise<string[]> {
  const result = (await server.services.db.execute(
    "select table_name from information_schema.tables where table_schema = 'datasets'" as never,
  )) as unknown as { rows: { table_name: string }[] };
  return result.rows.map((r) => r.table_name);
}

const datasetCount = async () => (await owner.get(`/api/v1/projects/${projectId}/datasets`)).body.datasets.length as number;

describe("hostile CSV uploads", () => {
  it("refuses 10,000 columns with a 400 naming the limit, on import and on preview", async () => {
    const header = ["id", ...Array.from({ length: 9_999 }, (_, i) => `c${i}`)].join(",");
    const row = ["a", ...Array.from({ length: 9_999 }, () => "1")].join(",");
    const tables = await datasetTables();
    const res = await importCsv(`${header}\n${row}\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toEqual({ code: "too_many_columns", message: "The header row has 10,000 columns; a dataset holds at most 1,000." });
    expect(await datasetTables()).toEqual(tables);
    expect(await datasetCount()).toBe(0);

    const preview = await importCsv(`${header}\n${row}\n`, `/api/v1/projects/${projectId}/datasets/preview`);
    expect(preview.status).toBe(400);
    expect(preview.body.error.code).toBe("too_many_columns");
  });

  it("takes exactly 1,000 columns", async () => {
    const header = ["id", ...Array.from({ length: 999 }, (_, i) => `c${i}`)].join(",");
    const row = ["a", ...Array.from({ length: 999 }, () => "1")].join(",");
    const res = await importCsv(`${header}\n${row}\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.columns).toHaveLength(1000);
  });

  it("refuses a 50 MB field with a 400 naming its line and column", async () => {
    const tables = await datasetTables();
    const before = await datasetCount();
    const res = await importCsv(`id,note\na,short\nb,"${"x".repeat(50 * 1024 * 1024)}"\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.message).toMatch(/^Line 3(, column "note")?: a record is longer than 1 MB/);
    expect(await datasetTables()).toEqual(tables);
    expect(await datasetCount()).toBe(before);
  });

  it("refuses bytes that are not UTF-8 with a 400 that says how to save the file", async () => {
    const tables = await datasetTables();
    const before = await datasetCount();
    const latin1 = Buffer.concat([Buffer.from("id,city\na,Leeds\nb,"), Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]), Buffer.from("\n")]);
    const res = await importCsv(latin1);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.message).toBe("Line 3: the file is not UTF-8 text. Save it as “CSV UTF-8” and import it again.");
    expect(await datasetTables()).toEqual(tables);
    expect(await datasetCount()).toBe(before);
  });
});
