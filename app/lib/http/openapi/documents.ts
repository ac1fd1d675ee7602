import { documentKinds } from "../../../../db/kinds";
import {
  createCodeSchema,
  createCodingSchema,
  createDocumentSchema,
  memoSchema,
  mergeCodeSchema,
  updateCodeSchema,
  updateCodingSchema,
  updateDocumentSchema,
} from "../../validation/schemas";
import { redactionSchema } from "../../services/redactions.server";
import { arrayOf, body, errors, ok, pathParam, projectPath, ref } from "./helpers";

export const documentSchemas = {
  Memo: {
    type: "object",
    properties: {
      id: { type: "string" },
      body: { type: "string" },
      authorId: { type: ["string", "null"] },
      authorName: { type: ["string", "null"] },
      createdAt: { type: "string", format: "date-time" },
      importedAuthor: {
        type: ["object", "null"],
        description: "A memo imported from a REFI-QDA file whose writer matched no member: the name the file gives and the tool it came from",
        properties: { name: { type: "string" }, from: { type: ["string", "null"] } },
      },
    },
    required: ["id", "body", "createdAt"],
  },
  DocumentSummary: {
    type: "object",
    properties: {
      id: { type: "string" },
      title: { type: "string" },
      kind: { type: "string", enum: [...documentKinds] },
      caseKey: { type: ["string", "null"] },
    },
    required: ["id", "title", "kind", "caseKey"],
  },
  Coding: {
    type: "object",
    properties: {
      id: { type: "string" },
      codeId: { type: "string" },
      start: { type: "integer", description: "0-based UTF-16 offset" },
      end: { type: "integer", description: "exclusive" },
      quote: { type: "string" },
      authorId: { type: "string" },
      memo: { type: "string" },
      createdAt: { type: "string", format: "date-time" },
      orphaned: { type: "boolean", description: "all of its text was deleted" },
    },
    required: ["id", "codeId", "start", "end", "quote"],
  },
  Document: {
    type: "object",
    description: "The live state, including edits made a moment ago in the editor.",
    properties: {
      id: { type: "string" },
      projectId: { type: "string" },
      title: { type: "string" },
      kind: { type: "string", enum: [...documentKinds] },
      caseKey: { type: ["string", "null"] },
      attributes: { type: "object" },
      done: { type: "boolean", description: "Marked fully coded; only done documents count in a sample's estimates" },
      doneAt: { type: ["string", "null"], format: "date-time", description: "Server time of the last change to done" },
      text: { type: "string" },
      codings: { type: "array", items: ref("Coding") },
    },
    required: ["id", "projectId", "title", "kind", "caseKey", "attributes", "text", "codings"],
  },
  Code: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      parentId: { type: ["string", "null"] },
      color: { type: "string" },
      description: { type: "string" },
      codable: { type: "boolean", description: "false for a folder (REFI-QDA isCodable=\"false\"): it groups codes and cannot be applied" },
    },
    required: ["id", "name", "parentId", "color"],
  },
};

const documentPath = pathParam("documentId");
const codePath = pathParam("codeId");

const memoList = (what: string) => ({
  get: { summary: `Memos on the ${what}`, responses: { "200": ok("Memos", arrayOf("memos", ref("Memo"))), ...errors(401, 403, 404) } },
  post: {
    summary: `Add a memo on the ${what}`,
    requestBody: body(memoSchema),
    responses: { "201": ok("Created", ref("Memo")), ...errors(400, 401, 403, 404) },
  },
});

