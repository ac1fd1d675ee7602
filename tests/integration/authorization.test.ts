import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoles, type ProjectRole } from "../../db/roles";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { authzProject, csv, intakeForm, type Ids } from "../setup/authz-project";
import { startTestServer, type TestServer } from "../setup/test-server";

/**
 * For each project-scoped API route: no credentials → 401, a non-member → 404 (the project's
 * existence is not revealed), a member whose role lacks the permission → 403, and a role that
 * has it gets through.
 */
interface RouteCase {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** A non-JSON body (CSV uploads). */
  csv?: string;
  allowed: ProjectRole[];
}
const everyone = [...projectRoles];
const readers: ProjectRole[] = ["owner", "researcher", "coder", "reviewer"];
const editors: ProjectRole[] = ["owner", "researcher", "coder"];
const codebookEditors: ProjectRole[] = ["owner", "researcher"];
/** Datasets, segments and code↔segment links: owners and researchers. */
const analysts: ProjectRole[] = ["owner", "researcher"];
/** Findings: read and discussed by reviewers too; written by owners and researchers. */
const findingReaders: ProjectRole[] = ["owner", "researcher", "reviewer"];
let uniq = 0;
const fresh = (label: string) => `${label} ${++uniq}`;
const routes: RouteCase[] = [
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}`, allowed: everyone },
  { method: "PATCH", path: (i) => `/api/v1/projects/${i.projectId}`, body: () => ({ name: "Renamed" }), allowed: ["owner"] },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/members`, allowed: everyone },
  {
    method: "POST",
    path: (i) => `/api/v1/projects/${i.projectId}/members`,
    body: (i) => ({ email: i.targetEmail, role: "coder" }),
    allowed: ["owner"],
  },
  {
    method: "PATCH",
    path: (i) => `/api/v1/projects/${i.projectId}/members/${i.targetUserId}`,
    body: () => ({ role: "reviewer" }),
    allowed: ["owner"],
  },
  { method: "DELETE", path: (i) => `/api/v1/projects/${i.projectId}/members/${i.targetUserId}`, allowed: ["owner"] },
  { method: "DELETE", path: (i) => `/api/v1/projects/${i.projectId}`, allowed: ["owner"] },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/documents`, allowed: readers },
  {
    method: "POST",
    path: (i) => `/api/v1/projects/${i.projectId}/documents`,
    body: () => ({ title: "New", kind: "story", text: "Once" }),
    allowed: editors,
  },
  { method: "GET", path: (i) => `/api/v1/documents/${i.documentId}`, allowed: readers },
  { method: "PATCH", path: (i) => `/api/v1/documents/${i.documentId}`, body: () => ({ title: "T" }), allowed: editors },
  { method: "DELETE", path: (i) => `/api/v1/documents/${i.documentId}`, allowed: editors },
  {
    method: "POST",
    path: (i) => `/api/v1/documents/${i.documentId}/codings`,
    body: (i) => ({ codeId: i.codeId, start: 0, end: 4 }),
    allowed: editors,
  },
  {
    method: "POST",
    path: (i) => `/api/v1/documents/${i.documentId}/redactions`,
    body: () => ({ start: 5, end: 10, label: "NAME" }),
    allowed: editors,
  },
  { method: "PATCH", path: (i) => `/api/v1/codings/${i.codingId}`, body: () => ({ memo: "m" }), allowed: editors },
  { method: "DELETE", path: (i) => `/api/v1/codings/${i.codingId}`, allowed: editors },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/codes`, allowed: readers },
  { method: "POST", path: (i) => `/api/v1/projects/${i.projectId}/codes`, body: () => ({ name: "C" }), allowed: editors },
  { method: "GET", path: (i) => `/api/v1/codes/${i.codeId}`, allowed: readers },
  { method: "PATCH", path: (i) => `/api/v1/codes/${i.codeId}`, body: () => ({ name: "R" }), allowed: codebookEditors },
  { method: "DELETE", path: (i) => `/api/v1/codes/${i.codeId}`, allowed: codebookEditors },
  {
    method: "POST",
    path: (i) => `/api/v1/codes/${i.codeId}/merge`,
    body: (i) => ({ intoId: i.otherCodeId }),
    allowed: codebookEditors,
  },
  // Memos: read with the documents, written by those who may write memos; a memo is deleted
  // by its author or an owner (memos:moderate), so the owner's memo is the owner's alone.
  { method: "GET", path: (i) => `/api/v1/codes/${i.codeId}/memos`, allowed: readers },
  { method: "POST", path: (i) => `/api/v1/codes/${i.codeId}/memos`, body: () => ({ body: "Note" }), allowed: editors },
  { method: "GET", path: (i) => `/api/v1/documents/${i.documentId}/memos`, allowed: readers },
  { method: "POST", path: (i) => `/api/v1/documents/${i.documentId}/memos`, body: () => ({ body: "Note" }), allowed: editors },
  { method: "DELETE", path: (i) => `/api/v1/memos/${i.memoId}`, allowed: ["owner"] },
  { method: "DELETE", path: (i) => `/api/v1/memos/${i.documentMemoId}`, allowed: ["owner"] },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/datasets`, allowed: readers },
  {
    method: "POST",
    path: (i) => `/api/v1/projects/${i.projectId}/datasets?name=${encodeURIComponent(fresh("Data"))}&key=id`,
    csv,
    allowed: analysts,
  },
  { method: "POST", path: (i) => `/api/v1/projects/${i.projectId}/datasets/preview`, csv, allowed: analysts },
  { method: "GET", path: (i) => `/api/v1/datasets/${i.datasetId}`, allowed: readers },
  { method: "GET", path: (i) => `/api/v1/datasets/${i.datasetId}/rows`, allowed: readers },
  { method: "GET", path: (i) => `/api/v1/datasets/${i.datasetId}/summary`, allowed: readers },
  { method: "DELETE", path: (i) => `/api/v1/datasets/${i.datasetId}`, allowed: analysts },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/segments`, allowed: readers },
  {
    method: "POST",
    path: (i) => `/api/v1/projects/${i.projectId}/segments`,
    body: (i) => ({ datasetId: i.datasetId, name: fresh("Seg"), filter: { all: [] } }),
    allowed: analysts,
  },
  {
    method: "POST",
    path: (i) => `/api/v1/projects/${i.projectId}/segments/preview`,
    body: (i) => ({ datasetId: i.datasetId, filter: { all: [] } }),
    // The builder's live count: part of editing a segment.
    allowed: analysts,
  },
  { method: "GET", path: (i) => `/api/v1/datasets/${i.datasetId}/samples`, allowed: readers },
  {
    method: "POST",
    path: (i) => `/api/v1/datasets/${i.datasetId}/samples`,
    body: () => ({ name: fresh("Sample"), textColumn: "note", size: 1 }),
    allowed: analysts,
  },
  { method: "GET", path: (i) => `/api/v1/samples/${i.sampleId}`, allowed: readers },
  { method: "POST", path: (i) => `/api/v1/samples/${i.sampleId}/waves`, body: () => ({ size: 2 }), allowed: analysts },
  { method: "DELETE", path: (i) => `/api/v1/samples/${i.sampleId}`, allowed: analysts },
  // Marking done is its own permission: coders have it, reviewers (who only read) do not.
  { method: "PATCH", path: (i) => `/api/v1/documents/${i.sampleDocumentId}`, body: () => ({ done: true }), allowed: editors },
  { method: "GET", path: (i) => `/api/v1/segments/${i.segmentId}`, allowed: readers },
  { method: "PATCH", path: (i) => `/api/v1/segments/${i.segmentId}`, body: () => ({ name: fresh("Renamed") }), allowed: analysts },
  { method: "DELETE", path: (i) => `/api/v1/segments/${i.segmentId}`, allowed: analysts },
  { method: "GET", path: (i) => `/api/v1/segments/${i.segmentId}/links`, allowed: readers },
  {
    method: "POST",
    path: (i) => `/api/v1/segments/${i.segmentId}/links`,
    body: (i) => ({ codeId: i.otherCodeId, note: "n" }),
    allowed: analysts,
  },
  { method: "PATCH", path: (i) => `/api/v1/code-segment-links/${i.linkId}`, body: () => ({ note: "m" }), allowed: analysts },
  { method: "DELETE", path: (i) => `/api/v1/code-segment-links/${i.linkId}`, allowed: analysts },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/matrix`, allowed: readers },
  {
    method: "GET",
    path: (i) => `/api/v1/projects/${i.projectId}/matrix/excerpts?codeId=${i.codeId}&segmentId=${i.segmentId}`,
    allowed: readers,
  },
  {
    method: "GET",
    path: (i) => `/api/v1/projects/${i.projectId}/matrix/representation?codeId=${i.codeId}&segmentId=${i.segmentId}`,
    allowed: readers,
  },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/matrix?format=xlsx`, allowed: readers },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/frequencies?by=document`, allowed: readers },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/frequencies?format=xlsx`, allowed: readers },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/cooccurrence`, allowed: readers },
  {
    method: "GET",
    path: (i) => `/api/v1/projects/${i.projectId}/cooccurrence/passages?a=${i.codeId}&b=${i.otherCodeId}`,
    allowed: readers,
  },
  {
    method: "GET",
    path: (i) => `/api/v1/projects/${i.projectId}/agreement?coders=${i.ownerId},${i.coderId}&unit=paragraph`,
    allowed: readers,
  },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/cooccurrence?format=xlsx`, allowed: readers },
  // Search and auto-coding: reading needs documents:read, coding the hits codings:edit.
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/search?q=text`, allowed: readers },
  { method: "POST", path: (i) => `/api/v1/projects/${i.projectId}/search/code`, body: (i) => ({ q: "zzzznothing", codeId: i.codeId }), allowed: editors },
  { method: "POST", path: (i) => `/api/v1/projects/${i.projectId}/search/code/undo`, body: () => ({ codingIds: [] }), allowed: editors },
  {
    method: "GET",
    path: (i) => `/api/v1/projects/${i.projectId}/agreement/disagreements?coders=${i.ownerId},${i.coderId}&unit=paragraph`,
    allowed: readers,
  },
  { method: "POST", path: (i) => `/api/v1/projects/${i.projectId}/case-keys`, csv: "document,caseKey\nDoc,k1\n", allowed: editors },
  // Intake forms (forms:manage). GET /api/v1/forms/:formId is the public view: see forms.test.ts.
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/forms`, allowed: analysts },
  { method: "POST", path: (i) => `/api/v1/projects/${i.projectId}/forms`, body: () => intakeForm, allowed: analysts },
  { method: "PATCH", path: (i) => `/api/v1/forms/${i.formId}`, body: () => ({ title: fresh("Form") }), allowed: analysts },
  // The contributions inbox (contributions:review).
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/submissions`, allowed: analysts },
  { method: "GET", path: (i) => `/api/v1/submissions/${i.submissionId}`, allowed: analysts },
  { method: "PATCH", path: (i) => `/api/v1/submissions/${i.submissionId}`, body: () => ({ tags: ["Billing"] }), allowed: analysts },
  // Findings and their review.
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/findings`, allowed: findingReaders },
  { method: "POST", path: (i) => `/api/v1/projects/${i.projectId}/findings`, body: () => ({ title: "F" }), allowed: analysts },
  { method: "GET", path: (i) => `/api/v1/findings/${i.findingId}`, allowed: findingReaders },
  { method: "PATCH", path: (i) => `/api/v1/findings/${i.findingId}`, body: () => ({ claim: "Changed" }), allowed: analysts },
  { method: "DELETE", path: (i) => `/api/v1/findings/${i.findingId}`, allowed: analysts },
  {
    method: "POST",
    path: (i) => `/api/v1/findings/${i.findingId}/evidence`,
    body: (i) => ({ kind: "segment", segmentId: i.segmentId }),
    // A reviewer reads the evidence but cannot change it.
    allowed: analysts,
  },
  { method: "PATCH", path: (i) => `/api/v1/findings/${i.findingId}/evidence/${i.evidenceId}`, body: () => ({ note: "n" }), allowed: analysts },
  { method: "DELETE", path: (i) => `/api/v1/findings/${i.findingId}/evidence/${i.evidenceId}`, allowed: analysts },
  { method: "GET", path: (i) => `/api/v1/findings/${i.findingId}/transitions`, allowed: findingReaders },
  {
    method: "POST",
    path: (i) => `/api/v1/findings/${i.findingId}/transitions`,
    body: (i) => ({ to: "in_review", reviewerIds: [i.ownerId] }),
    allowed: analysts,
  },
  { method: "GET", path: (i) => `/api/v1/findings/${i.findingId}/comments`, allowed: findingReaders },
  { method: "POST", path: (i) => `/api/v1/findings/${i.findingId}/comments`, body: () => ({ body: "Why?" }), allowed: findingReaders },
  { method: "GET", path: (i) => `/api/v1/findings/${i.acceptedFindingId}/versions`, allowed: findingReaders },
  { method: "GET", path: (i) => `/api/v1/findings/${i.acceptedFindingId}/diff`, allowed: findingReaders },
  { method: "POST", path: (i) => `/api/v1/findings/${i.acceptedFindingId}/public-link`, allowed: ["owner"] },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/audit`, allowed: ["owner"] },
  // Coding rounds. Reading one round is for its coders and those who manage rounds (404 to
  // anyone else, not 403): rounds.test.ts checks it.
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/rounds`, allowed: readers },
  {
    method: "POST",
    path: (i) => `/api/v1/projects/${i.projectId}/rounds`,
    body: (i) => ({ name: fresh("Round"), coderIds: [i.ownerId, i.coderId], documentIds: [i.documentId] }),
    allowed: analysts,
  },
  { method: "POST", path: (i) => `/api/v1/rounds/${i.roundId}/reveal`, allowed: analysts },
  { method: "DELETE", path: (i) => `/api/v1/rounds/${i.roundId}`, allowed: analysts },
  // REFI-QDA exchange: the whole project is an owner's export; the codebook and codings, what readers see anyway.
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/export.qdpx`, allowed: ["owner"] },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/codebook.qdc`, allowed: readers },
  { method: "GET", path: (i) => `/api/v1/projects/${i.projectId}/codings.csv`, allowed: readers },
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function call(client: ApiClient, route: RouteCase, ids: Ids) {
  if (route.csv !== undefined) {
    return client.request(route.method, route.path(ids), undefined, {
      raw: route.csv,
      headers: { "content-type": "text/csv" },
    });
  }
  return client.request(route.method, route.path(ids), route.body?.(ids));
}

