import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { projectMembers, type ProjectRole } from "../../../db/schema";
import { forbidden, HttpError, notFound, unauthorized } from "../http/errors.server";
import type { RequestContext } from "../services.server";
import type { Auth } from "./authenticate.server";
import { can, type AccountAction, type ProjectAction } from "./permissions";
import type { PublicUser } from "./session.server";

export function requireAuth(ctx: RequestContext): Auth {
  if (!ctx.auth) throw unauthorized();
  return ctx.auth;
}

/** The caller's own account, signed in with a session (what can() asks of these actions). */
export interface AccountCaller {
  user: PublicUser;
  /** The internal id of the caller's session: it is never shown, only compared. */
  sessionId: string;
}

/**
 * For the password and session routes: not logged in → 401; an access token → 403
 * `session_required` (can() gives these actions to sessions only).
 */
export function requireAccountSession(ctx: RequestContext, action: AccountAction): AccountCaller {
  const auth = requireAuth(ctx);
  const allowed = can(auth.user, action, { kind: "account", userId: auth.user.id, via: auth.method });
  // The second test only tells TypeScript what can() has already decided.
  if (!allowed || auth.method !== "session") {
    throw new HttpError(
      403,
      "session_required",
      "Sign in to do this: an access token cannot change the password or see or end sessions.",
    );
  }
  return { user: auth.user, sessionId: auth.sessionId };
}

export async function findMembershipRole(
  db: Database,
  projectId: string,
  userId: string,
): Promise<ProjectRole | null> {
  const [row] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

/**
 * For routes addressed by the id of something inside a project (a document, a dataset, a
 * form…): `projectId` is its project, or undefined when no such thing exists. Both a missing
 * one and one of a project the caller is not in are the same 404 naming `what`, so ids of
 * other projects reveal nothing; otherwise the usual project check applies.
 */
export async function requireAccessVia(
  ctx: RequestContext,
  projectId: string | undefined,
  what: string,
  action: ProjectAction,
): Promise<{ auth: Auth; role: ProjectRole; projectId: string }> {
  requireAuth(ctx);
  if (!projectId) throw notFound(`${what} not found.`);
  const access = await requireProjectAccess(ctx, projectId, action).catch((err) => {
    throw err?.status === 404 ? notFound(`${what} not found.`) : err;
  });
  return { ...access, projectId };
}

/**
 * Every project-scoped loader, action and API route starts here. Not logged in → 401; not a
 * member → 404 (the project's existence is not revealed); a member whose role lacks the
 * action → 403.
 */
export async function requireProjectAccess(
  ctx: RequestContext,
  projectId: string,
  action: ProjectAction,
): Promise<{ auth: Auth; role: ProjectRole }> {
  const auth = requireAuth(ctx);
  const role = await findMembershipRole(ctx.services.db, projectId, auth.user.id);
  if (!role) throw notFound("Project not found.");
  if (!can(auth.user, action, { kind: "project", projectId, role })) {
    throw forbidden(`Your role (${role}) cannot do that in this project.`);
  }
  return { auth, role };
}
