import { expect } from "vitest";
import { ApiClient, signedUpClient } from "./api-client";

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
