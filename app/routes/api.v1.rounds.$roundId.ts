import { requireRoundAccess } from "~/lib/auth/round-guard.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";
import { deleteRound } from "~/lib/rounds/reveal.server";
import { getRound } from "~/lib/rounds/rounds.server";

const handler = apiRoute({
  async GET({ params, context }) {
    const { auth, role, projectId } = await requireRoundAccess(context, params.roundId!, "documents:read");
    return json(await getRound(context.services, params.roundId!, projectId, { userId: auth.user.id, role }));
  },
  /** Deletes the round; an open round's coding is discarded, a revealed one's stays in the documents. */
  async DELETE({ params, context }) {
    const { auth, projectId } = await requireRoundAccess(context, params.roundId!, "rounds:manage");
    await deleteRound(context.services, params.roundId!, projectId, auth.user.id);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
