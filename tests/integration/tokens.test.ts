import { afterAll, beforeAll, expect, it } from "vitest";
import { apiTokens } from "../../db/schema";
import { ApiClient, signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it("creates a token shown once, stores only its hash, and lets a script act with it", async () => {
  const { client, user } = await signedUpClient(server.url, "Scripter");
  const created = await client.post("/api/v1/tokens", { name: "CRM" });
  expect(created.status).toBe(201);
  expect(created.body).toEqual({ id: expect.any(String), name: "CRM", token: expect.stringMatching(/^thk_[a-z2-7]{32}$/) });

  const rows = await server.database.handle.db.select().from(apiTokens);
  expect(JSON.stringify(rows)).not.toContain(created.body.token);

  const script = new ApiClient(server.url);
  script.bearer = created.body.token;
  expect((await script.get("/api/v1/me")).body).toEqual({ user });
  const project = await script.post("/api/v1/projects", { name: "Made by a script" });
  expect(project.status).toBe(201);
  expect((await client.get("/api/v1/projects")).body.projects.map((p: { name: string }) => p.name)).toEqual([
    "Made by a script",
  ]);

  const listed = await client.get("/api/v1/tokens");
  expect(listed.body.tokens).toEqual([
    { id: created.body.id, name: "CRM", createdAt: expect.any(String), lastUsedAt: expect.any(String) },
  ]);
});

it("stops working once revoked, and one cannot revoke another person's token", async () => {
  const alice = await signedUpClient(server.url, "Alice");
  const mallory = await signedUpClient(server.url, "Mallory");
  const { body } = await alice.client.post("/api/v1/tokens", { name: "temp" });
  expect((await mallory.client.delete(`/api/v1/tokens/${body.id}`)).status).toBe(404);

  const script = new ApiClient(server.url);
  script.bearer = body.token;
  expect((await script.get("/api/v1/me")).status).toBe(200);
  expect((await alice.client.delete(`/api/v1/tokens/${body.id}`)).status).toBe(204);
  expect((await script.get("/api/v1/me")).status).toBe(401);
});

it("answers 401 for a made-up or malformed bearer token", async () => {
  for (const token of ["thk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "nonsense", "Bearer"]) {
    const script = new ApiClient(server.url);
    script.bearer = token;
    expect((await script.get("/api/v1/projects")).status).toBe(401);
  }
});

it("requires a name", async () => {
  const { client } = await signedUpClient(server.url, "Nameless");
  const res = await client.post("/api/v1/tokens", { name: "" });
  expect(res.status).toBe(400);
  expect(res.body.error.fields.name).toBe("Name is required.");
});
