import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Every operation API.md fixes so far: accounts, projects, members, documents, codes, codings, quantitative data. */
const contract = [
  ["post", "/api/v1/auth/signup"],
  ["post", "/api/v1/auth/login"],
  ["post", "/api/v1/auth/logout"],
  ["get", "/api/v1/me"],
  ["post", "/api/v1/tokens"],
  ["post", "/api/v1/projects"],
  ["get", "/api/v1/projects"],
  ["post", "/api/v1/projects/{projectId}/members"],
  ["post", "/api/v1/projects/{projectId}/documents"],
  ["get", "/api/v1/projects/{projectId}/documents"],
  ["get", "/api/v1/documents/{documentId}"],
  ["post", "/api/v1/projects/{projectId}/codes"],
  ["get", "/api/v1/projects/{projectId}/codes"],
  ["post", "/api/v1/documents/{documentId}/codings"],
  ["delete", "/api/v1/codings/{codingId}"],
  ["post", "/api/v1/projects/{projectId}/datasets"],
  ["get", "/api/v1/datasets/{datasetId}"],
  ["post", "/api/v1/projects/{projectId}/segments"],
  ["get", "/api/v1/segments/{segmentId}"],
  ["get", "/api/v1/projects/{projectId}/matrix"],
  ["post", "/api/v1/projects/{projectId}/forms"],
  ["post", "/api/v1/forms/{formId}/submissions"],
  ["get", "/api/v1/receipts/{token}"],
  ["delete", "/api/v1/receipts/{token}"],
] as const;

it("serves an OpenAPI 3.1 document describing every contracted operation", async () => {
  const res = await new ApiClient(server.url).get("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe("3.1.0");
  for (const [method, path] of contract) {
    expect(res.body.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  }
  const signupBody = res.body.paths["/api/v1/auth/signup"].post.requestBody.content["application/json"].schema;
  expect(signupBody.required).toEqual(expect.arrayContaining(["email", "password", "name"]));
  expect(signupBody.properties.password.minLength).toBe(10);
});

it("documents changing the password and ending sessions, and a session's public fields only", async () => {
  const doc = (await new ApiClient(server.url).get("/api/v1/openapi.json")).body;
  const password = doc.paths["/api/v1/me/password"].post;
  expect(Object.keys(password.responses)).toEqual(expect.arrayContaining(["204", "400", "403", "429"]));
  expect(password.requestBody.content["application/json"].schema.properties.newPassword.minLength).toBe(10);
  expect(doc.paths["/api/v1/me/sessions"].get).toBeDefined();
  expect(doc.paths["/api/v1/me/sessions"].delete).toBeDefined();
  expect(doc.paths["/api/v1/me/sessions/{sessionId}"].delete.responses["404"]).toBeDefined();
  expect(Object.keys(doc.components.schemas.Session.properties).sort()).toEqual(
    ["createdAt", "current", "expiresAt", "id", "ip", "lastSeenAt", "userAgent"],
  );
});

it("documents only paths that the server actually answers", async () => {
  const doc = (await new ApiClient(server.url).get("/api/v1/openapi.json")).body;
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(ops).filter((m) => m !== "parameters")) {
      const concrete = path.replace(/\{[^}]+\}/g, "x");
      const res = await new ApiClient(server.url).request(method.toUpperCase(), concrete);
      expect(res.body?.error?.message, `${method} ${path}`).not.toBe("No API endpoint at this path.");
      expect(res.status, `${method} ${path}`).not.toBe(405);
    }
  }
});
