import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { intakeFormVersions, submissions } from "../../db/schema";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const storyForm = {
  title: "Tell us about your last call",
  prompt: "What happened, in your own words?",
  consentText: "I agree that Thicket stores what I write, with personal details masked.",
  access: "public",
  fields: [
    { name: "story", label: "Your story", type: "long_text", required: true },
    { name: "customer", label: "Customer id", type: "case_key" },
    { name: "channel", label: "Channel", type: "choice", options: ["Phone", "Chat"] },
    { name: "minutes", label: "Call length (minutes)", type: "number" },
  ],
};

async function project() {
  const owner = await signedUpClient(server.url, "Owner");
  const { body } = await owner.client.post("/api/v1/projects", { name: "Intake" });
  return { owner: owner.client, projectId: body.id as string };
}

async function member(owner: ApiClient, projectId: string, role: string) {
  const person = await signedUpClient(server.url, role);
  const res = await owner.post(`/api/v1/projects/${projectId}/members`, { email: person.user.email, role });
  expect(res.status).toBe(201);
  return person.client;
}

async function createForm(client: ApiClient, projectId: string, body: object = storyForm) {
  const res = await client.post(`/api/v1/projects/${projectId}/forms`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; url: string };
}

/** A submission row answering `version` of the form, as the next step's intake will write it. */
async function insertSubmission(projectId: string, formId: string, version: number) {
  const [v] = await server.services.db
    .select({ id: intakeFormVersions.id })
    .from(intakeFormVersions)
    .where(and(eq(intakeFormVersions.formId, formId), eq(intakeFormVersions.version, version)));
  const [row] = await server.services.db
    .insert(submissions)
    .values({
      projectId,
      formId,
      formVersionId: v!.id,
      receiptTokenHash: `test-${newId()}`,
      values: { story: "It went well." },
    })
    .returning({ id: submissions.id });
  return row!.id;
}

describe("creating forms", () => {
  it("creates a form and answers its absolute public link", async () => {
    const { owner, projectId } = await project();
    const created = await createForm(owner, projectId);
    expect(created.id).toEqual(expect.any(String));
    expect(created.url).toBe(`${server.url}/f/${created.id}`);

    const list = await owner.get(`/api/v1/projects/${projectId}/forms`);
    expect(list.status).toBe(200);
    expect(list.body.forms).toEqual([
      expect.objectContaining({
        id: created.id,
        title: storyForm.title,
        access: "public",
        status: "open",
        version: 1,
        url: created.url,
        submissions: { pending: 0, accepted: 0, rejected: 0, withdrawn: 0 },
      }),
    ]);
  });

  it.each([
    [
      "no long_text field",
      [{ name: "where", label: "Where", type: "short_text" }],
      "fields",
      /at least one long_text/,
    ],
    [
      "two fields with the same name",
      [
        { name: "story", label: "Story", type: "long_text" },
        { name: "story", label: "Again", type: "short_text" },
      ],
      "fields.1.name",
      /"story".*unique/,
    ],
    [
      "options on a number field",
      [
        { name: "story", label: "Story", type: "long_text" },
        { name: "age", label: "Age", type: "number", options: ["1", "2"] },
      ],
      "fields.1.options",
      /"age".*number field.*cannot have options/,
    ],
    [
      "two case_key fields",
      [
        { name: "story", label: "Story", type: "long_text" },
        { name: "customer", label: "Customer", type: "case_key" },
        { name: "site", label: "Site", type: "case_key" },
      ],
      "fields",
      /at most one case_key.*"customer", "site"/,
    ],
    [
      "a choice field without options",
      [
        { name: "story", label: "Story", type: "long_text" },
        { name: "mood", label: "Mood", type: "choice" },
      ],
      "fields.1.options",
      /"mood".*between 2 and 50 options/,
    ],
    ["a field name with capitals", [{ name: "Story", label: "Story", type: "long_text" }], "fields.0.name", /lower-case letter/],
  ])("refuses a form with %s, naming the field", async (_what, fields, key, message) => {
    const { owner, projectId } = await project();
    const res = await owner.post(`/api/v1/projects/${projectId}/forms`, { ...storyForm, fields });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.fields[key]).toMatch(message);
    expect(res.body.error.message).toMatch(message);
    expect((await owner.get(`/api/v1/projects/${projectId}/forms`)).body.forms).toEqual([]);
  });

  it("requires consent text and a known access", async () => {
    const { owner, projectId } = await project();
    const res = await owner.post(`/api/v1/projects/${projectId}/forms`, { ...storyForm, consentText: " ", access: "everyone" });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.consentText).toMatch(/consentText is required/);
    expect(res.body.error.fields.access).toMatch(/public, members/);
  });
});

