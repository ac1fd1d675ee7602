import { sessionCookie } from "~/lib/auth/cookies.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { signInClient } from "~/lib/services.server";
import { login } from "~/lib/services/accounts.server";
import { loginSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async POST({ request, context }) {
    const { services } = context;
    const input = await readJson(request, loginSchema, services.config.maxBodyBytes);
    const { user, session } = await login(services, input, signInClient(request, context));
    return json({ user }, 200, {
      "Set-Cookie": sessionCookie(session.token, session.expiresAt, services.config.cookieSecure),
    });
  },
});

export const loader = handler;
export const action = handler;