export const documentPaths = {
  "/api/v1/projects/{projectId}/documents": {
    parameters: [projectPath],
    get: {
      summary: "The project's documents (filter with ?q= on the title and ?kind=)",
      responses: { "200": ok("Documents", arrayOf("documents", ref("DocumentSummary"))), ...errors(401, 403, 404) },
    },
    post: {
      summary: "Add a document; its text becomes a live, collaboratively edited doc",
      requestBody: body(createDocumentSchema),
      responses: { "201": ok("Created", ref("DocumentSummary")), ...errors(400, 401, 403, 404, 413) },
    },
  },
  "/api/v1/documents/{documentId}": {
    parameters: [documentPath],
    get: { summary: "The live document with its codings", responses: { "200": ok("Document", ref("Document")), ...errors(401, 404) } },
    patch: {
      summary: "Change title, kind, case key or attributes (documents:edit), or mark it done (documents:done: coders too)",
      requestBody: body(updateDocumentSchema),
      responses: { "200": ok("Updated", ref("DocumentSummary")), ...errors(400, 401, 403, 404) },
    },
    delete: { summary: "Delete a document with its codings", responses: { "204": ok("Deleted"), ...errors(401, 403, 404) } },
  },
  "/api/v1/documents/{documentId}/codings": {
    parameters: [documentPath],
    post: {
      summary: "Code a range of the live text; open editors show it at once",
      requestBody: body(createCodingSchema),
      responses: {
        "201": ok("Created", {
          type: "object",
          properties: { id: { type: "string" }, codeId: { type: "string" }, start: { type: "integer" }, end: { type: "integer" }, quote: { type: "string" } },
        }),
        ...errors(400, 401, 403, 404),
        "422": { description: "Empty range, range outside the text, a code not in this project, or a folder (code_not_codable)", content: { "application/json": { schema: ref("Error") } } },
      },
    },
  },
  "/api/v1/documents/{documentId}/redactions": {
    parameters: [documentPath],
    post: {
      summary:
        "Redact a range of the live text by hand: it becomes [LABEL] in open editors at once, and the original is erased from the update log, the snapshot, the projection and a contribution's stored answers",
      requestBody: body(redactionSchema),
      responses: {
        "200": ok("Redacted", {
          type: "object",
          properties: {
            start: { type: "integer", description: "where the placeholder now starts" },
            end: { type: "integer", description: "where it ends (exclusive)" },
            placeholder: { type: "string" },
            redactedLength: { type: "integer", description: "characters taken out" },
            textLength: { type: "integer", description: "the text's length afterwards" },
            answersRedacted: { type: "integer", description: "stored answers of the contribution redacted too" },
          },
          required: ["start", "end", "placeholder", "redactedLength", "textLength", "answersRedacted"],
        }),
        ...errors(400, 401, 403, 404),
        "409": { description: "text_changed: `expected` is not the live text at that range", content: { "application/json": { schema: ref("Error") } } },
        "422": { description: "Empty range, or a range outside the text", content: { "application/json": { schema: ref("Error") } } },
      },
    },
  },
  "/api/v1/codings/{codingId}": {
    parameters: [pathParam("codingId")],
    patch: {
      summary: "Set a coding's memo",
      requestBody: body(updateCodingSchema),
      responses: { "200": ok("Updated"), ...errors(400, 401, 403, 404) },
    },
    delete: { summary: "Remove a coding", responses: { "204": ok("Removed"), ...errors(401, 403, 404) } },
  },
  "/api/v1/projects/{projectId}/codes": {
    parameters: [projectPath],
    get: { summary: "The codebook", responses: { "200": ok("Codes", arrayOf("codes", ref("Code"))), ...errors(401, 403, 404) } },
    post: {
      summary: "Add a code (researchers and owners; coders may propose codes)",
      requestBody: body(createCodeSchema),
      responses: { "201": ok("Created", ref("Code")), ...errors(400, 401, 403, 404), "422": { description: "Unknown parent" } },
    },
  },
  "/api/v1/codes/{codeId}": {
    parameters: [codePath],
    get: {
      summary: "What deleting the code would touch",
      responses: { "200": ok("Impact: codings, documents, children"), ...errors(401, 404) },
    },
    patch: {
      summary: "Rename, recolour, describe or move a code",
      requestBody: body(updateCodeSchema),
      responses: { "200": ok("Updated", ref("Code")), ...errors(400, 401, 403, 404), "422": { description: "A move under itself" } },
    },
    delete: {
      summary: "Delete a code: its codings are removed, its sub-codes move up",
      responses: { "204": ok("Deleted"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/codes/{codeId}/merge": {
    parameters: [codePath],
    post: {
      summary: "Merge this code into another: codings are recoded, sub-codes moved, this code deleted",
      requestBody: body(mergeCodeSchema),
      responses: { "200": ok("The target code", ref("Code")), ...errors(400, 401, 403, 404), "422": { description: "Invalid merge" } },
    },
  },
  "/api/v1/documents/{documentId}/memos": { parameters: [documentPath], ...memoList("document") },
  "/api/v1/codes/{codeId}/memos": { parameters: [codePath], ...memoList("code") },
  "/api/v1/memos/{memoId}": {
    parameters: [pathParam("memoId")],
    delete: { summary: "Delete a memo (its author, or an owner)", responses: { "204": ok("Deleted"), ...errors(401, 403, 404) } },
  },
};
