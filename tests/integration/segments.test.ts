import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { importCsv } from "../setup/datasets";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/**
 * Six customers. Empty cells are nulls: C003 has no spend, C005 no calls and no churn flag.
 * Notes hold the characters LIKE treats specially, and an injection attempt as plain data.
 */
const CUSTOMERS = [
  "customer_id,plan,calls_90d,spend,churned,joined,notes",
  "C001,Gold,5,120.5,true,2023-01-15,wants 50% off",
  "C002,Silver,0,80,false,2023-06-01,asked about under_score",
  "C003,Gold,2,,true,2024-02-29,",
  "C004,Basic,7,35.25,false,2022-11-30,Refund please",
  "C005,Silver,,60,,2024-01-01,called twice",
  "C006,Basic,1,10,true,2023-09-09,'; drop table users; --",
].join("\n");

async function fixture() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Customers" });
  const dataset = await importCsv(owner.client, project.id, "Customers", "customer_id", `${CUSTOMERS}\n`);
  return { owner, projectId: project.id as string, dataset };
}

let shared: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  shared = await fixture();
});

const preview = (client: ApiClient, projectId: string, datasetId: string, filter: unknown) =>
  client.post(`/api/v1/projects/${projectId}/segments/preview`, { datasetId, filter });

async function sizeOf(filter: unknown) {
  const res = await preview(shared.owner.client, shared.projectId, shared.dataset.id, filter);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.size as number;
}

const where = (column: string, op: string, value?: unknown) => ({ all: [{ column, op, value }] });

describe("segment filters", () => {
  it("imports the fixture with the types the filters rely on", () => {
    expect(shared.dataset.columns).toEqual([
      { name: "customer_id", type: "text" },
      { name: "plan", type: "text" },
      { name: "calls_90d", type: "integer" },
      { name: "spend", type: "number" },
      { name: "churned", type: "boolean" },
      { name: "joined", type: "date" },
      { name: "notes", type: "text" },
    ]);
  });

  it.each<[string, unknown, number]>([
    ["eq on text", where("plan", "eq", "Gold"), 2],
    ["neq on text", where("plan", "neq", "Gold"), 4],
    ["lt on an integer", where("calls_90d", "lt", 2), 2],
    ["lte on an integer", where("calls_90d", "lte", 2), 3],
    ["gt on an integer", where("calls_90d", "gt", 2), 2],
    ["gte on a number", where("spend", "gte", 60), 3],
    ["in on text", where("plan", "in", ["Gold", "Basic"]), 4],
    ["in on integers", where("calls_90d", "in", [0, 1, 2]), 3],
    ["contains, case-insensitive", where("notes", "contains", "REFUND"), 1],
    ["contains with % matching itself", where("notes", "contains", "%"), 1],
    ["contains with _ matching itself", where("notes", "contains", "_"), 1],
    ["is_null", where("spend", "is_null"), 1],
    ["not_null", where("calls_90d", "not_null"), 5],
    ["eq on a boolean", where("churned", "eq", true), 3],
    ["eq false on a boolean", where("churned", "eq", false), 2],
    ["neq on a boolean counts the empty cell as not true", where("churned", "neq", true), 3],
    ["gte on a date", where("joined", "gte", "2024-01-01"), 2],
    ["lt on a date", where("joined", "lt", "2023-01-15"), 1],
    ["eq on a leap day", where("joined", "eq", "2024-02-29"), 1],
    ["an empty group is every row", { all: [] }, 6],
    ["an empty any group is every row too", { any: [] }, 6],
  ])("%s", async (_label, filter, size) => {
    expect(await sizeOf(filter)).toBe(size);
  });

  it("nests an any group inside an all group", async () => {
    // Churned, and either on the Basic plan or spending over 100: C001 (120.5) and C006 (Basic).
    const filter = {
      all: [
        { column: "churned", op: "eq", value: true },
        { any: [{ column: "plan", op: "eq", value: "Basic" }, { column: "spend", op: "gt", value: 100 }] },
      ],
    };
    expect(await sizeOf(filter)).toBe(2);
    expect(await sizeOf({ any: [{ all: [{ column: "plan", op: "eq", value: "Gold" }, { column: "calls_90d", op: "lt", value: 3 }] }, { column: "spend", op: "lt", value: 20 }] })).toBe(2);
  });

  it("treats injection attempts in values as data and refuses them as column names, leaving users intact", async () => {
    expect(await sizeOf(where("notes", "eq", "'; drop table users; --"))).toBe(1);
    expect(await sizeOf(where("plan", "eq", "Gold' or '1'='1"))).toBe(0);
    expect(await sizeOf(where("notes", "contains", "%' or 1=1 --"))).toBe(0);
    for (const column of ['"x"; drop table users; --', 'plan" = plan or "1', "plan; select 1"]) {
      const res = await preview(shared.owner.client, shared.projectId, shared.dataset.id, where(column, "eq", "Gold"));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("invalid_filter");
      expect(res.body.error.message).toContain(`no column "${column}"`);
    }
    // The users table is still there: the owner's session works and a new person can sign up.
    expect((await shared.owner.client.get("/api/v1/me")).status).toBe(200);
    await signedUpClient(server.url, "After");
  });

  it.each<[string, unknown, string]>([
    ["an unknown column", where("tenure", "gt", 1), 'This dataset has no column "tenure"'],
    ["an unknown op", where("plan", "like", "G%"), 'Unknown op "like"'],
    ["a string for an integer", where("calls_90d", "gt", "3"), '"calls_90d" is an integer column: the value must be a whole number, not "3"'],
    ["a fraction for an integer", where("calls_90d", "eq", 2.5), "whole number"],
    ["a number for a date", where("joined", "gt", 20240101), "a date written YYYY-MM-DD"],
    ["an impossible date", where("joined", "eq", "2023-02-29"), "a date written YYYY-MM-DD"],
    ["a string for a boolean", where("churned", "eq", "yes"), "must be true or false"],
    ["lt on a boolean", where("churned", "lt", true), '"lt" compares numbers and dates; "churned" is a boolean column'],
    ["contains on a number", where("spend", "contains", "1"), '"contains" searches text; "spend" is a number column'],
    ["an empty in list", where("plan", "in", []), '"in" on "plan" needs a list'],
    ["a value on is_null", where("plan", "is_null", "x"), "takes no value"],
    ["no value on eq", where("plan", "eq"), "needs a value"],
    ["a bare condition", { column: "plan", op: "eq", value: "Gold" }, "a group at the top"],
  ])("refuses %s with a 422 that says what is wrong", async (_label, filter, message) => {
    const res = await preview(shared.owner.client, shared.projectId, shared.dataset.id, filter);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_filter");
    expect(res.body.error.message).toContain(message);
  });
});

