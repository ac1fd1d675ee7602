import { formAccesses, formFieldTypes, formStatuses, submissionStatuses } from "../../../../db/kinds";
import { createFormSchema, updateFormSchema } from "../../contributions/form-fields";
import { submissionBodySchema } from "../../contributions/submission-values";
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
  Receipt: {
    type: "object",
    description: "What a contributor gave, as stored (personal details already masked).",
    properties: {
      status: { type: "string", enum: [...submissionStatuses] },
      submittedAt: { type: "string", format: "date-time" },
      values: {
        type: "object",
        additionalProperties: true,
        description: "Answers keyed by field name; absent once withdrawn",
      },
      rejectReason: { type: "string", description: "Only when a researcher rejected the contribution" },
    },
    required: ["status", "submittedAt"],
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

const unprocessable = {
  "422": {
    description:
      "Consent not given (consent_required), the honeypot filled in (invalid_submission), or an answer that does not " +
      "fit its field (invalid_field, with `fields` keyed by field name)",
    content: { "application/json": { schema: ref("Error") } },
  },
};

const receiptErrors = {
  "404": {
    description: "No such receipt (receipt_not_found)",
    content: { "application/json": { schema: ref("Error") } },
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
  "/api/v1/forms/{formId}/submissions": {
    parameters: [pathParam("formId")],
    post: {
      summary: "Contribute a story or observation; answers a private receipt link",
      description:
        "`consent` must be `true`. `values` holds one answer per field name: text for long_text, short_text and case_key " +
        "(at most 50,000, 500 and 200 characters), a finite number, a date YYYY-MM-DD, one option for choice, a list of options " +
        "for multi_choice, `{lat, lng}` for location. The optional `people_mentioned` (up to 50 names) masks those names as [NAME]. " +
        "E-mails, phone numbers, card numbers, IBANs, UK postcodes and NI numbers are masked in every text answer before " +
        "anything is stored. The answers become a document of kind observation when the form asks for a location, story " +
        "otherwise. No credentials are needed on a public form; a members-only form needs a member who may contribute. " +
        "Rate limited per IP and per form. An answer longer than its limit is a 413 field_too_large naming it in `fields`; " +
        "a body past MAX_BODY_BYTES a 413 payload_too_large.",
      security: [{}, { bearer: [] }, { cookie: [] }],
      requestBody: body(submissionBodySchema),
      responses: {
        "201": ok("Received", {
          type: "object",
          properties: {
            documentId: { type: "string" },
            receipt: {
              type: "object",
              properties: { token: { type: "string" }, url: { type: "string" } },
              required: ["token", "url"],
            },
          },
          required: ["documentId", "receipt"],
        }),
        ...errors(400, 401, 403, 404, 413, 429),
        ...closed,
        ...unprocessable,
      },
    },
  },
  "/api/v1/receipts/{token}": {
    parameters: [pathParam("token")],
    get: {
      summary: "What a contributor gave and its state; the token in the receipt link is the only credential",
      security: [{}],
      responses: { "200": ok("Receipt", ref("Receipt")), ...receiptErrors },
    },
    delete: {
      summary: "Withdraw a contribution: its document, codings and memos are deleted and the withdrawal is audited",
      security: [{}],
      responses: {
        "204": ok("Withdrawn"),
        ...receiptErrors,
        "410": {
          description: "Already withdrawn (already_withdrawn)",
          content: { "application/json": { schema: ref("Error") } },
        },
      },
    },
  },
};
