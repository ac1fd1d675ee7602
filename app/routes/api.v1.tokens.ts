import { createAccessToken, listAccessTokens } from "~/lib/auth/access-tokens.server";
import { requireAuth } from "~/lib/auth/guards.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { createTokenSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async GET({ context }) {
    const { user } = requireAuth(context);
    return json({ tokens: await listAccessTokens(context.services.db, user.id) });
  },
  async POST({ request, context }) {
    const { user } = requireAuth(context);
    const { services } = context;
    const input = await readJson(request, createTokenSchema, services.config.maxBodyBytes);
    const created = await createAccessToken(services.db, user.id, input.name);
    return json({ id: created.id, name: created.name, token: created.token }, 201);
  },
});

export const loader = handler;
export const action = handler;
