import { clearedSessionCookie } from "~/lib/auth/cookies.server";
import { requireAccountSession } from "~/lib/auth/guards.server";
import { apiRoute, noContent } from "~/lib/http/api.server";
import { endSession } from "~/lib/services/account-security.server";

const handler = apiRoute({
  async DELETE({ params, context }) {
    const caller = requireAccountSession(context, "account:sessions");
    const { wasCurrent } = await endSession(context.services, caller, params.sessionId!);
    // Ending the session one is using is a logout: the dead cookie goes too.
    return noContent(wasCurrent ? { "Set-Cookie": clearedSessionCookie(context.services.config.cookieSecure) } : undefined);
  },
});

export const loader = handler;
export const action = handler;