describe("segments", () => {
  it("saves a segment with its size and numbers inside vs outside, computed by hand", async () => {
    const { owner, projectId, dataset } = shared;
    const filter = where("churned", "eq", true);
    const created = await owner.client.post(`/api/v1/projects/${projectId}/segments`, { datasetId: dataset.id, name: "Churned", filter });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: "Churned", size: 3 });

    const got = await owner.client.get(`/api/v1/segments/${created.body.id}`);
    expect(got.status).toBe(200);
    // API.md's fields exactly; the extras are allowed additions.
    expect(got.body).toMatchObject({ id: created.body.id, name: "Churned", datasetId: dataset.id, filter, size: 3 });
    expect(Object.keys(got.body.stats).sort()).toEqual(["calls_90d", "spend"]);
    // Inside: C001 (5 calls, 120.5), C003 (2 calls, no spend), C006 (1 call, 10).
    const { calls_90d: calls, spend } = got.body.stats;
    expect(calls.mean).toBeCloseTo(8 / 3, 10);
    expect(calls).toMatchObject({ median: 2, min: 1, max: 5 });
    expect(spend).toMatchObject({ mean: 65.25, median: 65.25, min: 10, max: 120.5 });
    // Outside: C002 (0, 80), C004 (7, 35.25), C005 (no calls, 60).
    const byColumn = Object.fromEntries(got.body.comparison.map((c: any) => [c.column, c]));
    expect(byColumn.calls_90d.outside).toBeCloseTo(3.5, 10);
    expect(byColumn.calls_90d.difference).toBeCloseTo(8 / 3 - 3.5, 10);
    expect(byColumn.spend.outside).toBeCloseTo((80 + 35.25 + 60) / 3, 10);
    expect(got.body.description).toBe("churned is true");

    const listed = await owner.client.get(`/api/v1/projects/${projectId}/segments`);
    expect(listed.body.segments.map((s: any) => [s.name, s.size, s.datasetRows])).toContainEqual(["Churned", 3, 6]);
  });

  it("refuses a second segment of the same name with a 409, and a dataset of another project with a 404", async () => {
    const { owner, projectId, dataset } = await fixture();
    const post = (body: object) => owner.client.post(`/api/v1/projects/${projectId}/segments`, body);
    expect((await post({ datasetId: dataset.id, name: "Gold", filter: where("plan", "eq", "Gold") })).status).toBe(201);
    const again = await post({ datasetId: dataset.id, name: "Gold", filter: where("plan", "eq", "Basic") });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("duplicate_name");

    const other = await fixture();
    const foreign = await post({ datasetId: other.dataset.id, name: "Theirs", filter: { all: [] } });
    expect(foreign.status).toBe(404);
    const bad = await post({ datasetId: dataset.id, name: "Bad", filter: where("nope", "eq", 1) });
    expect(bad.status).toBe(422);
    expect((await post({ datasetId: dataset.id, name: "No filter" })).status).toBe(400);
  });

  it("recomputes size and numbers when the filter changes, renames, refuses a taken name, and deletes", async () => {
    const { owner, projectId, dataset } = await fixture();
    const post = (name: string, filter: unknown) => owner.client.post(`/api/v1/projects/${projectId}/segments`, { datasetId: dataset.id, name, filter });
    const seg = (await post("Heavy callers", where("calls_90d", "gte", 5))).body;
    await post("Taken", { all: [] });
    expect(seg.size).toBe(2);

    const patched = await owner.client.patch(`/api/v1/segments/${seg.id}`, { filter: where("calls_90d", "gte", 1) });
    expect(patched.status).toBe(200);
    expect(patched.body.size).toBe(4);
    const got = (await owner.client.get(`/api/v1/segments/${seg.id}`)).body;
    expect(got).toMatchObject({ size: 4, filter: where("calls_90d", "gte", 1) });
    expect(got.stats.calls_90d).toMatchObject({ mean: 15 / 4, min: 1, max: 7 });

    expect((await owner.client.patch(`/api/v1/segments/${seg.id}`, { name: "Callers" })).body.name).toBe("Callers");
    expect((await owner.client.patch(`/api/v1/segments/${seg.id}`, { name: "Taken" })).status).toBe(409);
    expect((await owner.client.patch(`/api/v1/segments/${seg.id}`, { filter: where("calls_90d", "gte", "x") })).status).toBe(422);

    expect((await owner.client.delete(`/api/v1/segments/${seg.id}`)).status).toBe(204);
    expect((await owner.client.get(`/api/v1/segments/${seg.id}`)).status).toBe(404);
  });

  it("lets coders read segments but only owners and researchers define them; outsiders get a 404", async () => {
    const { owner, projectId, dataset } = shared;
    const coder = await signedUpClient(server.url, "Coder");
    await owner.client.post(`/api/v1/projects/${projectId}/members`, { email: coder.user.email, role: "coder" });
    const segment = (
      await owner.client.post(`/api/v1/projects/${projectId}/segments`, { datasetId: dataset.id, name: "Readable", filter: { all: [] } })
    ).body;
    expect((await coder.client.get(`/api/v1/segments/${segment.id}`)).status).toBe(200);
    const attempt = await coder.client.post(`/api/v1/projects/${projectId}/segments`, { datasetId: dataset.id, name: "Mine", filter: { all: [] } });
    expect(attempt.status).toBe(403);
    expect((await coder.client.delete(`/api/v1/segments/${segment.id}`)).status).toBe(403);

    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await stranger.client.get(`/api/v1/segments/${segment.id}`)).status).toBe(404);
    expect((await stranger.client.patch(`/api/v1/segments/${segment.id}`, { name: "x" })).status).toBe(404);
  });
});
