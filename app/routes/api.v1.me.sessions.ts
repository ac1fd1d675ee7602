import { listSessions } from "~/lib/auth/account-sessions.server";
import { requireAccountSession } from "~/lib/auth/guards.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { endOtherSessions } from "~/lib/services/account-security.server";

const handler = apiRoute({
  async GET({ context }) {
    const caller = requireAccountSession(context, "account:sessions");
    return json({ sessions: await listSessions(context.services.db, caller.user.id, caller.sessionId) });
  },
  /** "Log out everywhere else": every session but the one asking. */
  async DELETE({ context }) {
    await endOtherSessions(context.services, requireAccountSession(context, "account:sessions"));
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
