import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoles, type ProjectRole } from "../../db/roles";
import { ApiClient, created, signedUpClient } from "../setup/api-client";
import { modelFixture, waitForJob, type ModelFixture } from "../setup/model-fixture";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The job and model routes for every role (permissions.ts: `jobs:read` for owner, researcher
 * and coder; `models:train` for owner and researcher), a non-member (404) and no session (401).
 */
let server: TestServer;
let f: ModelFixture;
let jobId: string;
let emptyCodeId: string;
beforeAll(async () => {
  server = await startTestServer();
  f = await modelFixture(server);
  const res = await f.owner.client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId });
  jobId = res.body.jobId;
  await waitForJob(f.owner.client, jobId, 100_000);
  // A code with no codings: a permitted POST gets past authorization to the 422.
  emptyCodeId = (await created(f.owner.client, `/api/v1/projects/${f.projectId}/codes`, { name: "Unused" })).id;
}, 120_000);
afterAll(() => server?.close());

const reads: ProjectRole[] = ["owner", "researcher", "coder"];
const trains: ProjectRole[] = ["owner", "researcher"];

async function member(role: ProjectRole): Promise<ApiClient> {
  if (role === "owner") return f.owner.client;
  const person = await signedUpClient(server.url, role);
  await created(f.owner.client, `/api/v1/projects/${f.projectId}/members`, { email: person.user.email, role });
  return person.client;
}

describe.each(projectRoles)("as %s", (role) => {
  let client: ApiClient;
  beforeAll(async () => {
    client = await member(role);
  });
  const read = reads.includes(role) ? 200 : 403;

  it(`GET a job, the project's jobs and the sample's models: ${read}`, async () => {
    expect((await client.get(`/api/v1/jobs/${jobId}`)).status).toBe(read);
    expect((await client.get(`/api/v1/projects/${f.projectId}/jobs`)).status).toBe(read);
    expect((await client.get(`/api/v1/samples/${f.sampleId}/models`)).status).toBe(read);
  });

  it(`POST a model and DELETE a model job: ${trains.includes(role) ? "allowed" : 403}`, async () => {
    const post = await client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: emptyCodeId });
    expect(post.status).toBe(trains.includes(role) ? 422 : 403);
    expect((await client.delete(`/api/v1/jobs/${jobId}`)).status).toBe(trains.includes(role) ? 202 : 403);
    expect((await f.owner.client.get(`/api/v1/jobs/${jobId}`)).body.status).toBe("done");
  });
});

describe("outside the project", () => {
  it("a non-member gets 404 everywhere, and no session gets 401", async () => {
    const stranger = (await signedUpClient(server.url, "Stranger")).client;
    const anonymous = new ApiClient(server.url);
    for (const [client, status] of [
      [stranger, 404],
      [anonymous, 401],
    ] as const) {
      expect((await client.get(`/api/v1/jobs/${jobId}`)).status).toBe(status);
      expect((await client.delete(`/api/v1/jobs/${jobId}`)).status).toBe(status);
      expect((await client.get(`/api/v1/projects/${f.projectId}/jobs`)).status).toBe(status);
      expect((await client.get(`/api/v1/samples/${f.sampleId}/models`)).status).toBe(status);
      expect((await client.post(`/api/v1/samples/${f.sampleId}/models`, { codeId: f.codeId })).status).toBe(status);
    }
  });
});
