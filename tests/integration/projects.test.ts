import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { signedUpClient } from "../setup/api-client";
import { startTestServer, type TestServer } from "../setup/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("projects", () => {
  it("creates a project owned by its creator and lists only the caller's projects", async () => {
    const alice = await signedUpClient(server.url, "Alice");
    const bob = await signedUpClient(server.url, "Bob");
    const created = await alice.client.post("/api/v1/projects", { name: "  Churn stories ", description: "Why they leave" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: "Churn stories", description: "Why they leave", role: "owner" });
    await bob.client.post("/api/v1/projects", { name: "Bob's own" });

    const list = await alice.client.get("/api/v1/projects");
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ projects: [{ id: created.body.id, name: "Churn stories", role: "owner" }] });
  });

  it("defaults the description to empty and rejects an empty name", async () => {
    const { client } = await signedUpClient(server.url, "Desc");
    const ok = await client.post("/api/v1/projects", { name: "No description" });
    expect(ok.body.description).toBe("");
    const bad = await client.post("/api/v1/projects", { name: "   " });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.name).toBe("Name is required.");
  });

  it("lets the owner rename and delete a project", async () => {
    const { client } = await signedUpClient(server.url, "Renamer");
    const { body: project } = await client.post("/api/v1/projects", { name: "Old" });
    const renamed = await client.patch(`/api/v1/projects/${project.id}`, { name: "New" });
    expect(renamed.body).toMatchObject({ id: project.id, name: "New", role: "owner" });
    expect((await client.get(`/api/v1/projects/${project.id}`)).body.name).toBe("New");
    expect((await client.delete(`/api/v1/projects/${project.id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/projects/${project.id}`)).status).toBe(404);
    expect((await client.get("/api/v1/projects")).body.projects).toEqual([]);
  });
});

