import { requireRoundAccess } from "~/lib/auth/round-guard.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { revealRound } from "~/lib/rounds/reveal.server";
import { getRound } from "~/lib/rounds/rounds.server";

const handler = apiRoute({
  /** Closes the round and puts every coder's codings into the documents: 200 `{round, revealed, unplaced}`. */
  async POST({ params, context }) {
    const { auth, role, projectId } = await requireRoundAccess(context, params.roundId!, "rounds:manage");
    const result = await revealRound(context.services, params.roundId!, projectId, auth.user.id);
    const round = await getRound(context.services, params.roundId!, projectId, { userId: auth.user.id, role });
    return json({ round, ...result });
  },
});

export const loader = handler;
export const action = handler;