/**
 * A refused call changes nothing, so the refusals of every route share one project per role;
 * a call that is let through gets a fresh project of its own (it may rename, delete, merge).
 */
const shared = new Map<ProjectRole, ReturnType<typeof authzProject>>();
function sharedProject(role: ProjectRole) {
  if (!shared.has(role)) shared.set(role, authzProject(server.url, role));
  return shared.get(role)!;
}

describe.each(routes)("$method $path", (route) => {
  it("answers 401 without credentials and 404 to a non-member", async () => {
    const { ids } = await sharedProject("owner");
    const anonymous = await call(new ApiClient(server.url), route, ids);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthorized");
    const stranger = await signedUpClient(server.url, "Stranger");
    const res = await call(stranger.client, route, ids);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it.each(projectRoles.map((role) => [role, route.allowed.includes(role)] as const))(
    "%s allowed: %s",
    async (role, allowed) => {
      const { actor, ids } = allowed ? await authzProject(server.url, role) : await sharedProject(role);
      const res = await call(actor, route, ids);
      if (allowed) {
        expect(res.status).toBeLessThan(300);
      } else {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    },
  );
});

it("answers 401 on account-level routes without credentials", async () => {
  const anon = new ApiClient(server.url);
  for (const [method, path] of [
    ["GET", "/api/v1/me"],
    ["GET", "/api/v1/projects"],
    ["POST", "/api/v1/projects"],
    ["POST", "/api/v1/projects/import"],
    ["GET", "/api/v1/tokens"],
    ["POST", "/api/v1/tokens"],
    ["DELETE", "/api/v1/tokens/some-id"],
    ["POST", "/api/v1/auth/logout"],
    ["GET", "/api/v1/me/contributions"],
    ["DELETE", "/api/v1/me/contributions/some-id"],
    ["POST", "/api/v1/me/password"],
    ["GET", "/api/v1/me/sessions"],
    ["DELETE", "/api/v1/me/sessions"],
    ["DELETE", "/api/v1/me/sessions/some-id"],
    ["GET", "/api/v1/notifications"],
    ["POST", "/api/v1/notifications"],
  ] as const) {
    const res = await anon.request(method, path, method === "POST" ? { name: "x" } : undefined);
    expect(res.status, `${method} ${path}`).toBe(401);
  }
});

it("answers 404 for an id that does not exist, exactly as for a project one cannot see", async () => {
  const { client } = await signedUpClient(server.url, "Poker");
  for (const id of ["does-not-exist", "'; drop table users; --", "%00"]) {
    const res = await client.get(`/api/v1/projects/${encodeURIComponent(id)}/members`);
    expect(res.status).toBe(404);
  }
});
