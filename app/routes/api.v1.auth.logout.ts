import { clearedSessionCookie } from "~/lib/auth/cookies.server";
import { requireAuth } from "~/lib/auth/guards.server";
import { invalidateSession } from "~/lib/auth/session.server";
import { apiRoute, noContent } from "~/lib/http/api.server";

const handler = apiRoute({
  async POST({ context }) {
    const auth = requireAuth(context);
    if (auth.method === "session") await invalidateSession(context.services.db, auth.sessionId);
    await context.services.collab.credentialsEnded(); // its sockets close now, not at the next sweep
    return noContent({ "Set-Cookie": clearedSessionCookie(context.services.config.cookieSecure) });
  },
});

export const loader = handler;
export const action = handler;
