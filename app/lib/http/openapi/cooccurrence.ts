import { cooccurrenceModes, MAX_COOCCURRENCE_DOCUMENTS, MAX_PASSAGE_PAGE, MAX_WITHIN } from "../../analysis/cooccurrence-query";
import { XLSX_TYPE } from "../../analysis/xlsx.server";
import { errors, ok, projectPath, queryParam, ref, requiredQuery } from "./helpers";


/** What makes two codings co-occur; shared by the matrix and its passages. */
const nearness = [
  queryParam("mode", "overlap: the codings share a character; proximity: their gap is at most `within`", {
    type: "string",
    enum: [...cooccurrenceModes],
    default: "overlap",
  }),
  queryParam("within", "Proximity only: the largest gap in characters (0: touching or overlapping)", {
    type: "integer",
    minimum: 0,
    maximum: MAX_WITHIN,
    default: 0,
  }),
  queryParam("documents", `Up to ${MAX_COOCCURRENCE_DOCUMENTS} document ids of this project, comma-separated; default every document in analysis`),
];

const codingEnd = {
  type: "object",
  properties: { codingId: { type: "string" }, start: { type: "integer" }, end: { type: "integer" }, quote: { type: "string" } },
  required: ["codingId", "start", "end", "quote"],
};

export const cooccurrenceSchemas = {
  CooccurrenceCell: {
    type: "object",
    description: "A pair of different codes, `a` listed before `b` in `codes`; pairs that never co-occur are left out",
    properties: {
      a: { type: "string" },
      b: { type: "string" },
      pairs: { type: "integer", description: "Pairs (coding of a, coding of b) in the same document that co-occur" },
      documents: { type: "integer", description: "Documents with at least one such pair" },
    },
    required: ["a", "b", "pairs", "documents"],
  },
  CooccurrencePassage: {
    type: "object",
    properties: { documentId: { type: "string" }, documentTitle: { type: "string" }, a: codingEnd, b: codingEnd },
    required: ["documentId", "documentTitle", "a", "b"],
  },
};

export const cooccurrencePaths = {
  "/api/v1/projects/{projectId}/cooccurrence": {
    get: {
      summary: "Code co-occurrence matrix: codings that overlap, or lie within N characters, in the same document",
      description:
        "Codes in codebook order. With `?format=csv` or `Accept: text/csv`, a square CSV download (cooccurrence.csv): " +
        "header `code,<code names…>`, one row per code with its pair counts, the diagonal empty. `?format=xlsx` downloads the " +
        "same table as cooccurrence.xlsx, with a title row naming the mode. Readers of the project may ask.",
      parameters: [
        projectPath,
        ...nearness,
        queryParam("format", "json (default), csv or xlsx", { type: "string", enum: ["json", "csv", "xlsx"] }),
      ],
      responses: {
        "200": {
          description: "The matrix",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  mode: { type: "string", enum: [...cooccurrenceModes] },
                  within: { type: ["integer", "null"], description: "null in overlap mode" },
                  codes: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: { id: { type: "string" }, name: { type: "string" }, color: { type: "string" } },
                      required: ["id", "name", "color"],
                    },
                  },
                  cells: { type: "array", items: ref("CooccurrenceCell") },
                },
                required: ["mode", "within", "codes", "cells"],
              },
            },
            "text/csv": { schema: { type: "string" }, example: "code,Hope,Fear\nHope,,2\nFear,2,\n" },
            [XLSX_TYPE]: { schema: { type: "string", format: "binary" } },
          },
        },
        ...errors(400, 401, 403, 404),
      },
    },
  },
  "/api/v1/projects/{projectId}/cooccurrence/passages": {
    get: {
      summary: "The pairs of codings behind one co-occurrence cell",
      description: "By document title, then position. Readers of the project may ask.",
      parameters: [
        projectPath,
        requiredQuery("a", "A code id of this project"),
        requiredQuery("b", "Another code id of this project"),
        ...nearness,
        queryParam("offset", "Pairs to skip", { type: "integer", minimum: 0, default: 0 }),
        queryParam("limit", "Page size", { type: "integer", minimum: 1, maximum: MAX_PASSAGE_PAGE, default: 50 }),
      ],
      responses: {
        "200": ok("A page of pairs", {
          type: "object",
          properties: {
            passages: { type: "array", items: ref("CooccurrencePassage") },
            total: { type: "integer" },
            offset: { type: "integer" },
            limit: { type: "integer" },
          },
          required: ["passages", "total", "offset", "limit"],
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
