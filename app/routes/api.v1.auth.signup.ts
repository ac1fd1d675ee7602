import { sessionCookie } from "~/lib/auth/cookies.server";
import { apiRoute, json } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { signInClient } from "~/lib/services.server";
import { signup } from "~/lib/services/accounts.server";
import { signupSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async POST({ request, context }) {
    const { services } = context;
    const input = await readJson(request, signupSchema, services.config.maxBodyBytes);
    const { user, session } = await signup(services, input, signInClient(request, context));
    return json({ user }, 201, {
      "Set-Cookie": sessionCookie(session.token, session.expiresAt, services.config.cookieSecure),
    });
  },
});

export const loader = handler;
export const action = handler;
