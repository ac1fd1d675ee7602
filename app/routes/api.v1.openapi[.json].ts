import { apiRoute, json } from "~/lib/http/api.server";
import { buildOpenApiDocument } from "~/lib/http/openapi.server";

const handler = apiRoute({
  async GET({ request }) {
    return json(buildOpenApiDocument(new URL(request.url).origin));
  },
});

export const loader = handler;
export const action = handler;
