import { filterOps } from "../../datasets/types";
import { MAX_FILTER_CONDITIONS, MAX_FILTER_DEPTH, MAX_IN_VALUES } from "../../datasets/filter";
import { MAX_EXCERPT_PAGE, MAX_LINK_NOTE, createLinkSchema, updateLinkSchema } from "../../datasets/segment-input";
import { arrayOf, body, errors, ok, pathParam, projectPath, ref } from "./helpers";

const number = { type: ["number", "null"] };
const invalidFilter = {
  "422": {
    description: "invalid_filter: an unknown column or op, a value of the wrong type, or an op the column's type has no use for",
    content: { "application/json": { schema: ref("Error") } },
  },
};
const jsonBody = (schema: object) => ({ required: true, content: { "application/json": { schema } } });

export const segmentSchemas = {
  Filter: {
    description:
      `{"all":[…]} or {"any":[…]}, nestable up to ${MAX_FILTER_DEPTH} groups deep, at most ${MAX_FILTER_CONDITIONS} conditions. ` +
      "An empty group is every row.",
    oneOf: [
      { type: "object", properties: { all: { type: "array", items: ref("FilterNode") } }, required: ["all"], additionalProperties: false },
      { type: "object", properties: { any: { type: "array", items: ref("FilterNode") } }, required: ["any"], additionalProperties: false },
    ],
  },
  FilterNode: { oneOf: [ref("Filter"), ref("FilterCondition")] },
  FilterCondition: {
    type: "object",
    description:
      "lt/lte/gt/gte on integer, number and date columns; contains (case-insensitive, % and _ literal) on text; " +
      `in takes 1–${MAX_IN_VALUES} values; is_null/not_null take no value; neq counts empty cells as different. ` +
      "Values have the column's type: numbers as JSON numbers, booleans as true/false, dates as YYYY-MM-DD.",
    properties: {
      column: { type: "string", description: "The column's name as in the CSV header" },
      op: { type: "string", enum: [...filterOps] },
      value: {},
    },
    required: ["column", "op"],
    additionalProperties: false,
  },
  Segment: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      datasetId: { type: "string" },
      datasetName: { type: "string" },
      filter: ref("Filter"),
      size: { type: "integer", description: "Rows of the dataset in the segment" },
      datasetRows: { type: "integer" },
      stats: {
        type: "object",
        description: "Per numeric column, inside the segment",
        additionalProperties: {
          type: "object",
          properties: { mean: number, median: number, min: number, max: number },
          required: ["mean", "median", "min", "max"],
        },
      },
      comparison: { type: "array", items: ref("SegmentComparison") },
      createdAt: { type: "string", format: "date-time" },
    },
    required: ["id", "name", "datasetId", "filter", "size", "stats"],
  },
  SegmentComparison: {
    type: "object",
    description: "A numeric column's mean inside the segment vs the rest of the dataset",
    properties: { column: { type: "string" }, inside: number, outside: number, difference: number },
    required: ["column", "inside", "outside", "difference"],
  },
  Matrix: {
    type: "object",
    properties: {
      codes: {
        type: "array",
        description: "In codebook order: depth-first, siblings by name",
        items: {
          type: "object",
          properties: { id: { type: "string" }, name: { type: "string" }, parentId: { type: ["string", "null"] }, color: { type: "string" } },
          required: ["id", "name"],
        },
      },
      segments: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            size: { type: "integer" },
            datasetId: { type: "string" },
            datasetRows: { type: "integer" },
            highlights: { type: "array", description: "Up to three numeric columns' means inside vs outside", items: { type: "object" } },
          },
          required: ["id", "name", "size"],
        },
      },
      cells: {
        type: "array",
        description: "Only cells with at least one coding",
        items: {
          type: "object",
          properties: {
            codeId: { type: "string" },
            segmentId: { type: "string" },
            codings: { type: "integer", description: "Codings of the code in documents whose caseKey is a row of the segment" },
            documents: { type: "integer", description: "Distinct such documents" },
            cases: { type: "integer", description: "Distinct such case keys" },
          },
          required: ["codeId", "segmentId", "codings", "documents", "cases"],
        },
      },
    },
    required: ["codes", "segments", "cells"],
  },
  Excerpt: {
    type: "object",
    properties: {
      codingId: { type: "string" },
      codeId: { type: "string" },
      documentId: { type: "string" },
      documentTitle: { type: "string" },
      caseKey: { type: ["string", "null"] },
      start: { type: "integer" },
      end: { type: "integer" },
      quote: { type: "string" },
      authorName: { type: ["string", "null"] },
    },
    required: ["codingId", "codeId", "documentId", "documentTitle", "caseKey", "start", "end", "quote"],
  },
  Representation: {
    type: "object",
    description:
      "Cases of the segment's dataset with at least one document in the project, inside vs outside the segment, " +
      "and how many of them have a coding of the code; two-sided Fisher's exact test; over/under when p < 0.05.",
    properties: {
      codeId: { type: "string" },
      segmentId: { type: "string" },
      inside: ref("RepresentationSide"),
      outside: ref("RepresentationSide"),
      ratio: number,
      pValue: number,
      test: { type: "string", enum: ["fisher_exact"] },
      verdict: { type: "string", enum: ["over", "under", "no_difference", "not_enough_data"] },
    },
    required: ["codeId", "segmentId", "inside", "outside", "ratio", "pValue", "test", "verdict"],
  },
  RepresentationSide: {
    type: "object",
    properties: { cases: { type: "integer" }, withCode: { type: "integer" }, share: number },
    required: ["cases", "withCode", "share"],
  },
  CodeSegmentLink: {
    type: "object",
    properties: {
      id: { type: "string" },
      codeId: { type: "string" },
      codeName: { type: "string" },
      codeColor: { type: "string" },
      segmentId: { type: "string" },
      segmentName: { type: "string" },
      note: { type: "string", maxLength: MAX_LINK_NOTE },
      createdBy: { type: ["string", "null"] },
      createdAt: { type: "string", format: "date-time" },
    },
    required: ["id", "codeId", "segmentId", "note"],
  },
};

