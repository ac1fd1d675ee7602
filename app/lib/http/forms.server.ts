import { data } from "@remix-run/node";
import type { z } from "zod";
import { validationError } from "./body.server";
import { HttpError } from "./errors.server";

export interface FormFailure {
  ok: false;
  intent?: string;
  formError?: string;
  fieldErrors: Record<string, string>;
  /** What was typed, so the form can show it again (never passwords). */
  values: Record<string, string>;
}

/** Validates a submitted form; invalid input throws the same 400 HttpError the API uses. */
export function parseForm<S extends z.ZodType>(form: FormData, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * For an action's catch: turns an HttpError (400 invalid, 409 email taken, 429 too many
 * attempts…) into a form failure shown in place, keeping what was typed. `fieldFor` may
 * attach a message to one input. Anything else is rethrown (redirects, real faults).
 */
export function formFailure(
  err: unknown,
  form: FormData,
  fieldFor: (err: HttpError) => string | undefined = () => undefined,
) {
  if (!(err instanceof HttpError) || err.status >= 500) throw err;
  const field = fieldFor(err);
  const fieldErrors = field ? { [field]: err.message } : (err.fields ?? {});
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  }
  const intent = form.get("intent");
  return data<FormFailure>(
    {
      ok: false,
      intent: typeof intent === "string" ? intent : undefined,
      formError: Object.keys(fieldErrors).length > 0 ? undefined : err.message,
      fieldErrors,
      values,
    },
    { status: err.status, headers: err.headers },
  );
}
