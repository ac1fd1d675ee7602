import { CONTEXT_CHARS } from "../../search/kwic";
import { codeHitsSchema, MAX_SEARCH_LIMIT, undoCodeHitsSchema } from "../../search/search-query";
import { body, errors, ok, projectPath, queryParam, requiredQuery } from "./helpers";

export const searchSchemas = {
  SearchHit: {
    type: "object",
    description: `One occurrence: text.slice(start, end) is \`match\`; up to ${CONTEXT_CHARS} characters of context either side (whitespace runs as one space)`,
    properties: {
      documentId: { type: "string" },
      documentTitle: { type: "string" },
      start: { type: "integer" },
      end: { type: "integer" },
      before: { type: "string" },
      match: { type: "string" },
      after: { type: "string" },
    },
    required: ["documentId", "documentTitle", "start", "end", "before", "match", "after"],
  },
};

const hit = { $ref: "#/components/schemas/SearchHit" };

export const searchPaths = {
  "/api/v1/projects/{projectId}/search": {
    get: {
      summary: "Full-text search over the documents in analysis, as keyword-in-context hits",
      description:
        "`word` matches the whole word in any case, `word*` words starting with it, `\"a phrase\"` the words in order, " +
        "`-word` leaves out documents holding it; every term must be in a document. Hits by document title, then position; " +
        "`documents` lists every matching document with its number of hits. Readers of the project may ask.",
      parameters: [
        projectPath,
        requiredQuery("q", "The query (400 `empty_query` when it holds no word)", { type: "string", maxLength: 500 }),
        queryParam("offset", "Hits to skip", { type: "integer", minimum: 0, default: 0 }),
        queryParam("limit", "Page size", { type: "integer", minimum: 1, maximum: MAX_SEARCH_LIMIT, default: 50 }),
      ],
      responses: {
        "200": ok("A page of hits", {
          type: "object",
          properties: {
            query: { type: "string" },
            total: { type: "integer" },
            offset: { type: "integer" },
            limit: { type: "integer" },
            documents: {
              type: "array",
              items: {
                type: "object",
                properties: { id: { type: "string" }, title: { type: "string" }, hits: { type: "integer" } },
                required: ["id", "title", "hits"],
              },
            },
            hits: { type: "array", items: hit },
          },
          required: ["query", "total", "offset", "limit", "documents", "hits"],
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  "/api/v1/projects/{projectId}/search/code": {
    post: {
      summary: "Code every hit of a search with one code, in one action",
      description:
        "Hits already coded with that code at the same range are skipped. Keep `codingIds` to undo. Those who may edit codings.",
      parameters: [projectPath],
      requestBody: body(codeHitsSchema),
      responses: {
        "200": ok("What was coded", {
          type: "object",
          properties: {
            codingIds: { type: "array", items: { type: "string" } },
            coded: { type: "integer" },
            skippedAlreadyCoded: { type: "integer" },
          },
          required: ["codingIds", "coded", "skippedAlreadyCoded"],
        }),
        ...errors(400, 401, 403, 404),
        "422": { description: "`unknown_code`: not a code of this project" },
      },
    },
  },
  "/api/v1/projects/{projectId}/search/code/undo": {
    post: {
      summary: "Undo a \"code all hits\": remove those of its codings still present, and no others",
      parameters: [projectPath],
      requestBody: body(undoCodeHitsSchema),
      responses: {
        "200": ok("How many were removed", {
          type: "object",
          properties: { removed: { type: "integer" }, codingIds: { type: "array", items: { type: "string" } } },
          required: ["removed", "codingIds"],
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
};
