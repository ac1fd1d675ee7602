import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "../../db/client";
import { documents, submissions } from "../../db/schema";
import { ApiClient, signedUpClient } from "./api-client";
import { importCsv } from "./datasets";

/** A public story form with a case key: the shape most contribution tests need. */
export const storyForm = {
  title: "Tell us about your last call",
  consentText: "I agree that Thicket stores what I write, with personal details masked.",
  access: "public",
  fields: [
    { name: "story", label: "Your story", type: "long_text", required: true },
    { name: "customer", label: "Customer id", type: "case_key" },
  ],
};

export async function ownedProject(baseUrl: string, name = "Intake") {
  const owner = await signedUpClient(baseUrl, "Owner");
  const { body } = await owner.client.post("/api/v1/projects", { name });
  return { owner: owner.client, ownerUser: owner.user, projectId: body.id as string };
}

export async function createForm(client: ApiClient, projectId: string, body: object = storyForm): Promise<string> {
  const res = await client.post(`/api/v1/projects/${projectId}/forms`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export async function submitStory(baseUrl: string, formId: string, values: object, client = new ApiClient(baseUrl)) {
  const res = await client.post(`/api/v1/forms/${formId}/submissions`, { consent: true, values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { documentId: string; receipt: { token: string; url: string } };
}

/** How many submissions and documents a project holds: what "nothing was stored" checks. */
export async function storedCounts(db: Database, projectId: string) {
  const [subs] = await db.select({ n: sql<number>`count(*)::int` }).from(submissions).where(eq(submissions.projectId, projectId));
  const [docs] = await db.select({ n: sql<number>`count(*)::int` }).from(documents).where(eq(documents.projectId, projectId));
  return { submissions: subs!.n, documents: docs!.n };
}

/** A "Customers" dataset (C-17 in the North, C-18 in the South) and its "North" segment. */
export async function northSegment(client: ApiClient, projectId: string): Promise<{ id: string }> {
  const dataset = await importCsv(client, projectId, "Customers", "id", "id,region\nC-17,North\nC-18,South");
  const res = await client.post(`/api/v1/projects/${projectId}/segments`, {
    datasetId: dataset.id,
    name: "North",
    filter: { all: [{ column: "region", op: "eq", value: "North" }] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
