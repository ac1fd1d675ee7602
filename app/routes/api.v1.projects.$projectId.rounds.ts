import { requireProjectAccess } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { createRoundSchema } from "~/lib/rounds/round-input";
import { createRound, getRound, listRounds } from "~/lib/rounds/rounds.server";

const handler = apiRoute({
  /** Those who manage rounds see every round; a coder sees the rounds they code in. */
  async GET({ params, context }) {
    const { auth, role } = await requireProjectAccess(context, params.projectId!, "documents:read");
    return json({ rounds: await listRounds(context.services, params.projectId!, { userId: auth.user.id, role }) });
  },
  /** `{name, instructions?, coderIds, documentIds}` → 201 the round. */
  async POST({ request, params, context }) {
    const { auth, role } = await requireProjectAccess(context, params.projectId!, "rounds:manage");
    const input = await readJson(request, createRoundSchema, context.services.config.maxBodyBytes);
    const round = await createRound(context.services, params.projectId!, auth.user.id, input);
    return json(await getRound(context.services, round.id, params.projectId!, { userId: auth.user.id, role }), 201);
  },
});

export const loader = handler;
export const action = handler;
