/**
 * A project ready for findings: an owner, a researcher, a reviewer and a coder; a customers
 * dataset with a "Churned" segment; codes Billing and Waiting; three interviews (two of churned
 * customers) with codings. Everything through the public API.
 */
import { created, signedUpClient } from "./api-client";
import { importCsv } from "./datasets";

const CUSTOMERS = ["id,region,calls,churned", "K1,North,5,true", "K2,North,1,false", "K3,South,4,true", "K4,South,0,false"].join("\n");
export const INTERVIEW = "The bill was wrong three times. I waited an hour on the phone.";
/** Offsets of the two coded passages of INTERVIEW. */
export const BILL = [0, 31] as const;
export const WAIT = [32, 62] as const;

export async function findingsProject(baseUrl: string) {
  const owner = await signedUpClient(baseUrl, "Olive Owner");
  const researcher = await signedUpClient(baseUrl, "Rita Researcher");
  const reviewer = await signedUpClient(baseUrl, "Vera Reviewer");
  const coder = await signedUpClient(baseUrl, "Cody Coder");
  const projectId = (await created(owner.client, "/api/v1/projects", { name: "Council churn" })).id as string;
  for (const [who, role] of [[researcher, "researcher"], [reviewer, "reviewer"], [coder, "coder"]] as const) {
    await created(owner.client, `/api/v1/projects/${projectId}/members`, { email: who.user.email, role });
  }
  const dataset = await importCsv(owner.client, projectId, "Customers", "id", CUSTOMERS);
  const churned = await created(owner.client, `/api/v1/projects/${projectId}/segments`, {
    datasetId: dataset.id,
    name: "Churned",
    filter: { all: [{ column: "churned", op: "eq", value: true }] },
  });
  const billing = await created(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Billing" });
  const waiting = await created(owner.client, `/api/v1/projects/${projectId}/codes`, { name: "Waiting" });
  const docs = [];
  for (const [n, caseKey] of [[1, "K1"], [2, "K2"], [3, "K3"]] as const) {
    docs.push(await created(owner.client, `/api/v1/projects/${projectId}/documents`, { title: `Interview ${n}`, kind: "interview", text: INTERVIEW, caseKey }));
  }
  const code = (doc: { id: string }, codeId: string, [start, end]: readonly [number, number]) =>
    created(owner.client, `/api/v1/documents/${doc.id}/codings`, { codeId, start, end });
  const codings = {
    bill1: await code(docs[0], billing.id, BILL),
    wait1: await code(docs[0], waiting.id, WAIT),
    bill2: await code(docs[1], billing.id, BILL),
    bill3: await code(docs[2], billing.id, BILL),
  };
  return { owner, researcher, reviewer, coder, projectId, dataset, churned, billing, waiting, docs, codings };
}

export type FindingsProject = Awaited<ReturnType<typeof findingsProject>>;

/** A finding by the researcher with the Churned segment, the Billing code and two excerpts. */
export async function findingWithEvidence(p: FindingsProject, title = "Billing errors drive churn") {
  const client = p.researcher.client;
  const finding = await created(client, `/api/v1/projects/${p.projectId}/findings`, {
    title,
    claim: "Customers who left had **repeated billing errors**.",
  });
  const add = (body: object) => created(client, `/api/v1/findings/${finding.id}/evidence`, body);
  const segment = await add({ kind: "segment", segmentId: p.churned.id });
  const code = await add({ kind: "code", codeId: p.billing.id });
  const quote1 = await add({ kind: "excerpt", codingId: p.codings.bill1.id, note: "Typical" });
  const quote2 = await add({ kind: "excerpt", codingId: p.codings.bill3.id });
  return { id: finding.id as string, evidence: { segment, code, quote1, quote2 } };
}
