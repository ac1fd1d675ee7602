import { createRoundSchema } from "../../rounds/round-input";
import { arrayOf, body, errors, ok, pathParam, projectPath, ref } from "./helpers";

const roundPath = pathParam("roundId");

export const roundSchemas = {
  Round: {
    type: "object",
    description:
      "An independent coding round. While it is open each coder codes a layer of their own (websocket room " +
      "`round:<roundId>:<coderId>:<documentId>`, served to that coder only, text fixed) and a coder sees only their own " +
      "progress: others' `codings` and `documentsCoded` are null.",
    properties: {
      id: { type: "string" },
      projectId: { type: "string" },
      name: { type: "string" },
      instructions: { type: "string" },
      status: { type: "string", enum: ["open", "revealed"] },
      createdAt: { type: "string", format: "date-time" },
      revealedAt: { type: ["string", "null"], format: "date-time" },
      coders: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            codings: { type: ["integer", "null"] },
            documentsCoded: { type: ["integer", "null"] },
          },
          required: ["id", "name", "codings", "documentsCoded"],
        },
      },
      documents: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            title: { type: "string" },
            codingsByCoder: { type: "object", additionalProperties: { type: "integer" }, description: "coder id → codings, as visible to the caller" },
          },
          required: ["id", "title", "codingsByCoder"],
        },
      },
    },
    required: ["id", "projectId", "name", "instructions", "status", "createdAt", "revealedAt", "coders", "documents"],
  },
};

export const roundPaths = {
  "/api/v1/projects/{projectId}/rounds": {
    get: {
      summary: "Coding rounds: every round for owners and researchers, the ones they code in for coders",
      parameters: [projectPath],
      responses: { "200": ok("The rounds, newest first", arrayOf("rounds", ref("Round"))), ...errors(401, 404) },
    },
    post: {
      summary: "Start a round: two to ten coders who may code, documents of this project in no other open round",
      parameters: [projectPath],
      requestBody: body(createRoundSchema),
      responses: {
        "201": ok("Started; each coder's layer starts as a copy of each document's text", ref("Round")),
        ...errors(400, 401, 403, 404, 409, 413),
        "422": { description: "A coder is not a member or cannot code", content: { "application/json": { schema: ref("Error") } } },
      },
    },
  },
  "/api/v1/rounds/{roundId}": {
    get: {
      summary: "A round with its coders, documents and progress",
      parameters: [roundPath],
      responses: { "200": ok("The round", ref("Round")), ...errors(401, 404) },
    },
    delete: {
      summary: "Delete a round; an open round's coding is discarded, a revealed one's stays in the documents",
      parameters: [roundPath],
      responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404) },
    },
  },
  "/api/v1/rounds/{roundId}/reveal": {
    post: {
      summary: "Close the round and add every coder's codings to the documents, under the coder's name",
      description:
        "A coding is put back where its quote still is (the same offsets, or the nearest occurrence if the text changed " +
        "meanwhile); `unplaced` counts those whose quote is gone.",
      parameters: [roundPath],
      responses: {
        "200": ok("Revealed", {
          type: "object",
          properties: { round: ref("Round"), revealed: { type: "integer" }, unplaced: { type: "integer" } },
          required: ["round", "revealed", "unplaced"],
        }),
        ...errors(401, 403, 404, 409),
      },
    },
  },
};
