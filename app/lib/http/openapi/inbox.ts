import { documentKinds, submissionStatuses } from "../../../../db/kinds";
import { reviewSchema } from "../../contributions/review-input";
import { arrayOf, body, errors, ok, pathParam, projectPath, queryParam, ref } from "./helpers";

const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] });
const status = { type: "string", enum: [...submissionStatuses] };

export const inboxSchemas = {
  InboxItem: {
    type: "object",
    description: "A submission as the research team sees it in the inbox.",
    properties: {
      id: { type: "string" },
      formId: { type: "string" },
      formTitle: { type: "string", description: "the title of the version answered" },
      formVersion: { type: "integer" },
      documentId: nullable({ type: "string" }),
      documentTitle: nullable({ type: "string" }),
      kind: nullable({ type: "string", enum: [...documentKinds] }),
      caseKey: nullable({ type: "string" }),
      excerpt: nullable({ type: "string", description: "the first 280 characters of the (masked) text" }),
      length: nullable({ type: "integer" }),
      status,
      tags: { type: "array", items: { type: "string" } },
      rejectReason: nullable({ type: "string" }),
      submittedAt: { type: "string", format: "date-time" },
      decidedAt: nullable({ type: "string", format: "date-time" }),
      submitterName: nullable({ type: "string", description: "null for an anonymous contributor" }),
      deciderName: nullable({ type: "string" }),
    },
    required: ["id", "formId", "formTitle", "formVersion", "status", "tags", "submittedAt"],
  },
  MyContribution: {
    type: "object",
    properties: {
      id: { type: "string" },
      projectId: { type: "string" },
      status,
      submittedAt: { type: "string", format: "date-time" },
      decidedAt: nullable({ type: "string", format: "date-time" }),
      values: { type: "object", additionalProperties: true, description: "as stored (masked); absent once withdrawn" },
      rejectReason: { type: "string" },
      form: {
        type: "object",
        properties: {
          title: { type: "string" },
          projectName: { type: "string" },
          fields: { type: "array", items: { type: "object", properties: { name: { type: "string" }, label: { type: "string" }, type: { type: "string" } } } },
        },
      },
    },
    required: ["id", "projectId", "status", "submittedAt", "form"],
  },
};

const counts = {
  type: "object",
  properties: Object.fromEntries(submissionStatuses.map((s) => [s, { type: "integer" }])),
  required: [...submissionStatuses],
};

export const inboxPaths = {
  "/api/v1/projects/{projectId}/submissions": {
    parameters: [projectPath],
    get: {
      summary: "The contributions inbox, newest first, with counts per status (owners, researchers)",
      parameters: [
        queryParam("status", `one of ${submissionStatuses.join(", ")}; absent for all`),
        queryParam("formId", "one form's submissions"),
        queryParam("tag", "submissions with this tag, whatever its case"),
      ],
      responses: {
        "200": ok("Inbox", {
          type: "object",
          properties: { submissions: { type: "array", items: ref("InboxItem") }, counts },
          required: ["submissions", "counts"],
        }),
        ...errors(401, 403, 404),
      },
    },
  },
  "/api/v1/submissions/{submissionId}": {
    parameters: [pathParam("submissionId")],
    get: {
      summary: "One submission of the inbox (owners, researchers)",
      responses: { "200": ok("Submission", ref("InboxItem")), ...errors(401, 403, 404) },
    },
    patch: {
      summary: "Accept, reject (with the reason the contributor reads on their receipt), move back to pending, or set tags",
      description:
        "A rejected contribution no longer counts in the matrix until it is accepted or moved back. `tags` replaces the list; " +
        "`addTags` and `removeTags` change the stored list in place. Tags are trimmed and " +
        "deduplicated without regard to case; at most 20 of 40 characters. 409 `withdrawn` once the contributor withdrew it.",
      requestBody: body(reviewSchema),
      responses: { "200": ok("Updated", ref("InboxItem")), ...errors(400, 401, 403, 404, 409) },
    },
  },
  "/api/v1/me/contributions": {
    get: {
      summary: "What the caller contributed while signed in, in every project, newest first",
      responses: { "200": ok("Contributions", arrayOf("contributions", ref("MyContribution"))), ...errors(401) },
    },
  },
  "/api/v1/me/contributions/{submissionId}": {
    parameters: [pathParam("submissionId")],
    delete: {
      summary: "Withdraw one of the caller's own contributions, as the receipt link does",
      responses: {
        "204": ok("Withdrawn"),
        ...errors(401, 404),
        "410": { description: "Already withdrawn (already_withdrawn)", content: { "application/json": { schema: ref("Error") } } },
      },
    },
  },
};
