import { apiRoute, errorJson } from "~/lib/http/api.server";

/** Any /api path no route claims: a JSON 404, never the HTML not-found page. */
const notFound = async () => errorJson(404, "not_found", "No API endpoint at this path.");

const handler = apiRoute({
  GET: notFound,
  POST: notFound,
  PUT: notFound,
  PATCH: notFound,
  DELETE: notFound,
});

export const loader = handler;
export const action = handler;
