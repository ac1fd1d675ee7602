import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { projectMembers, projects, users, type ProjectRole } from "../../../db/schema";
import { can } from "../auth/permissions";
import { conflict, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { recordAudit } from "./audit.server";

const memberColumns = {
  userId: users.id,
  name: users.name,
  role: projectMembers.role,
  joinedAt: projectMembers.createdAt,
};

/** The project's members with their addresses, by name: only ever returned through the two below. */
function memberRows(db: Database, projectId: string) {
  return db
    .select({ ...memberColumns, email: users.email })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.name), asc(users.id));
}

/** Who is in the project, without e-mail addresses: for pages that only show names and roles. */
export async function listMemberNames(db: Database, projectId: string) {
  return (await memberRows(db, projectId)).map(({ email: _email, ...member }) => member);
}

export interface MemberViewer {
  userId: string;
  role: ProjectRole;
}

/**
 * The members as `viewer` may see them: e-mail addresses only for roles allowed
 * "members:emails" (null otherwise), and always the viewer's own.
 */
export async function listMembers(db: Database, projectId: string, viewer: MemberViewer) {
  const seesEmails = can({ id: viewer.userId }, "members:emails", { kind: "project", projectId, role: viewer.role });
  const rows = await memberRows(db, projectId);
  return rows.map((r) => ({ ...r, email: seesEmails || r.userId === viewer.userId ? r.email : null }));
}

/**
 * Runs a membership change with the project row locked, then checks an owner remains, so two
 * owners demoting each other at once cannot leave a project nobody can manage.
 */
async function changeMembership<T>(
  db: Database,
  projectId: string,
  change: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${projects} where ${projects.id} = ${projectId} for update`);
    const result = await change(tx);
    const [owners] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, "owner")));
    if (!owners || owners.n === 0) {
      throw conflict(
        "last_owner",
        "A project needs at least one owner. Make someone else an owner first.",
      );
    }
    return result;
  });
}

export async function addMember(
  db: Database,
  actorId: string,
  projectId: string,
  input: { email: string; role: ProjectRole },
) {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email))
    .limit(1);
  if (!user) {
    throw notFound("No Thicket account uses that email. Ask them to sign up first.");
  }
  return changeMembership(db, projectId, async (tx) => {
    const inserted = await tx
      .insert(projectMembers)
      .values({ projectId, userId: user.id, role: input.role })
      .onConflictDoNothing()
      .returning({ userId: projectMembers.userId, role: projectMembers.role });
    if (inserted.length === 0) {
      throw conflict("already_member", "That person is already a member of this project.");
    }
    await recordAudit(tx, {
      projectId,
      actorId,
      action: "member.added",
      detail: { userId: user.id, role: input.role },
    });
    return inserted[0]!;
  });
}

export async function changeMemberRole(
  services: AppServices,
  actorId: string,
  projectId: string,
  userId: string,
  role: ProjectRole,
) {
  const changed = await changeMembership(services.db, projectId, async (tx) => {
    const [before] = await tx
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
      .limit(1);
    if (!before) throw notFound("That person is not a member of this project.");
    await tx
      .update(projectMembers)
      .set({ role })
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    await recordAudit(tx, {
      projectId,
      actorId,
      action: "member.role_changed",
      detail: { userId, from: before.role, to: role },
    });
    return { userId, role };
  });
  await services.collab.membershipChanged(projectId, userId, "role_changed");
  return changed;
}

export async function removeMember(
  services: AppServices,
  actorId: string,
  projectId: string,
  userId: string,
) {
  await changeMembership(services.db, projectId, async (tx) => {
    const removed = await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
      .returning({ role: projectMembers.role });
    if (removed.length === 0) throw notFound("That person is not a member of this project.");
    await recordAudit(tx, {
      projectId,
      actorId,
      action: actorId === userId ? "member.left" : "member.removed",
      detail: { userId, role: removed[0]!.role },
    });
  });
  await services.collab.membershipChanged(projectId, userId, "removed");
}
