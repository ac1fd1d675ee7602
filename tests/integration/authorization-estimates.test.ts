import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoles, type ProjectRole } from "../../db/roles";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { authzProject } from "../setup/authz-project";
import { estimatesExample, insertSample } from "../setup/sample-fixture";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * GET /api/v1/samples/:id/estimates reads coded documents: `documents:read`, as the matrix.
 * Owners, researchers, coders and reviewers may ask; a contributor gets 403; anyone outside
 * the project 404 (the sample's existence is not revealed), and no credentials 401.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // Starting the server on a busy two-core machine shared with other test runs can pass 30 s.
}, 120_000);
afterAll(() => server?.close());

const readers: ProjectRole[] = ["owner", "researcher", "coder", "reviewer"];

/** The authorization project with a one-stratum sample over its dataset (keys k1, k2). */
async function projectWithSample(role: ProjectRole) {
  const { actor, owner, ids } = await authzProject(server.url, role);
  const sampleId = await insertSample(server.database.handle.db, {
    projectId: ids.projectId,
    datasetId: ids.datasetId,
    name: "Sample",
    textColumn: "id",
    strataColumn: null,
    strata: [{ value: null, population: 2, sampled: 1 }],
    rows: [{ rowKey: "k1", stratum: 0, documentId: ids.documentId }],
  });
  return { actor, owner, ids, sampleId };
}

describe.each(projectRoles.map((role) => [role, readers.includes(role)] as const))("%s may read estimates: %s", (role, allowed) => {
  it("answers accordingly, for one code, a segment and every code", async () => {
    const { actor, ids, sampleId } = await projectWithSample(role);
    for (const query of [`codeId=${ids.codeId}`, `codeId=${ids.codeId}&by=${ids.segmentId}`, ""]) {
      const res = await actor.get(`/api/v1/samples/${sampleId}/estimates?${query}`);
      if (allowed) {
        expect(res.status, query).toBe(200);
      } else {
        expect(res.status, query).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
  }, 60_000);
});

it("answers 401 without credentials and 404 to a non-member, and 404 for another project's code or segment", async () => {
  const { owner, ids, sampleId } = await projectWithSample("owner");
  const path = `/api/v1/samples/${sampleId}/estimates?codeId=${ids.codeId}`;
  const anonymous = await new ApiClient(server.url).get(path);
  expect(anonymous.status).toBe(401);
  const stranger = await signedUpClient(server.url, "Stranger");
  const res = await stranger.client.get(path);
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe("not_found");
  // Another project of the same owner: its code and segment are not this sample's.
  const other = await estimatesExample(server.database.handle.db, owner, "Elsewhere");
  for (const query of [`codeId=${other.price.id}`, `by=${other.notEast.id}`, `codeId=${ids.codeId}&by=${ids.segmentId},${other.churned.id}`]) {
    const r = await owner.get(`/api/v1/samples/${sampleId}/estimates?${query}`);
    expect(r.status, query).toBe(404);
    expect(r.body.error.code).toBe("not_found");
  }
  // The other project's sample is as absent to a member of this one only.
  const member = await signedUpClient(server.url, "Member");
  await owner.post(`/api/v1/projects/${ids.projectId}/members`, { email: member.user.email, role: "researcher" });
  const foreign = await member.client.get(`/api/v1/samples/${other.sampleId}/estimates`);
  expect(foreign.status).toBe(404);
}, 120_000);