describe("members", () => {
  async function projectWithOwner() {
    const owner = await signedUpClient(server.url, "Owner");
    const { body: project } = await owner.client.post("/api/v1/projects", { name: "Team" });
    return { owner, project: project as { id: string } };
  }

  it("adds an existing user by email with a role; they then see the project with that role", async () => {
    const { owner, project } = await projectWithOwner();
    const coder = await signedUpClient(server.url, "Coder");
    const res = await owner.client.post(`/api/v1/projects/${project.id}/members`, {
      email: coder.user.email.toUpperCase(),
      role: "coder",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ userId: coder.user.id, role: "coder" });
    expect((await coder.client.get("/api/v1/projects")).body.projects).toEqual([
      { id: project.id, name: "Team", role: "coder" },
    ]);
    const members = await coder.client.get(`/api/v1/projects/${project.id}/members`);
    expect(members.body.members.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual(
      [
        [owner.user.email, "owner"],
        [coder.user.email, "coder"],
      ].sort(),
    );
  });

  it("keeps other members' e-mail addresses from contributors and reviewers, in the API and on the pages", async () => {
    const { owner, project } = await projectWithOwner();
    const outsiders = [await signedUpClient(server.url, "Contributor"), await signedUpClient(server.url, "Reviewer")];
    const coder = await signedUpClient(server.url, "Coder");
    for (const [person, role] of [[outsiders[0]!, "contributor"], [outsiders[1]!, "reviewer"], [coder, "coder"]] as const) {
      await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: person.user.email, role });
    }
    for (const outsider of outsiders) {
      const { body } = await outsider.client.get(`/api/v1/projects/${project.id}/members`);
      const emails = Object.fromEntries(body.members.map((m: { userId: string; email: string | null }) => [m.userId, m.email]));
      expect(emails).toEqual({
        [owner.user.id]: null,
        [outsiders[0]!.user.id]: outsider === outsiders[0] ? outsiders[0]!.user.email : null,
        [outsiders[1]!.user.id]: outsider === outsiders[1] ? outsiders[1]!.user.email : null,
        [coder.user.id]: null,
      });
      // Nor in the pages' HTML or loader data (the members page and the project overview).
      for (const page of [`/projects/${project.id}/settings`, `/projects/${project.id}`]) {
        const res = await outsider.client.get(page);
        expect(res.status, page).toBe(200);
        expect(res.body, page).toContain(owner.user.name);
        for (const other of [owner, coder]) expect(res.body, page).not.toContain(other.user.email);
      }
    }
    // The team still sees how to reach each other.
    const seen = await coder.client.get(`/api/v1/projects/${project.id}/members`);
    expect(seen.body.members.find((m: { userId: string }) => m.userId === owner.user.id).email).toBe(owner.user.email);
    expect((await coder.client.get(`/projects/${project.id}/settings`)).body).toContain(owner.user.email);
  });

  it("answers 404 for an unknown email, 409 for an existing member, 400 for an unknown role", async () => {
    const { owner, project } = await projectWithOwner();
    const path = `/api/v1/projects/${project.id}/members`;
    const missing = await owner.client.post(path, { email: "ghost@example.org", role: "coder" });
    expect(missing.status).toBe(404);
    const again = await owner.client.post(path, { email: owner.user.email, role: "coder" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_member");
    const badRole = await owner.client.post(path, { email: owner.user.email, role: "admin" });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.fields.role).toMatch(/owner, researcher, coder, contributor, reviewer/);
  });

  it("changes and removes roles, records each change in the audit log", async () => {
    const { owner, project } = await projectWithOwner();
    const member = await signedUpClient(server.url, "Member");
    await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: member.user.email, role: "coder" });
    const changed = await owner.client.patch(`/api/v1/projects/${project.id}/members/${member.user.id}`, {
      role: "researcher",
    });
    expect(changed.body).toEqual({ userId: member.user.id, role: "researcher" });
    expect((await member.client.get("/api/v1/projects")).body.projects[0].role).toBe("researcher");
    expect((await owner.client.delete(`/api/v1/projects/${project.id}/members/${member.user.id}`)).status).toBe(204);
    expect((await member.client.get("/api/v1/projects")).body.projects).toEqual([]);
    expect((await member.client.get(`/api/v1/projects/${project.id}`)).status).toBe(404);

    const events = await server.database.handle.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.projectId, project.id))
      .orderBy(auditEvents.createdAt);
    expect(events.map((e) => e.action)).toEqual([
      "project.created",
      "member.added",
      "member.role_changed",
      "member.removed",
    ]);
    expect(new Set(events.map((e) => e.actorId))).toEqual(new Set([owner.user.id]));
  });

  it("lets any member leave, but never leaves a project without an owner", async () => {
    const { owner, project } = await projectWithOwner();
    const reviewer = await signedUpClient(server.url, "Reviewer");
    await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: reviewer.user.email, role: "reviewer" });

    const lastOwnerLeaves = await owner.client.delete(`/api/v1/projects/${project.id}/members/${owner.user.id}`);
    expect(lastOwnerLeaves.status).toBe(409);
    expect(lastOwnerLeaves.body.error.code).toBe("last_owner");
    const lastOwnerDemoted = await owner.client.patch(`/api/v1/projects/${project.id}/members/${owner.user.id}`, {
      role: "coder",
    });
    expect(lastOwnerDemoted.status).toBe(409);
    expect((await owner.client.get("/api/v1/projects")).body.projects[0].role).toBe("owner");

    const left = await reviewer.client.delete(`/api/v1/projects/${project.id}/members/${reviewer.user.id}`);
    expect(left.status).toBe(204);
    expect((await reviewer.client.get("/api/v1/projects")).body.projects).toEqual([]);
  });

  it("lets an owner hand over ownership and then leave", async () => {
    const { owner, project } = await projectWithOwner();
    const heir = await signedUpClient(server.url, "Heir");
    await owner.client.post(`/api/v1/projects/${project.id}/members`, { email: heir.user.email, role: "owner" });
    expect((await owner.client.delete(`/api/v1/projects/${project.id}/members/${owner.user.id}`)).status).toBe(204);
    expect((await heir.client.get(`/api/v1/projects/${project.id}/members`)).body.members).toHaveLength(1);
  });
});
