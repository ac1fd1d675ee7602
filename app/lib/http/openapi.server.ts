import { projectRoles } from "../../../db/roles";
import { arrayOf, body, errors, ok, projectPath, ref } from "./openapi/helpers";
import { accountPaths, accountSchemas } from "./openapi/account";
import { agreementPaths, agreementSchemas } from "./openapi/agreement";
import { caseKeyPaths } from "./openapi/case-keys";
import { cooccurrencePaths, cooccurrenceSchemas } from "./openapi/cooccurrence";
import { searchPaths, searchSchemas } from "./openapi/search";
import { frequencyPaths, frequencySchemas } from "./openapi/frequencies";
import { estimatePaths, estimateSchemas } from "./openapi/estimates";
import { datasetPaths, datasetSchemas } from "./openapi/datasets";
import { documentPaths, documentSchemas } from "./openapi/documents";
import { exchangePaths } from "./openapi/exchange";
import { refiImportPaths } from "./openapi/refi-import";
import { findingPaths, findingSchemas } from "./openapi/findings";
import { formPaths, formSchemas } from "./openapi/forms";
import { inboxPaths, inboxSchemas } from "./openapi/inbox";
import { roundPaths, roundSchemas } from "./openapi/rounds";
import { samplePaths, sampleSchemas } from "./openapi/samples";
import { segmentPaths, segmentSchemas } from "./openapi/segments";
import { jobPaths, jobSchemas } from "./openapi/jobs";
import {
  addMemberSchema,
  createProjectSchema,
  createTokenSchema,
  loginSchema,
  signupSchema,
  updateMemberSchema,
  updateProjectSchema,
} from "../validation/schemas";

