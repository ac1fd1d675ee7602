import { revokeAccessToken } from "~/lib/auth/access-tokens.server";
import { requireAuth } from "~/lib/auth/guards.server";
import { apiRoute, noContent } from "~/lib/http/api.server";
import { notFound } from "~/lib/http/errors.server";

const handler = apiRoute({
  async DELETE({ params, context }) {
    const { user } = requireAuth(context);
    const revoked = await revokeAccessToken(context.services.db, user.id, params.tokenId!);
    if (!revoked) throw notFound("Token not found.");
    await context.services.collab.credentialsEnded(); // its sockets close now, not at the next sweep
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
