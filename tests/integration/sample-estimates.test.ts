import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designShare, type DesignStratum } from "~/lib/estimates/design-share";
import { ppiShare, type PpiStratum } from "~/lib/estimates/ppi";
import type { ShareOutcome } from "~/lib/estimates/types";
import { created, signedUpClient, type ApiClient } from "../setup/api-client";
import { importCsv } from "../setup/datasets";
import { estimatesExample, insertAppliedModel, OUT_OF_FOLD, scoreOf } from "../setup/sample-fixture";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
let owner: ApiClient;
let f: Awaited<ReturnType<typeof estimatesExample>>;
beforeAll(async () => {
  server = await startTestServer();
  owner = (await signedUpClient(server.url, "Owner")).client;
  f = await estimatesExample(server.database.handle.db, owner);
  // Seventeen documents and their codings through the API: slow on a busy two-core machine.
}, 120_000);
afterAll(() => server?.close());

const estimates = (query: string) => owner.get(`/api/v1/samples/${f.sampleId}/estimates?${query}`);

/** The API's figure against the library's, to the last digits. */
function expectFigure(actual: { estimate: number | null; low: number | null; high: number | null; reason?: string }, expected: ShareOutcome) {
  if (!expected.ok) {
    expect(actual).toMatchObject({ estimate: null, low: null, high: null, reason: expected.reason });
    return;
  }
  expect(actual.reason).toBeUndefined();
  expect(actual.estimate).toBeCloseTo(expected.estimate, 10);
  expect(actual.low).toBeCloseTo(expected.low, 10);
  expect(actual.high).toBeCloseTo(expected.high, 10);
}

// Worked out by hand from the fixture (tests/setup/sample-fixture.ts). K36's document is deleted
// and K9 is hand-picked, so neither counts; K8, K51 and K52 are not done.
const north = (positives: number): DesignStratum => ({ value: "North", population: 30, groupPopulation: 30, done: 7, groupDone: 7, groupPositives: positives });
const south = (positives: number): DesignStratum => ({ value: "South", population: 20, groupPopulation: 20, done: 5, groupDone: 5, groupPositives: positives });
const east: DesignStratum = { value: "East", population: 10, groupPopulation: 10, done: 0, groupDone: 0, groupPositives: 0 };

describe("sample-only estimates", () => {
  it("gives each stratum the design share and its Wilson interval, and a reason for a stratum nobody coded", async () => {
    const res = await estimates(`codeId=${f.price.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ codeId: f.price.id, method: "sample" });
    const [n, s, e] = res.body.groups;
    expect(res.body.groups.map((g: any) => [g.value, g.population, g.done, g.positives])).toEqual([
      ["North", 30, 7, 2],
      ["South", 20, 5, 3],
      ["East", 10, 0, 0],
    ]);
    expectFigure(n, designShare([north(2)]));
    expectFigure(s, designShare([south(3)]));
    expect(e).toMatchObject({ estimate: null, low: null, high: null, reason: "No coded rows in this stratum yet." });
    // The whole table touches East too: no number, and the reason names the stratum.
    expect(res.body.overall).toMatchObject({ population: 60, done: 12, positives: 5, estimate: null });
    expect(res.body.overall.reason).toBe('Stratum "East" has 0 coded rows; each stratum needs at least 2.');
    expectFigure(res.body.overall, designShare([north(2), south(3), east]));
  });

  it("estimates in saved segments by domain estimation, with the segment's rows of the table as its population", async () => {
    const res = await estimates(`codeId=${f.price.id}&by=${f.notEast.id},${f.churned.id}`);
    expect(res.status).toBe(200);
    const [notEast, churned] = res.body.groups;
    expect(notEast).toMatchObject({ value: f.notEast.id, label: "Not East", population: 50, done: 12, positives: 5 });
    expectFigure(notEast, designShare([north(2), south(3), { ...east, groupPopulation: 0 }]));
    expect(notEast.estimate).toBeGreaterThan(0);
    // Churned: every third row (K3, K6 … in North, K33 … in South, four in East); only 3 done in it.
    expect(churned).toMatchObject({ population: 20, done: 3, positives: 1, estimate: null });
    expect(churned.reason).toBe("Only 3 coded rows here; an estimate needs at least 5.");
  });

  it("counts sub-codes in their parents only when asked, as the matrix does", async () => {
    const own = await estimates(`codeId=${f.price.id}&by=${f.notEast.id}`);
    const withSub = await estimates(`codeId=${f.price.id}&by=${f.notEast.id}&subcodes=true`);
    expect(own.body.groups[0].positives).toBe(5);
    expect(withSub.body.groups[0].positives).toBe(7);
    expectFigure(withSub.body.groups[0], designShare([north(3), south(4), { ...east, groupPopulation: 0 }]));
  });

  it("answers every code at once for the matrix, in codebook order, zeros included", async () => {
    const res = await estimates(`by=${f.notEast.id}`);
    expect(res.status).toBe(200);
    expect(res.body.estimates.map((e: any) => [e.codeId, e.groups[0].positives])).toEqual([
      [f.price.id, 5],
      [f.support.id, 2],
      [f.unused.id, 0],
    ]);
    expectFigure(res.body.estimates[2].groups[0], designShare([north(0), south(0), { ...east, groupPopulation: 0 }]));
  });
});

describe("model-assisted estimates", () => {
  it("answers 409 no_model while the code has no applied model", async () => {
    const res = await estimates(`codeId=${f.price.id}&method=model`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("no_model");
  });

  it("corrects the model's scores with out-of-fold predictions on the coded rows (cross-PPI), beside the sample-only figure", async () => {
    await insertAppliedModel(server.database.handle.db, {
      projectId: f.projectId,
      sampleId: f.sampleId,
      codeId: f.price.id,
      column: "price_score",
      outOfFold: OUT_OF_FOLD,
    });
    const res = await estimates(`codeId=${f.price.id}&method=model&by=${f.notEast.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ method: "model", modelColumn: "price_score" });
    // Coded rows: their out-of-fold score where the model was trained on them, else the column's.
    const predict = (i: number) => OUT_OF_FOLD[`K${i}`] ?? scoreOf(i);
    const uncoded = (keys: number[]) => ({
      count: keys.length,
      sum: keys.reduce((a, i) => a + scoreOf(i), 0),
      sumOfSquares: keys.reduce((a, i) => a + scoreOf(i) ** 2, 0),
    });
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);
    const northPpi: PpiStratum = {
      value: "North",
      population: 30,
      labels: [1, 1, 0, 0, 0, 0, 0],
      predictions: range(1, 7).map(predict),
      unlabelled: uncoded(range(8, 30)),
    };
    const southPpi: PpiStratum = {
      value: "South",
      population: 20,
      labels: [1, 0, 1, 0, 1],
      predictions: range(31, 35).map(predict),
      unlabelled: uncoded(range(36, 50)),
    };
    const group = res.body.groups[0];
    const expected = ppiShare([northPpi, southPpi]).outcome;
    expectFigure(group, expected);
    expectFigure(group.sampleOnly, designShare([north(2), south(3), { ...east, groupPopulation: 0 }]));
    const width = (x: any) => x.high - x.low;
    expect(group.used).toBe(width(group) < width(group.sampleOnly) ? "model" : "sample");

    const byStrata = await estimates(`codeId=${f.price.id}&method=model`);
    const [n, , e] = byStrata.body.groups;
    expectFigure(n, ppiShare([northPpi]).outcome);
    expect(e).toMatchObject({ estimate: null, reason: "No coded rows in this stratum yet.", sampleOnly: { estimate: null } });
    expect(byStrata.body.overall.estimate).toBeNull();
  });

  it("answers the matrix's all-codes call with the model where one is applied and the sample elsewhere", async () => {
    const res = await estimates(`method=model&by=${f.notEast.id}`);
    expect(res.status).toBe(200);
    expect(res.body.estimates.map((e: any) => e.method)).toEqual(["model", "sample", "sample"]);
  });
});

