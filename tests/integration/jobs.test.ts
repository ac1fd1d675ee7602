import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../db/schema";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { modelFixture, waitForJob } from "../setup/model-fixture";
import { createTestDatabase, type TestDatabase } from "../setup/test-db";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.close());

describe("GET /api/v1/jobs/:jobId and the project's list", () => {
  it("shows a job to its project's members only; another project's job is a 404", async () => {
    const f = await modelFixture(server);
    const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
    const job = await waitForJob(f.owner.client, res.body.jobId);
    expect(Object.keys(job)).toEqual(expect.arrayContaining(["id", "kind", "status", "progress", "result"]));
    expect(job).not.toHaveProperty("error");

    const list = await f.owner.client.get(`/api/v1/projects/${f.projectId}/jobs`);
    expect(list.status).toBe(200);
    expect(list.body.jobs).toEqual([expect.objectContaining({ id: job.id, kind: "model.train", status: "done" })]);

    const stranger = await signedUpClient(server.url, "Stranger");
    expect((await stranger.client.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
    expect((await stranger.client.delete(`/api/v1/jobs/${job.id}`)).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/projects/${f.projectId}/jobs`)).status).toBe(404);
    expect((await f.owner.client.get(`/api/v1/jobs/no-such-job`)).status).toBe(404);
  }, 120_000);

  it("cancels a queued job at once (202), and a finished job stays as it was", async () => {
    const f = await modelFixture(server);
    await server.services.jobs.stop();
    let jobId: string;
    try {
      const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
      jobId = res.body.jobId;
      const cancel = await f.owner.client.delete(`/api/v1/jobs/${jobId}`);
      expect(cancel.status).toBe(202);
      expect(cancel.body.status).toBe("cancelled");
    } finally {
      await server.services.jobs.start();
    }
    expect((await f.owner.client.get(`/api/v1/jobs/${jobId}`)).body.status).toBe("cancelled");
    const again = await f.owner.client.delete(`/api/v1/jobs/${jobId}`);
    expect(again.status).toBe(202);
    expect(again.body.status).toBe("cancelled");
  }, 120_000);
});

describe("cancelling a running model job", () => {
  const previous = process.env.THICKET_SCORE_BATCH;
  beforeAll(() => {
    process.env.THICKET_SCORE_BATCH = "5";
  }, 120_000);
  afterAll(() => {
    if (previous === undefined) delete process.env.THICKET_SCORE_BATCH;
    else process.env.THICKET_SCORE_BATCH = previous;
  }, 120_000);

  it("ends cancelled between batches and leaves no column and no staging table", async () => {
    const f = await modelFixture(server, { rows: 3000, sampled: 30 });
    const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
    const jobId = res.body.jobId as string;
    // Cancel once it runs (600 batches of 5 rows: it is still training or scoring then).
    for (;;) {
      const job = (await f.owner.client.get(`/api/v1/jobs/${jobId}`)).body;
      expect(["queued", "running"]).toContain(job.status);
      if (job.status === "running") break;
    }
    expect((await f.owner.client.delete(`/api/v1/jobs/${jobId}`)).status).toBe(202);
    const job = await waitForJob(f.owner.client, jobId);
    expect(job.status).toBe("cancelled");
    expect(job.progress).toBeLessThan(1);
    const dataset = await f.owner.client.get(`/api/v1/datasets/${f.dataset.id}`);
    expect(dataset.body.columns.map((c: { name: string }) => c.name)).toEqual(["id", "region", "note"]);
    const staged = (await server.database.handle.db.execute(
      sql`select 1 from information_schema.tables where table_schema = 'datasets' and table_name like 'stage_%'`,
    )) as unknown as { rows: unknown[] };
    expect(staged.rows).toHaveLength(0);
  }, 120_000);
});

describe("durability across a restart", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(() => database?.drop());

  it("fails a job a crashed server left running and runs the ones it left queued", async () => {
    const first = await startTestServer({ database });
    const f = await modelFixture(first);
    // A crash mid-job: the row says running and no worker holds it. Another was still queued.
    const [running] = await database.handle.db
      .insert(jobs)
      .values({ projectId: f.projectId, kind: "model.train", status: "running", progress: 0.4, input: { sampleId: f.sampleId, codeId: f.codeId }, startedAt: new Date() })
      .returning();
    await first.services.jobs.stop();
    const post = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
    expect(post.status).toBe(202);
    await first.close();

    const second = await startTestServer({ database });
    try {
      const [failed] = await database.handle.db.select().from(jobs).where(eq(jobs.id, running!.id));
      expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/server stopped while this job was running/) });
      expect(failed!.finishedAt).not.toBeNull();
      const client = new ApiClient(second.url);
      client.cookie = f.owner.client.cookie;
      const resumed = await waitForJob(client, post.body.jobId);
      expect(resumed.status).toBe("done");
    } finally {
      await second.close();
    }
  }, 120_000);
});
