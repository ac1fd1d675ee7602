import { requireAuth } from "~/lib/auth/guards.server";
import { listMyContributions } from "~/lib/contributions/receipts.server";
import { apiRoute, json } from "~/lib/http/api.server";

/** What the caller submitted while signed in, in every project, newest first. */
const handler = apiRoute({
  async GET({ context }) {
    const auth = requireAuth(context);
    return json({ contributions: await listMyContributions(context.services, auth.user.id) });
  },
});

export const loader = handler;
export const action = handler;
