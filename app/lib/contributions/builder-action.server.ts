import { data } from "@remix-run/node";
import { HttpError } from "../http/errors.server";

/**
 * The form builder posts JSON to its page; a refusal comes back as the API's message and its
 * per-field messages (keys like "fields.2.options"), which the builder places by question.
 */
export function builderFailure(err: unknown) {
  if (!(err instanceof HttpError) || err.status >= 500) throw err;
  return data({ ok: false as const, message: err.message, fields: err.fields }, { status: err.status });
}
