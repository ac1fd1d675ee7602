import { readReceipt, withdraw } from "~/lib/contributions/submissions.server";
import { apiRoute, json, noContent } from "~/lib/http/api.server";

/** The receipt token is the credential: whoever holds the link may read or withdraw. */
const handler = apiRoute({
  async GET({ params, context }) {
    return json(await readReceipt(context.services, params.token!));
  },
  async DELETE({ params, context }) {
    await withdraw(context.services, params.token!, context.auth?.user.id ?? null);
    return noContent();
  },
});

export const loader = handler;
export const action = handler;