const segmentPath = pathParam("segmentId");
const cellQuery = [
  { name: "codeId", in: "query", required: true, schema: { type: "string" } },
  { name: "segmentId", in: "query", required: true, schema: { type: "string" } },
];

const subcodesQuery = {
  name: "subcodes",
  in: "query",
  description: "true: each coding also counts for every ancestor of its code (sub-codes in their parents).",
  schema: { type: "boolean", default: false },
};

export const segmentPaths = {
  "/api/v1/projects/{projectId}/segments": {
    parameters: [projectPath],
    get: { summary: "The project's segments", responses: { "200": ok("Segments", arrayOf("segments", ref("Segment"))), ...errors(401, 403, 404) } },
    post: {
      summary: "Define a segment: a named filter over a dataset; its size and numbers are computed now",
      requestBody: jsonBody({
        type: "object",
        properties: { datasetId: { type: "string" }, name: { type: "string", maxLength: 120 }, filter: ref("Filter") },
        required: ["datasetId", "name", "filter"],
      }),
      responses: { "201": ok("Created: at least {id, name, size}", ref("Segment")), ...errors(400, 401, 403, 404, 409), ...invalidFilter },
    },
  },
  "/api/v1/projects/{projectId}/segments/preview": {
    parameters: [projectPath],
    post: {
      summary: "A filter's size and means inside vs outside, without saving it (the builder's live numbers)",
      requestBody: jsonBody({ type: "object", properties: { datasetId: { type: "string" }, filter: ref("Filter") }, required: ["datasetId", "filter"] }),
      responses: {
        "200": ok("Preview", {
          type: "object",
          properties: { size: { type: "integer" }, datasetRows: { type: "integer" }, comparison: { type: "array", items: ref("SegmentComparison") } },
          required: ["size", "datasetRows", "comparison"],
        }),
        ...errors(400, 401, 403, 404),
        ...invalidFilter,
      },
    },
  },
  "/api/v1/segments/{segmentId}": {
    parameters: [segmentPath],
    get: {
      summary: "A segment with its numbers, a readable description of its filter and its code links",
      responses: { "200": ok("Segment", ref("Segment")), ...errors(401, 404) },
    },
    patch: {
      summary: "Rename a segment or change its filter (its numbers are recomputed)",
      requestBody: jsonBody({ type: "object", properties: { name: { type: "string", maxLength: 120 }, filter: ref("Filter") } }),
      responses: { "200": ok("Updated", ref("Segment")), ...errors(400, 401, 403, 404, 409), ...invalidFilter },
    },
    delete: { summary: "Delete a segment and its code links", responses: { "204": ok("Deleted"), ...errors(401, 403, 404) } },
  },
  "/api/v1/projects/{projectId}/matrix": {
    parameters: [projectPath, subcodesQuery],
    get: {
      summary: "The code × segment matrix",
      description:
        "`?format=csv` or `?format=xlsx` downloads it as codes-by-segments.csv/.xlsx: code, parent code, then codings, " +
        "documents and cases per segment, and a last row of each segment's size.",
      parameters: [{ name: "format", in: "query", schema: { type: "string", enum: ["json", "csv", "xlsx"] } }],
      responses: { "200": ok("Matrix", ref("Matrix")), ...errors(400, 401, 403, 404) },
    },
  },
  "/api/v1/projects/{projectId}/matrix/excerpts": {
    parameters: [
      projectPath,
      ...cellQuery,
      subcodesQuery,
      { name: "offset", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
      { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_EXCERPT_PAGE, default: 50 } },
    ],
    get: {
      summary: "The coded passages behind one cell, by document then position",
      responses: {
        "200": ok("Excerpts", {
          type: "object",
          properties: { excerpts: { type: "array", items: ref("Excerpt") }, total: { type: "integer" }, offset: { type: "integer" }, limit: { type: "integer" } },
          required: ["excerpts", "total"],
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  "/api/v1/projects/{projectId}/matrix/representation": {
    parameters: [projectPath, ...cellQuery, subcodesQuery],
    get: {
      summary: "Is the code over- or under-represented among the segment's cases compared with the rest?",
      responses: { "200": ok("Representation", ref("Representation")), ...errors(400, 401, 403, 404) },
    },
  },
  "/api/v1/segments/{segmentId}/links": {
    parameters: [segmentPath],
    get: { summary: "Codes linked to the segment", responses: { "200": ok("Links", arrayOf("links", ref("CodeSegmentLink"))), ...errors(401, 404) } },
    post: {
      summary: "Link a code to the segment with a short note (\"this code explains this pattern\")",
      requestBody: body(createLinkSchema),
      responses: { "201": ok("Created", ref("CodeSegmentLink")), ...errors(400, 401, 403, 404, 409) },
    },
  },
  "/api/v1/code-segment-links/{linkId}": {
    parameters: [pathParam("linkId")],
    patch: {
      summary: "Change a link's note",
      requestBody: body(updateLinkSchema),
      responses: { "200": ok("Updated", ref("CodeSegmentLink")), ...errors(400, 401, 403, 404) },
    },
    delete: { summary: "Remove a link", responses: { "204": ok("Removed"), ...errors(401, 403, 404) } },
  },
};
