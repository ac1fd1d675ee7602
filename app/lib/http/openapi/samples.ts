import { drawSampleSchema, extendSampleSchema } from "../../samples/schemas";
import { MAX_SAMPLE_SIZE } from "../../samples/types";
import { arrayOf, body, errors, ok, pathParam, ref } from "./helpers";

const invalidSample = {
  "422": {
    description:
      `invalid_sample: an unknown column, a text column that is not text, a size below 1, above ${MAX_SAMPLE_SIZE} ` +
      "or past the rows with text, a minimum per stratum the size cannot hold; the message names the problem",
    content: { "application/json": { schema: ref("Error") } },
  },
};

export const sampleSchemas = {
  Sample: {
    type: "object",
    description:
      "A stratified random sample of a dataset's text column; each drawn row is a `record` document whose case key is the row's key. " +
      "Within each stratum rows are taken in the order of md5(seed || ':' || key), so the same seed draws the same rows and a wave takes the next ones.",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      datasetId: { type: "string" },
      textColumn: { type: "string" },
      strataColumn: { type: ["string", "null"] },
      size: { type: "integer", description: "Rows drawn by design over all waves" },
      seed: { type: "integer" },
      minPerStratum: { type: "integer" },
      waves: { type: "integer" },
      strata: {
        type: "array",
        description: "The design; one stratum with value null when there is no strata column",
        items: {
          type: "object",
          properties: {
            value: { type: ["string", "null"], description: "The strata column's value as text; null for empty values" },
            population: { type: "integer", description: "Rows of the stratum with text" },
            sampled: { type: "integer" },
            done: { type: "integer" },
          },
          required: ["value", "population", "sampled", "done"],
        },
      },
      documentIds: { type: "array", items: { type: "string" }, description: "The record documents that still exist, in draw order" },
      done: { type: "integer", description: "Documents marked done" },
      missing: { type: "integer", description: "Drawn rows whose document has been deleted" },
      emptySkipped: { type: "integer", description: "Rows skipped because their text was empty" },
      createdAt: { type: "string", format: "date-time" },
    },
    required: ["id", "name", "datasetId", "textColumn", "strataColumn", "size", "seed", "strata", "documentIds", "done", "missing", "emptySkipped"],
  },
  SampleSummary: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      datasetId: { type: "string" },
      textColumn: { type: "string" },
      strataColumn: { type: ["string", "null"] },
      size: { type: "integer" },
      done: { type: "integer" },
      missing: { type: "integer" },
      createdAt: { type: "string", format: "date-time" },
    },
    required: ["id", "name", "size", "done"],
  },
};

const samplePath = pathParam("sampleId");

export const samplePaths = {
  "/api/v1/datasets/{datasetId}/samples": {
    parameters: [pathParam("datasetId")],
    get: {
      summary: "The dataset's samples, newest first, with their progress",
      responses: { "200": ok("Samples", arrayOf("samples", ref("SampleSummary"))), ...errors(401, 403, 404) },
    },
    post: {
      summary: `Draw a stratified random sample (1–${MAX_SAMPLE_SIZE} rows) of a text column as record documents`,
      description:
        "Proportional allocation by largest remainders, with minPerStratum rows at least from each stratum; empty texts are skipped and counted. " +
        "seed defaults to a random integer. Everything is written in one transaction.",
      requestBody: body(drawSampleSchema),
      responses: { "201": ok("Drawn", ref("Sample")), ...errors(400, 401, 403, 404, 409), ...invalidSample },
    },
  },
  "/api/v1/samples/{sampleId}": {
    parameters: [samplePath],
    get: { summary: "A sample with its design and progress", responses: { "200": ok("Sample", ref("Sample")), ...errors(401, 403, 404) } },
    delete: {
      summary: "Delete a sample with its record documents and their codings",
      responses: { "204": ok("Deleted"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/samples/{sampleId}/waves": {
    parameters: [samplePath],
    post: {
      summary: "Extend the sample to a new total size: a new wave, each stratum taking its next rows in hash order",
      requestBody: body(extendSampleSchema),
      responses: { "201": ok("Extended", ref("Sample")), ...errors(400, 401, 403, 404), ...invalidSample },
    },
  },
};
