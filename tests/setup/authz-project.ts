import { expect } from "vitest";
import type { ProjectRole } from "../../db/roles";
import { ApiClient, signedUpClient } from "./api-client";

/**
 * The project the authorization matrices act on: one of everything a route can point at
 * (document, codes, coding, dataset, segment, link, form, submission, findings, a round),
 * with one member of the role under test and a second member to act upon.
 */
export interface Ids {
  projectId: string;
  targetUserId: string;
  targetEmail: string;
  documentId: string;
  codeId: string;
  otherCodeId: string;
  codingId: string;
  datasetId: string;
  segmentId: string;
  linkId: string;
  formId: string;
  submissionId: string;
  ownerId: string;
  findingId: string;
  evidenceId: string;
  acceptedFindingId: string;
  coderId: string;
  roundId: string;
  roundDocumentId: string;
  memoId: string;
  documentMemoId: string;
  /** A one-row sample of the dataset's `note` column (its one record document is `sampleDocumentId`). */
  sampleId: string;
  sampleDocumentId: string;
}


/** `note` is a text column for the sample; the rest is what the dataset routes need. */
export const csv = "id,score,note\nk1,3,First call\nk2,5,Second call\n";
export const intakeForm = {
  title: "Stories",
  consentText: "I agree.",
  access: "public",
  fields: [{ name: "story", label: "Story", type: "long_text" }],
};

/** A fresh project per case, with one member of `role` and a second member to act upon. */
export async function authzProject(baseUrl: string, role: ProjectRole) {
  const owner = await signedUpClient(baseUrl, "Owner");
  const actor = role === "owner" ? owner : await signedUpClient(baseUrl, role);
  const target = await signedUpClient(baseUrl, "Target");
  const { body: project } = await owner.client.post("/api/v1/projects", { name: "Authz" });
  if (role !== "owner") {
    await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: actor.user.email, role });
  }
  await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: target.user.email, role: "contributor" });
  // The POST case adds someone new: a user who exists but is not yet a member.
  const outsider = await signedUpClient(baseUrl, "Outsider");
  const { body: document } = await owner.client.post(`/api/v1/projects/${project.id}/documents`, {
    title: "Doc",
    kind: "interview",
    text: "Some words to code.",
  });
  const { body: code } = await owner.client.post(`/api/v1/projects/${project.id}/codes`, { name: "A" });
  const { body: otherCode } = await owner.client.post(`/api/v1/projects/${project.id}/codes`, { name: "B" });
  const { body: coding } = await owner.client.post(`/api/v1/documents/${document.id}/codings`, {
    codeId: code.id,
    start: 0,
    end: 4,
  });
  const dataset = await owner.client.request("POST", `/api/v1/projects/${project.id}/datasets?name=Customers&key=id`, undefined, {
    raw: csv,
    headers: { "content-type": "text/csv" },
  });
  const segment = await owner.client.post(`/api/v1/projects/${project.id}/segments`, {
    datasetId: dataset.body.id,
    name: "High",
    filter: { all: [{ column: "score", op: "gt", value: 4 }] },
  });
  const link = await owner.client.post(`/api/v1/segments/${segment.body.id}/links`, { codeId: code.id, note: "why" });
  const sample = await owner.client.post(`/api/v1/datasets/${dataset.body.id}/samples`, { name: "Pilot", textColumn: "note", size: 1, seed: 1 });
  expect(sample.status, JSON.stringify(sample.body)).toBe(201);
  const form = await owner.client.post(`/api/v1/projects/${project.id}/forms`, intakeForm);
  const sent = await new ApiClient(baseUrl).post(`/api/v1/forms/${form.body.id}/submissions`, { consent: true, values: { story: "Once." } });
  expect([dataset.status, segment.status, link.status, form.status, sent.status]).toEqual([201, 201, 201, 201, 201]);
  const inbox = await owner.client.get(`/api/v1/projects/${project.id}/submissions`);
  const finding = await owner.client.post(`/api/v1/projects/${project.id}/findings`, { title: "Draft finding" });
  const evidence = await owner.client.post(`/api/v1/findings/${finding.body.id}/evidence`, { kind: "excerpt", codingId: coding.id });
  const accepted = await owner.client.post(`/api/v1/projects/${project.id}/findings`, { title: "Accepted finding" });
  await owner.client.post(`/api/v1/findings/${accepted.body.id}/evidence`, { kind: "code", codeId: code.id });
  const review = await owner.client.post(`/api/v1/findings/${accepted.body.id}/transitions`, { to: "in_review", reviewerIds: [owner.user.id] });
  const accept = await owner.client.post(`/api/v1/findings/${accepted.body.id}/transitions`, { to: "accepted" });
  expect([finding.status, evidence.status, review.status, accept.status]).toEqual([201, 201, 200, 200]);
  const coder = await signedUpClient(baseUrl, "Round coder");
  await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: coder.user.email, role: "coder" });
  const roundDoc = await owner.client.post(`/api/v1/projects/${project.id}/documents`, { title: "In a round", kind: "interview", text: "Words." });
  const round = await owner.client.post(`/api/v1/projects/${project.id}/rounds`, {
    name: "Pilot",
    coderIds: [owner.user.id, coder.user.id],
    documentIds: [roundDoc.body.id],
  });
  expect(round.status).toBe(201);
  const memo = await owner.client.post(`/api/v1/codes/${code.id}/memos`, { body: "What A means." });
  const documentMemo = await owner.client.post(`/api/v1/documents/${document.id}/memos`, { body: "About this talk." });
  expect([memo.status, documentMemo.status]).toEqual([201, 201]);
  const ids: Ids = {
    projectId: project.id,
    targetUserId: target.user.id,
    targetEmail: outsider.user.email,
    documentId: document.id,
    codeId: code.id,
    otherCodeId: otherCode.id,
    codingId: coding.id,
    datasetId: dataset.body.id,
    segmentId: segment.body.id,
    linkId: link.body.id,
    formId: form.body.id,
    submissionId: inbox.body.submissions[0].id,
    ownerId: owner.user.id,
    findingId: finding.body.id,
    evidenceId: evidence.body.id,
    acceptedFindingId: accepted.body.id,
    coderId: coder.user.id,
    roundId: round.body.id,
    roundDocumentId: roundDoc.body.id,
    memoId: memo.body.id,
    documentMemoId: documentMemo.body.id,
    sampleId: sample.body.id,
    sampleDocumentId: sample.body.documentIds[0],
  };
  return { actor: actor.client, owner: owner.client, ids };
}

