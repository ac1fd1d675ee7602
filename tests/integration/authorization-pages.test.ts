import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoles, type ProjectRole } from "../../db/roles";
import { signedUpClient, type ApiClient } from "../setup/api-client";
import { authzProject, type Ids } from "../setup/authz-project";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * The page forms are a second way in beside the API, so they get the same matrix: each
 * project page action, posted as a browser would, answers 404 to someone outside the project,
 * 403 to a member whose role lacks the permission, and does its work for a role that has it.
 */
interface PageCase {
  page: (ids: Ids) => string;
  form: (ids: Ids) => Record<string, string>;
  allowed: ProjectRole[];
}

const editors: ProjectRole[] = ["owner", "researcher", "coder"];
const analysts: ProjectRole[] = ["owner", "researcher"];
const findingReaders: ProjectRole[] = ["owner", "researcher", "reviewer"];

const p = (i: Ids, rest: string) => `/projects/${i.projectId}${rest}`;
const cases: PageCase[] = [
  { page: (i) => p(i, "/settings"), form: () => ({ intent: "update-project", name: "Renamed" }), allowed: ["owner"] },
  { page: (i) => p(i, "/settings"), form: (i) => ({ intent: "invite", email: i.targetEmail, role: "coder" }), allowed: ["owner"] },
  { page: (i) => p(i, "/settings"), form: (i) => ({ intent: "change-role", userId: i.targetUserId, role: "reviewer" }), allowed: ["owner"] },
  { page: (i) => p(i, "/settings"), form: (i) => ({ intent: "remove-member", userId: i.targetUserId }), allowed: ["owner"] },
  { page: (i) => p(i, "/settings"), form: () => ({ intent: "delete-project" }), allowed: ["owner"] },
  { page: (i) => p(i, "/codebook"), form: () => ({ intent: "create-code", name: "Proposed", parentId: "" }), allowed: editors },
  { page: (i) => p(i, "/codebook"), form: (i) => ({ intent: "update-code", codeId: i.codeId, name: "Renamed", parentId: "" }), allowed: analysts },
  { page: (i) => p(i, "/codebook"), form: (i) => ({ intent: "merge-code", codeId: i.codeId, intoId: i.otherCodeId }), allowed: analysts },
  { page: (i) => p(i, "/codebook"), form: (i) => ({ intent: "delete-code", codeId: i.codeId }), allowed: analysts },
  { page: (i) => p(i, "/codebook"), form: (i) => ({ intent: "add-memo", codeId: i.codeId, body: "What it means" }), allowed: editors },
  // The owner wrote the memo: only its author, or an owner, deletes it.
  { page: (i) => p(i, "/codebook"), form: (i) => ({ intent: "delete-memo", memoId: i.memoId }), allowed: ["owner"] },
  { page: (i) => p(i, "/documents?index"), form: (i) => ({ intent: "delete-document", documentId: i.documentId }), allowed: editors },
  { page: (i) => p(i, `/documents/${i.documentId}`), form: () => ({ intent: "add-memo", body: "A note" }), allowed: editors },
  { page: (i) => p(i, `/documents/${i.documentId}`), form: () => ({ intent: "update-details", title: "Retitled" }), allowed: editors },
  { page: (i) => p(i, `/documents/${i.documentId}`), form: (i) => ({ intent: "delete-memo", memoId: i.documentMemoId }), allowed: ["owner"] },
  { page: (i) => p(i, "/documents/case-keys"), form: () => ({ intent: "preview", csv: "document,caseKey\nDoc,k1\n" }), allowed: editors },
  { page: (i) => p(i, "/data?index"), form: (i) => ({ intent: "delete-dataset", datasetId: i.datasetId }), allowed: analysts },
  { page: (i) => p(i, "/matrix"), form: (i) => ({ intent: "link-code", codeId: i.otherCodeId, segmentId: i.segmentId, note: "n" }), allowed: analysts },
  { page: (i) => p(i, `/data/${i.datasetId}`), form: () => ({ intent: "draw-sample", name: "Paged", textColumn: "note", size: "1" }), allowed: analysts },
  { page: (i) => p(i, `/samples/${i.sampleId}`), form: () => ({ intent: "extend", size: "2" }), allowed: analysts },
  { page: (i) => p(i, `/samples/${i.sampleId}`), form: () => ({ intent: "delete-sample" }), allowed: analysts },
  { page: (i) => p(i, `/samples/${i.sampleId}`), form: (i) => ({ intent: "set-done", documentId: i.sampleDocumentId, done: "true" }), allowed: editors },
  { page: (i) => p(i, `/documents/${i.sampleDocumentId}`), form: () => ({ intent: "set-done", done: "true" }), allowed: editors },
  { page: (i) => p(i, `/segments/${i.segmentId}`), form: () => ({ intent: "delete-segment" }), allowed: analysts },
  { page: (i) => p(i, `/segments/${i.segmentId}`), form: (i) => ({ intent: "unlink", linkId: i.linkId }), allowed: analysts },
  { page: (i) => p(i, "/search"), form: (i) => ({ intent: "code", q: "zzzznothing", codeId: i.codeId }), allowed: editors },
  { page: (i) => p(i, "/report"), form: () => ({ intent: "exported" }), allowed: findingReaders },
  { page: (i) => p(i, "/contributions?index"), form: (i) => ({ intent: "accept", submissionId: i.submissionId }), allowed: analysts },
  { page: (i) => p(i, "/findings/new"), form: () => ({ title: "From the page", claim: "" }), allowed: analysts },
  { page: (i) => p(i, `/rounds/${i.roundId}`), form: () => ({ intent: "reveal" }), allowed: analysts },
  { page: (i) => p(i, `/rounds/${i.roundId}`), form: () => ({ intent: "delete" }), allowed: analysts },
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Refusals change nothing: they share one project per role (see authorization.test.ts). */
const shared = new Map<ProjectRole, ReturnType<typeof authzProject>>();
function sharedProject(role: ProjectRole) {
  if (!shared.has(role)) shared.set(role, authzProject(server.url, role));
  return shared.get(role)!;
}

function post(client: ApiClient, path: string, fields: Record<string, string>) {
  return fetch(server.url + path, {
    method: "POST",
    headers: { cookie: client.cookie!, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

/** Ids spelled as placeholders, for the cases' names. */
const named = new Proxy({}, { get: (_, key) => `:${String(key)}` }) as Ids;

describe.each(cases.map((c) => [`${c.form(named).intent ?? "submit"} on ${c.page(named)}`, c] as const))(
  "%s",
  (_label, c) => {
    it("answers 404 to someone outside the project", async () => {
      const { ids } = await sharedProject("owner");
      const stranger = await signedUpClient(server.url, "Stranger");
      const res = await post(stranger.client, c.page(ids), c.form(ids));
      expect(res.status).toBe(404);
    });

    it.each(projectRoles.map((role) => [role, c.allowed.includes(role)] as const))("%s allowed: %s", async (role, allowed) => {
      const { actor, ids } = allowed ? await authzProject(server.url, role) : await sharedProject(role);
      const res = await post(actor, c.page(ids), c.form(ids));
      if (allowed) expect(res.status, await res.clone().text()).toBeLessThan(400);
      else expect(res.status).toBe(403);
    });
  },
);
