import { requireAuth } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  async GET({ context }) {
    return json({ user: requireAuth(context).user });
  },
});

export const loader = handler;
export const action = handler;
