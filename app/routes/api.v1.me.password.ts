import { requireAccountSession } from "~/lib/auth/guards.server";
import { apiRoute, noContent } from "~/lib/http/api.server";
import { readJson } from "~/lib/http/body.server";
import { changePassword } from "~/lib/services/account-security.server";
import { changePasswordSchema } from "~/lib/validation/schemas";

const handler = apiRoute({
  async POST({ request, context }) {
    const caller = requireAccountSession(context, "account:password");
    const input = await readJson(request, changePasswordSchema, context.services.config.maxBodyBytes);
    await changePassword(context.services, caller, input);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
