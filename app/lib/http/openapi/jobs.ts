import { jobStatuses } from "../../../../db/schema-sandwich";
import { MIN_PER_CLASS } from "../../classifier";
import { trainModelSchema } from "../../models/models.server";
import { arrayOf, body, errors, ok, pathParam, projectPath, ref } from "./helpers";

const cv = {
  type: "object",
  description: "Cross-validated (5 folds, out-of-fold probabilities at 0.5)",
  properties: { precision: { type: "number" }, recall: { type: "number" }, f1: { type: "number" } },
  required: ["precision", "recall", "f1"],
};
const termList = { type: "array", items: { type: "object", properties: { term: { type: "string" }, weight: { type: "number" } }, required: ["term", "weight"] } };

export const jobSchemas = {
  Job: {
    type: "object",
    description: "A background job of a project. `result` when done (its shape depends on `kind`), `error` when failed.",
    properties: {
      id: { type: "string" },
      projectId: { type: "string" },
      kind: { type: "string", description: "e.g. model.train" },
      status: { type: "string", enum: [...jobStatuses] },
      progress: { type: "number", minimum: 0, maximum: 1 },
      result: {},
      error: { type: "string" },
      cancelRequested: { type: "boolean" },
      createdBy: { type: ["string", "null"] },
      createdAt: { type: "string", format: "date-time" },
      startedAt: { type: ["string", "null"], format: "date-time" },
      finishedAt: { type: ["string", "null"], format: "date-time" },
    },
    required: ["id", "kind", "status", "progress"],
  },
  ModelJobResult: {
    type: "object",
    description: "The `result` of a model.train job",
    properties: {
      modelId: { type: "string" },
      codeId: { type: "string" },
      trainedOn: { type: "integer", description: "Done documents the model learnt from" },
      cv,
      scored: { type: "integer", description: "Rows of the dataset scored" },
      column: { type: "string", description: "The dataset's number column holding each row's probability" },
    },
    required: ["modelId", "codeId", "trainedOn", "cv", "scored", "column"],
  },
  CodeModel: {
    type: "object",
    properties: {
      id: { type: "string" },
      sampleId: { type: "string" },
      codeId: { type: "string" },
      trainedOn: { type: "integer" },
      positives: { type: "integer" },
      cv,
      terms: { type: "object", description: "The 20 terms weighing most for and against the code", properties: { for: termList, against: termList }, required: ["for", "against"] },
      column: { type: ["string", "null"], description: "Null until the scores are written" },
      jobId: { type: ["string", "null"] },
      createdAt: { type: "string", format: "date-time" },
      appliedAt: { type: ["string", "null"], format: "date-time" },
    },
    required: ["id", "sampleId", "codeId", "trainedOn", "positives", "cv", "terms", "column", "appliedAt"],
  },
};

export const jobPaths = {
  "/api/v1/jobs/{jobId}": {
    parameters: [pathParam("jobId")],
    get: { summary: "A background job: status, progress, result or error", responses: { "200": ok("The job", ref("Job")), ...errors(401, 403, 404) } },
    delete: {
      summary: "Cancel a job: a queued one at once, a running one at its next batch (it then leaves nothing half-written)",
      responses: { "202": ok("Cancel requested; the job as it is now", ref("Job")), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/projects/{projectId}/jobs": {
    parameters: [projectPath],
    get: { summary: "The project's last 100 jobs, newest first", responses: { "200": ok("Jobs", arrayOf("jobs", ref("Job"))), ...errors(401, 403, 404) } },
  },
  "/api/v1/samples/{sampleId}/models": {
    parameters: [pathParam("sampleId")],
    get: { summary: "The sample's models, newest first", responses: { "200": ok("Models", arrayOf("models", ref("CodeModel"))), ...errors(401, 403, 404) } },
    post: {
      summary:
        "Learn a code from the sample's done documents and score every row of its text column, in the background. " +
        "The job's result is a ModelJobResult; the scores become a number column `p_<code name>` of the dataset.",
      requestBody: body(trainModelSchema),
      responses: {
        "202": ok("Queued", { type: "object", properties: { jobId: { type: "string" } }, required: ["jobId"] }),
        ...errors(400, 401, 403, 404),
        "422": {
          description: `not_enough_examples: fewer than ${MIN_PER_CLASS} done documents with the code or ${MIN_PER_CLASS} without; fields give positives, negatives, morePositivesNeeded, moreNegativesNeeded`,
          content: { "application/json": { schema: ref("Error") } },
        },
      },
    },
  },
};
