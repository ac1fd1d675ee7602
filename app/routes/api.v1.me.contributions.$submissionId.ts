import { requireAuth } from "~/lib/auth/guards.server";
import { withdrawOwn } from "~/lib/contributions/submissions.server";
import { apiRoute, noContent } from "~/lib/http/api.server";

/** Withdraws one of the caller's own contributions; anyone else's is a 404. */
const handler = apiRoute({
  async DELETE({ params, context }) {
    const auth = requireAuth(context);
    await withdrawOwn(context.services, params.submissionId!, auth.user.id);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
