import { publicFinding } from "~/lib/findings/public-link.server";
import { apiRoute, json } from "~/lib/http/api.server";

const handler = apiRoute({
  /** No credentials: the finding's latest accepted version and nothing else of its project. */
  async GET({ params, context }) {
    return json(await publicFinding(context.services, params.token!));
  },
});

export const loader = handler;
export const action = handler;