describe("bad input and other projects' ids", () => {
  it("answers 422 for a bad by or method, 404 for unknown or foreign samples, codes and segments", async () => {
    for (const q of ["method=guess", "by=", "by=a,b;drop", `codeId=${f.price.id}&method=`]) {
      const res = await estimates(q);
      expect(res.status, q).toBe(422);
      expect(res.body.error.code).toBe("invalid_request");
    }
    expect((await owner.get(`/api/v1/samples/nope/estimates`)).status).toBe(404);
    expect((await estimates("codeId=nope")).status).toBe(404);
    expect((await estimates("by=nope")).status).toBe(404);
    const other = await estimatesExample(server.database.handle.db, owner, "Another");
    for (const q of [`codeId=${other.price.id}`, `by=${other.notEast.id}`]) {
      const res = await estimates(q);
      expect(res.status, q).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    // A segment of this project over another dataset cannot be estimated from this sample.
    const people = await importCsv(owner, f.projectId, "People", "id", "id,age\nP1,30\nP2,40\n");
    const old = await created(owner, `/api/v1/projects/${f.projectId}/segments`, {
      datasetId: people.id,
      name: "Old",
      filter: { all: [{ column: "age", op: "gt", value: 35 }] },
    });
    const res = await estimates(`by=${old.id}`);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain("another dataset");
  });
});

it("is described in the OpenAPI document", async () => {
  const doc = (await owner.get("/api/v1/openapi.json")).body;
  const op = doc.paths["/api/v1/samples/{sampleId}/estimates"].get;
  expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "404", "409", "422"]));
  expect(doc.components.schemas.CodeEstimates.required).toEqual(["codeId", "method", "overall", "groups"]);
});

describe("the matrix page's estimated view", () => {
  const page = async (path: string) => {
    const res = await fetch(server.url + path, { headers: { cookie: owner.cookie! }, redirect: "manual" });
    expect(res.status, path).toBe(200);
    return (await res.text()).replace(/<!-- -->/g, "");
  };

  it("offers both views as links, and shows shares with intervals or the reason there is none", async () => {
    const counted = await page(`/projects/${f.projectId}/matrix`);
    expect(counted).toContain("Counted in coded documents");
    expect(counted).toMatch(/href="[^"]*\/matrix\?view=estimated&amp;subcodes=1"[^>]*>Estimated in all rows/);
    const estimated = await page(`/projects/${f.projectId}/matrix?view=estimated&subcodes=0`);
    expect(estimated).toContain("From the done documents of sample <strong>Calls sample</strong>");
    // Price in "Not East", sample-only: the same figure as the API's, as a percentage.
    const api = (await estimates(`codeId=${f.price.id}&by=${f.notEast.id}`)).body.groups[0];
    expect(estimated).toContain(`<strong>${Math.round(api.estimate * 100)}%</strong>`);
    expect(estimated).toContain("Only 3 coded rows here; an estimate needs at least 5.");
    expect(estimated).toContain("5 of 12 coded");
  });
});
