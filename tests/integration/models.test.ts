import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeModels } from "../../db/schema";
import { modelFixture, waitForJob, type ModelFixture } from "../setup/model-fixture";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.close());

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await server.database.handle.db.execute(query)) as unknown as { rows: T[] }).rows;

async function datasetTable(datasetId: string) {
  const [row] = await rows<{ table_name: string }>(sql`select table_name from datasets where id = ${datasetId}`);
  return row!.table_name;
}

describe("POST /api/v1/samples/:sampleId/models", () => {
  it("answers 422 not_enough_examples with how many more of each are needed", async () => {
    // 8 done: rows 0–7, four about refunds and four not.
    const f = await modelFixture(server, { sampled: 12, done: 8 });
    const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("not_enough_examples");
    expect(res.body.error.message).toMatch(/4 with and 4 without/);
    expect(res.body.error.message).toMatch(/6 more with the code and 6 more without it/);
    expect(res.body.error.fields).toMatchObject({ positives: "4", negatives: "4", morePositivesNeeded: "6", moreNegativesNeeded: "6" });
    const jobs = await f.owner.client.get(`/api/v1/projects/${f.projectId}/jobs`);
    expect(jobs.body.jobs).toEqual([]);
  }, 120_000);

  it("answers 404 for a code of another project and 400 without a codeId", async () => {
    const f = await modelFixture(server, { sampled: 2 });
    const other = await modelFixture(server, { sampled: 2 });
    expect((await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: other.codeId })).status).toBe(404);
    expect((await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, {})).status).toBe(400);
    expect((await f.owner.client.post(`/api/v1/samples/nope/models`, { codeId: f.codeId })).status).toBe(404);
  }, 120_000);

  let trained: ModelFixture;
  it("trains, cross-validates and writes a probability for every row as a new number column", async () => {
    const f = (trained = await modelFixture(server, { rows: 120, sampled: 30 }));
    const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
    expect(res.status).toBe(202);
    const job = await waitForJob(f.owner.client, res.body.jobId);
    expect(job).toMatchObject({ id: res.body.jobId, kind: "model.train", status: "done", progress: 1 });
    const result = job.result;
    expect(result).toMatchObject({ codeId: f.codeId, trainedOn: 30, scored: 120, column: `p_${f.codeName}` });
    expect(result.cv.f1).toBeGreaterThan(0.9);
    for (const k of ["precision", "recall", "f1"]) expect(result.cv[k]).toBeLessThanOrEqual(1);

    const dataset = await f.owner.client.get(`/api/v1/datasets/${f.dataset.id}`);
    expect(dataset.body.columns).toContainEqual({ name: `p_${f.codeName}`, type: "number" });

    const [model] = await server.database.handle.db.select().from(codeModels).where(sql`${codeModels.id} = ${result.modelId}`);
    expect(model).toMatchObject({ sampleId: f.sampleId, codeId: f.codeId, trainedOn: 30, positives: 15, jobId: job.id, column: `p_${f.codeName}` });
    expect(Object.keys(model!.outOfFold)).toHaveLength(30);
    expect(model!.model.length).toBeGreaterThan(0);
    expect(model!.appliedAt).not.toBeNull();

    // Every row has a probability, and the refund rows (even ones) score higher.
    const table = await datasetTable(f.dataset.id);
    const sqlName = "p_" + f.codeName.toLowerCase().replace(/[^a-z0-9_]/g, "_");
    const scores = await rows<{ id: string; p: number | null }>(
      sql`select id, ${sql.identifier(sqlName)}::float8 as p from ${sql.identifier("datasets")}.${sql.identifier(table)} order by id`,
    );
    expect(scores).toHaveLength(120);
    for (const s of scores) {
      expect(s.p).not.toBeNull();
      expect(s.p!).toBeGreaterThanOrEqual(0);
      expect(s.p!).toBeLessThanOrEqual(1);
    }
    const right = scores.filter((s, i) => s.p! > 0.5 === (i % 2 === 0)).length;
    expect(right / scores.length).toBeGreaterThan(0.9);

    // The column can be read like any other: the rows API and a segment filter on it.
    const page = await f.owner.client.get(`/api/v1/datasets/${f.dataset.id}/rows?limit=5`);
    expect(page.status).toBe(200);
    expect(page.body.columns.map((c: { name: string }) => c.name)).toContain(`p_${f.codeName}`);

    // No staging table is left behind.
    const staged = await rows(sql`select 1 from information_schema.tables where table_schema = 'datasets' and table_name like 'stage_%'`);
    expect(staged).toHaveLength(0);
  }, 120_000);

  it("lists the sample's models with cv, terms, column and appliedAt", async () => {
    const f = trained;
    const res = await f.owner.client.get(`/api/v1/samples/${f.sampleId}/models`);
    expect(res.status).toBe(200);
    expect(res.body.models).toHaveLength(1);
    const [m] = res.body.models;
    expect(m).toMatchObject({ sampleId: f.sampleId, codeId: f.codeId, trainedOn: 30, positives: 15, column: `p_${f.codeName}` });
    expect(m.terms.for.length).toBeGreaterThan(0);
    expect(m.terms.for.length).toBeLessThanOrEqual(20);
    expect(m.terms.for.map((t: { term: string }) => t.term)).toContain("refund");
    expect(m.terms.against.length).toBeGreaterThan(0);
    expect(typeof m.appliedAt).toBe("string");
    expect(m).not.toHaveProperty("model");
    expect(m).not.toHaveProperty("outOfFold");
  }, 120_000);

  it("replaces its own column when the code is learnt again, adding no second one", async () => {
    const f = trained;
    const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
    const job = await waitForJob(f.owner.client, res.body.jobId);
    expect(job.status).toBe("done");
    expect(job.result.column).toBe(`p_${f.codeName}`);
    const dataset = await f.owner.client.get(`/api/v1/datasets/${f.dataset.id}`);
    expect(dataset.body.columns.filter((c: { name: string }) => c.name.startsWith("p_"))).toHaveLength(1);
  }, 120_000);

  it("fails the job clearly when the dataset is deleted before it runs, writing nothing", async () => {
    const f = await modelFixture(server, { rows: 40, sampled: 30 });
    // Queue the job, then delete the dataset before it runs: the job must say what happened.
    await server.services.jobs.stop();
    try {
      const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
      expect(res.status).toBe(202);
      expect((await f.owner.client.delete(`/api/v1/datasets/${f.dataset.id}`)).status).toBe(204);
      await server.services.jobs.start();
      const job = await waitForJob(f.owner.client, res.body.jobId);
      expect(job.status).toBe("failed");
      expect(job.error).toMatch(/was deleted/);
    } finally {
      await server.services.jobs.start();
    }
  }, 120_000);
});