export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Thicket API",
      version: "1",
      description:
        "Authenticate with the session cookie from signup/login, or `Authorization: Bearer <token>` " +
        "with a personal access token. Errors are `{ error: { code, message } }`. Unknown JSON fields are ignored.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "thicket_session" },
      },
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                fields: { type: "object", additionalProperties: { type: "string" } },
              },
              required: ["code", "message"],
            },
          },
          required: ["error"],
        },
        User: {
          type: "object",
          properties: { id: { type: "string" }, email: { type: "string" }, name: { type: "string" } },
          required: ["id", "email", "name"],
        },
        Role: { type: "string", enum: [...projectRoles] },
        ProjectSummary: {
          type: "object",
          properties: { id: { type: "string" }, name: { type: "string" }, role: ref("Role") },
          required: ["id", "name", "role"],
        },
        Project: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            description: { type: "string" },
            role: ref("Role"),
          },
          required: ["id", "name", "description", "role"],
        },
        ...accountSchemas,
        ...documentSchemas,
        ...datasetSchemas,
        ...segmentSchemas,
        ...sampleSchemas,
        ...jobSchemas,
        ...formSchemas,
        ...inboxSchemas,
        ...findingSchemas,
        ...agreementSchemas,
        ...cooccurrenceSchemas,
        ...searchSchemas,
        ...roundSchemas,
        ...frequencySchemas,
        ...estimateSchemas,
        Member: {
          type: "object",
          properties: {
            userId: { type: "string" },
            email: {
              type: ["string", "null"],
              description: "Null unless the caller is an owner, researcher or coder (everyone sees their own).",
            },
            name: { type: "string" },
            role: ref("Role"),
            joinedAt: { type: "string", format: "date-time" },
          },
          required: ["userId", "email", "name", "role", "joinedAt"],
        },
      },
    },
    paths: {
      ...documentPaths,
      ...caseKeyPaths,
      ...datasetPaths,
      ...segmentPaths,
      ...samplePaths,
      ...jobPaths,
      ...formPaths,
      ...inboxPaths,
      ...findingPaths,
      ...agreementPaths,
      ...cooccurrencePaths,
      ...searchPaths,
      ...roundPaths,
      ...frequencyPaths,
      ...estimatePaths,
      ...exchangePaths,
      ...refiImportPaths,
      "/api/v1/auth/signup": {
        post: {
          summary: "Create an account and start a session",
          security: [],
          requestBody: body(signupSchema),
          responses: {
            "201": ok("Created; sets the session cookie", { type: "object", properties: { user: ref("User") } }),
            ...errors(400, 409, 413, 429),
          },
        },
      },
      "/api/v1/auth/login": {
        post: {
          summary: "Start a session",
          security: [],
          requestBody: body(loginSchema),
          responses: {
            "200": ok("Logged in; sets the session cookie", { type: "object", properties: { user: ref("User") } }),
            ...errors(400, 401, 429),
          },
        },
      },
      "/api/v1/auth/logout": {
        post: { summary: "End this session server-side", responses: { "204": ok("Logged out"), ...errors(401) } },
      },
      "/api/v1/me": {
        get: {
          summary: "Who is calling",
          responses: { "200": ok("The caller", { type: "object", properties: { user: ref("User") } }), ...errors(401) },
        },
      },
      ...accountPaths,
      "/api/v1/tokens": {
        get: {
          summary: "List your personal access tokens (never their secrets)",
          responses: { "200": ok("Tokens", arrayOf("tokens", { type: "object" })), ...errors(401) },
        },
        post: {
          summary: "Create a personal access token; the token is shown once",
          requestBody: body(createTokenSchema),
          responses: {
            "201": ok("Created", {
              type: "object",
              properties: { id: { type: "string" }, name: { type: "string" }, token: { type: "string" } },
            }),
            ...errors(400, 401),
          },
        },
      },
      "/api/v1/tokens/{tokenId}": {
        delete: {
          summary: "Revoke one of your tokens",
          parameters: [{ name: "tokenId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": ok("Revoked"), ...errors(401, 404) },
        },
      },
      "/api/v1/projects": {
        get: {
          summary: "Your projects with your role",
          responses: { "200": ok("Projects", arrayOf("projects", ref("ProjectSummary"))), ...errors(401) },
        },
        post: {
          summary: "Create a project; you become its owner",
          requestBody: body(createProjectSchema),
          responses: { "201": ok("Created", ref("Project")), ...errors(400, 401) },
        },
      },
      "/api/v1/projects/{projectId}": {
        parameters: [projectPath],
        get: { summary: "One project", responses: { "200": ok("Project", ref("Project")), ...errors(401, 404) } },
        patch: {
          summary: "Rename or describe a project (owners)",
          requestBody: body(updateProjectSchema),
          responses: { "200": ok("Updated", ref("Project")), ...errors(400, 401, 403, 404) },
        },
        delete: { summary: "Delete a project and everything in it (owners)", responses: { "204": ok("Deleted"), ...errors(401, 403, 404) } },
      },
      "/api/v1/projects/{projectId}/members": {
        parameters: [projectPath],
        get: {
          summary: "Members and their roles",
          responses: { "200": ok("Members", arrayOf("members", ref("Member"))), ...errors(401, 404) },
        },
        post: {
          summary: "Add an existing user by email with a role (owners)",
          requestBody: body(addMemberSchema),
          responses: {
            "201": ok("Added", { type: "object", properties: { userId: { type: "string" }, role: ref("Role") } }),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      "/api/v1/projects/{projectId}/members/{userId}": {
        parameters: [projectPath, { name: "userId", in: "path", required: true, schema: { type: "string" } }],
        patch: {
          summary: "Change a member's role (owners); the last owner cannot be demoted",
          requestBody: body(updateMemberSchema),
          responses: { "200": ok("Changed"), ...errors(400, 401, 403, 404, 409) },
        },
        delete: {
          summary: "Remove a member (owners), or leave the project (yourself)",
          responses: { "204": ok("Removed"), ...errors(401, 403, 404, 409) },
        },
      },
    },
  };
}
