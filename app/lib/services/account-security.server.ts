import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../../db/schema";
import { deleteOtherSessions, deleteSession } from "../auth/account-sessions.server";
import type { AccountCaller } from "../auth/guards.server";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { conflict, HttpError, notFound } from "../http/errors.server";
import { consume } from "../rate-limit.server";
import type { AppServices } from "../services.server";
import type { changePasswordSchema } from "../validation/schemas";

/**
 * Everything here ends sessions, and then asks the collaboration server to check its sockets at
 * once, so an editor open with an ended session closes now rather than at the next sweep.
 */

export const wrongPassword = () =>
  new HttpError(403, "wrong_password", "That is not your current password.");

/**
 * Sets a new password and ends every other session of the person; the calling session stays,
 * so its open editors keep working. Wrong current passwords are counted per session
 * (RATE_LIMIT_PASSWORD_CHANGE): only whoever holds that session is held back.
 */
export async function changePassword(
  services: AppServices,
  caller: AccountCaller,
  input: z.infer<typeof changePasswordSchema>,
): Promise<{ endedSessions: number }> {
  const { db, limiters } = services;
  // Spent before checking, so parallel guesses cannot slip past; a success gives it back.
  await consume([limiters.passwordChange, caller.sessionId]);
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, caller.user.id))
    .limit(1);
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) throw wrongPassword();
  await limiters.passwordChange.delete(caller.sessionId);
  const passwordHash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction(async (tx) => {
    // Only over the hash just checked: a change that landed meanwhile is not silently replaced.
    const changed = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, caller.user.id), eq(users.passwordHash, row.passwordHash)))
      .returning({ id: users.id });
    if (changed.length === 0) {
      throw conflict("password_changed", "Your password was changed a moment ago. Reload the page and try again.");
    }
    return deleteOtherSessions(tx, caller.user.id, caller.sessionId);
  });
  await services.collab.credentialsEnded();
  return { endedSessions };
}

/** Ends one of the person's sessions, named by its public id; 404 if it is not theirs. */
export async function endSession(
  services: AppServices,
  caller: AccountCaller,
  publicId: string,
): Promise<{ wasCurrent: boolean }> {
  const ended = await deleteSession(services.db, caller.user.id, publicId);
  if (!ended) throw notFound("Session not found.");
  await services.collab.credentialsEnded();
  return { wasCurrent: ended === caller.sessionId };
}

/** "Log out everywhere else": every session of the person but this one. */
export async function endOtherSessions(services: AppServices, caller: AccountCaller): Promise<number> {
  const ended = await deleteOtherSessions(services.db, caller.user.id, caller.sessionId);
  await services.collab.credentialsEnded();
  return ended;
}
