import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { projectMembers, projects, type ProjectRole } from "../../../db/schema";
import { dropProjectDatasetTables } from "../datasets/datasets.server";
import { recordAudit } from "./audit.server";

export async function createProject(
  db: Database,
  ownerId: string,
  input: { name: string; description: string },
) {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .insert(projects)
      .values(input)
      .returning({ id: projects.id, name: projects.name, description: projects.description });
    await tx.insert(projectMembers).values({ projectId: project!.id, userId: ownerId, role: "owner" });
    await recordAudit(tx, { projectId: project!.id, actorId: ownerId, action: "project.created" });
    return { ...project!, role: "owner" as ProjectRole };
  });
}

/** The caller's projects with their role, newest first, plus a member count for the list page. */
export function listProjectsForUser(db: Database, userId: string) {
  return db
    .select({
      id: projects.id,
      name: projects.name,
      description: projects.description,
      role: projectMembers.role,
      createdAt: projects.createdAt,
      memberCount: sql<number>`(select count(*)::int from ${projectMembers} m where m.project_id = ${projects.id})`,
    })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId))
    .orderBy(asc(projects.name), asc(projects.id));
}

export async function getProject(db: Database, projectId: string) {
  const [project] = await db
    .select({
      id: projects.id,
      name: projects.name,
      description: projects.description,
      createdAt: projects.createdAt,
    })
    .from(projects)
    .where(eq(projects.id, projectId))
    .limit(1);
  return project ?? null;
}

export async function updateProject(
  db: Database,
  actorId: string,
  projectId: string,
  changes: { name?: string; description?: string },
) {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .update(projects)
      .set(changes)
      .where(eq(projects.id, projectId))
      .returning({ id: projects.id, name: projects.name, description: projects.description });
    await recordAudit(tx, {
      projectId,
      actorId,
      action: "project.updated",
      detail: { fields: Object.keys(changes) },
    });
    return project!;
  });
}

/** The project's dataset tables go in the same transaction as its rows (the rest cascades). */
export async function deleteProject(db: Database, projectId: string) {
  await db.transaction(async (tx) => {
    await dropProjectDatasetTables(tx, projectId);
    await tx.delete(projects).where(and(eq(projects.id, projectId)));
  });
}
