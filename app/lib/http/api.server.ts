import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { HttpError } from "./errors.server";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Args = LoaderFunctionArgs | ActionFunctionArgs;
type Handler = (args: Args) => Promise<Response>;

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "application/json; charset=utf-8");
  h.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: h });
}

export function noContent(headers?: HeadersInit): Response {
  return new Response(null, { status: 204, headers });
}

export function errorJson(
  status: number,
  code: string,
  message: string,
  extra: { headers?: HeadersInit; fields?: Record<string, string> } = {},
): Response {
  const error = extra.fields ? { code, message, fields: extra.fields } : { code, message };
  return json({ error }, status, extra.headers);
}

export function toErrorResponse(err: unknown): Response {
  if (err instanceof HttpError) {
    return errorJson(err.status, err.code, err.message, { headers: err.headers, fields: err.fields });
  }
  if (err instanceof Response) return err;
  console.error(err);
  return errorJson(500, "internal_error", "Something went wrong on our side. Please try again.");
}

/**
 * Builds one handler, exported by a resource route as both `loader` and `action`, from one
 * function per method, so every API route answers errors, unknown methods and HEAD alike.
 */
export function apiRoute(handlers: Partial<Record<Method, Handler>>) {
  const allowed = Object.keys(handlers).join(", ");
  const dispatch = async (args: Args): Promise<Response> => {
    const method = args.request.method === "HEAD" ? "GET" : args.request.method;
    const handler = handlers[method as Method];
    if (!handler) {
      return errorJson(405, "method_not_allowed", `Use ${allowed} on this path.`, {
        headers: { Allow: allowed },
      });
    }
    try {
      return await handler(args);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
  return dispatch;
}