describe("who manages forms", () => {
  it("lets researchers create and edit forms, and no other role", async () => {
    const { owner, projectId } = await project();
    const researcher = await member(owner, projectId, "researcher");
    const form = await createForm(researcher, projectId);
    expect((await researcher.patch(`/api/v1/forms/${form.id}`, { title: "Renamed" })).status).toBe(200);

    for (const role of ["coder", "reviewer", "contributor"]) {
      const client = await member(owner, projectId, role);
      for (const res of [
        await client.post(`/api/v1/projects/${projectId}/forms`, storyForm),
        await client.get(`/api/v1/projects/${projectId}/forms`),
        await client.patch(`/api/v1/forms/${form.id}`, { status: "closed" }),
      ]) {
        expect(res.status, role).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
    const stranger = (await signedUpClient(server.url, "Stranger")).client;
    expect((await stranger.post(`/api/v1/projects/${projectId}/forms`, storyForm)).status).toBe(404);
    expect((await stranger.patch(`/api/v1/forms/${form.id}`, { status: "closed" })).status).toBe(404);
    const anonymous = new ApiClient(server.url);
    expect((await anonymous.post(`/api/v1/projects/${projectId}/forms`, storyForm)).status).toBe(401);
    expect((await anonymous.get(`/api/v1/projects/${projectId}/forms`)).status).toBe(401);
    expect((await anonymous.patch(`/api/v1/forms/${form.id}`, { status: "closed" })).status).toBe(401);
    // Nothing the refused callers tried took effect.
    const view = await anonymous.get(`/api/v1/forms/${form.id}`);
    expect(view.body).toMatchObject({ title: "Renamed", status: "open" });
  });
});

describe("the public view of a form", () => {
  it("shows an open public form to anyone, without credentials", async () => {
    const { owner, projectId } = await project();
    const form = await createForm(owner, projectId);
    const res = await new ApiClient(server.url).get(`/api/v1/forms/${form.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: form.id,
      projectName: "Intake",
      title: storyForm.title,
      prompt: storyForm.prompt,
      consentText: storyForm.consentText,
      fields: storyForm.fields,
      access: "public",
      status: "open",
      version: 1,
    });
    expect((await new ApiClient(server.url).get("/api/v1/forms/no-such-form")).status).toBe(404);
  });

  it("shows a members-only form to members of any role, and to nobody else", async () => {
    const { owner, projectId } = await project();
    const form = await createForm(owner, projectId, { ...storyForm, access: "members" });
    const anonymous = await new ApiClient(server.url).get(`/api/v1/forms/${form.id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/log in/);
    const stranger = (await signedUpClient(server.url, "Stranger")).client;
    const hidden = await stranger.get(`/api/v1/forms/${form.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("not_found");
    const contributor = await member(owner, projectId, "contributor");
    const seen = await contributor.get(`/api/v1/forms/${form.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: form.id, access: "members", title: storyForm.title });
  });

  it("says plainly that a closed form is closed, and opens again when reopened", async () => {
    const { owner, projectId } = await project();
    const form = await createForm(owner, projectId);
    const closed = await owner.patch(`/api/v1/forms/${form.id}`, { status: "closed" });
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ id: form.id, version: 1, status: "closed" });
    const res = await new ApiClient(server.url).get(`/api/v1/forms/${form.id}`);
    expect(res.status).toBe(410);
    expect(res.body.error).toEqual({ code: "form_closed", message: "This form is closed and no longer takes contributions." });
    // Closed forms still show in the managers' list, marked closed.
    expect((await owner.get(`/api/v1/projects/${projectId}/forms`)).body.forms[0].status).toBe("closed");

    await owner.patch(`/api/v1/forms/${form.id}`, { status: "open" });
    expect((await new ApiClient(server.url).get(`/api/v1/forms/${form.id}`)).status).toBe(200);
  });

  it("does not reveal to a stranger that a closed members-only form exists", async () => {
    const { owner, projectId } = await project();
    const form = await createForm(owner, projectId, { ...storyForm, access: "members" });
    await owner.patch(`/api/v1/forms/${form.id}`, { status: "closed" });
    const stranger = (await signedUpClient(server.url, "Stranger")).client;
    expect((await stranger.get(`/api/v1/forms/${form.id}`)).status).toBe(404);
    expect((await owner.get(`/api/v1/forms/${form.id}`)).status).toBe(410);
  });
});

describe("form versions", () => {
  it("edits the only version in place until someone has answered it, then starts a new one", async () => {
    const { owner, projectId } = await project();
    const form = await createForm(owner, projectId);

    const draft = await owner.patch(`/api/v1/forms/${form.id}`, { prompt: "Tell us anything." });
    expect(draft.body).toEqual({ id: form.id, version: 1, status: "open" });
    expect((await owner.get(`/api/v1/forms/${form.id}`)).body).toMatchObject({ version: 1, prompt: "Tell us anything." });

    const submissionId = await insertSubmission(projectId, form.id, 1);
    // Access is the form's, not the version's: changing it alone makes no new version.
    expect((await owner.patch(`/api/v1/forms/${form.id}`, { access: "members" })).body.version).toBe(1);
    expect((await owner.patch(`/api/v1/forms/${form.id}`, { access: "public" })).body.version).toBe(1);

    const fields = [...storyForm.fields, { name: "when", label: "When did it happen?", type: "date" }];
    const edited = await owner.patch(`/api/v1/forms/${form.id}`, { fields });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ id: form.id, version: 2, status: "open" });

    const view = (await new ApiClient(server.url).get(`/api/v1/forms/${form.id}`)).body;
    expect(view.version).toBe(2);
    expect(view.fields.map((f: { name: string }) => f.name)).toEqual(["story", "customer", "channel", "minutes", "when"]);
    expect(view.prompt).toBe("Tell us anything.");

    // The earlier answer still points at the questions it answered.
    const [old] = await server.services.db
      .select({ version: intakeFormVersions.version, fields: intakeFormVersions.fields })
      .from(submissions)
      .innerJoin(intakeFormVersions, eq(intakeFormVersions.id, submissions.formVersionId))
      .where(eq(submissions.id, submissionId));
    expect(old!.version).toBe(1);
    expect(old!.fields.map((f) => f.name)).toEqual(["story", "customer", "channel", "minutes"]);

    // Version 2 has no answers yet: further edits land in it, not in a version 3.
    expect((await owner.patch(`/api/v1/forms/${form.id}`, { title: "Your last call" })).body.version).toBe(2);
    const list = (await owner.get(`/api/v1/projects/${projectId}/forms`)).body.forms;
    expect(list[0]).toMatchObject({ title: "Your last call", version: 2, submissions: { pending: 1, accepted: 0 } });
  });

  it("refuses an edit with an invalid field definition and keeps the form as it was", async () => {
    const { owner, projectId } = await project();
    const form = await createForm(owner, projectId);
    const res = await owner.patch(`/api/v1/forms/${form.id}`, {
      fields: [{ name: "where", label: "Where", type: "location" }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.fields).toMatch(/long_text/);
    expect((await owner.get(`/api/v1/forms/${form.id}`)).body.fields).toEqual(storyForm.fields);
  });

  it("deletes a project together with its forms and their submissions", async () => {
    const { owner, projectId } = await project();
    const form = await createForm(owner, projectId);
    await insertSubmission(projectId, form.id, 1);
    expect((await owner.delete(`/api/v1/projects/${projectId}`)).status).toBe(204);
    expect((await new ApiClient(server.url).get(`/api/v1/forms/${form.id}`)).status).toBe(404);
    const left = await server.services.db.select().from(submissions).where(eq(submissions.formId, form.id));
    expect(left).toEqual([]);
  });
});
