import { formAccesses, formFieldTypes, formStatuses } from "../../../../db/kinds";
import { createFormSchema, updateFormSchema } from "../../contributions/form-fields";
import { arrayOf, body, errors, ok, pathParam, projectPath, ref } from "./helpers";

const counts = {
  type: "object",
  properties: Object.fromEntries(["pending", "accepted", "rejected", "withdrawn"].map((s) => [s, { type: "integer" }])),
  required: ["pending", "accepted", "rejected", "withdrawn"],
};

export const formSchemas = {
  FormField: {
    type: "object",
    properties: {
      name: { type: "string", pattern: "^[a-z][a-z0-9_]{0,39}$" },
      label: { type: "string" },
      type: { type: "string", enum: [...formFieldTypes] },
      required: { type: "boolean" },
      options: { type: "array", items: { type: "string" }, description: "choice and multi_choice only" },
    },
    required: ["name", "label", "type"],
  },
  PublicForm: {
    type: "object",
    description: "The current version of a form, as a contributor sees it.",
    properties: {
      id: { type: "string" },
      projectName: { type: "string" },
      title: { type: "string" },
      prompt: { type: "string" },
      consentText: { type: "string" },
      fields: { type: "array", items: ref("FormField") },
      access: { type: "string", enum: [...formAccesses] },
      status: { type: "string", enum: [...formStatuses] },
      version: { type: "integer" },
    },
    required: ["id", "projectName", "title", "prompt", "consentText", "fields", "access", "status", "version"],
  },
  FormSummary: {
    type: "object",
    properties: {
      id: { type: "string" },
      title: { type: "string" },
      access: { type: "string", enum: [...formAccesses] },
      status: { type: "string", enum: [...formStatuses] },
      version: { type: "integer", description: "the version new submissions answer" },
      url: { type: "string", description: "the public link to the form" },
      submissions: counts,
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
    required: ["id", "title", "access", "status", "version", "url", "submissions"],
  },
};

const closed = {
  "410": {
    description: "The form is closed (code form_closed)",
    content: { "application/json": { schema: ref("Error") } },
  },
};

export const formPaths = {
  "/api/v1/projects/{projectId}/forms": {
    parameters: [projectPath],
    get: {
      summary: "The project's intake forms with their submissions by status (owners, researchers)",
      responses: { "200": ok("Forms", arrayOf("forms", ref("FormSummary"))), ...errors(401, 403, 404) },
    },
    post: {
      summary: "Create an intake form; answers `url`, the public link to share",
      description:
        "A form has 1 to 40 fields with unique names, at least one long_text field (the story or observation) and " +
        "at most one case_key field; choice and multi_choice fields need 2 to 50 distinct options, other types none. " +
        "An invalid definition is a 400 whose `fields` names each problem.",
      requestBody: body(createFormSchema),
      responses: {
        "201": ok("Created", {
          type: "object",
          properties: { id: { type: "string" }, url: { type: "string" } },
          required: ["id", "url"],
        }),
        ...errors(400, 401, 403, 404, 413),
      },
    },
  },
  "/api/v1/forms/{formId}": {
    parameters: [pathParam("formId")],
    get: {
      summary: "A form as contributors see it",
      description:
        "No credentials are needed for a public form. A members-only form needs a member of its project: " +
        "401 without credentials, 404 for anyone else.",
      security: [{}, { bearer: [] }, { cookie: [] }],
      responses: { "200": ok("Form", ref("PublicForm")), ...errors(401, 404), ...closed },
    },
    patch: {
      summary: "Edit, reopen or close a form (owners, researchers)",
      description:
        "Changing the title, prompt, consent text or fields of a version that already has submissions makes a new " +
        "version; earlier submissions keep the version they answered. Before any submission the current version is edited in place.",
      requestBody: body(updateFormSchema),
      responses: {
        "200": ok("Updated", {
          type: "object",
          properties: {
            id: { type: "string" },
            version: { type: "integer" },
            status: { type: "string", enum: [...formStatuses] },
          },
          required: ["id", "version", "status"],
        }),
        ...errors(400, 401, 403, 404, 413),
      },
    },
  },
};
