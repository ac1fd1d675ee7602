/**
 * The one error type that crosses layers. API routes turn it into
 * `{ error: { code, message } }` JSON; pages turn it into their error boundary.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Field-level messages for validation errors, keyed by field name. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const unauthorized = (message = "You need to log in.") =>
  new HttpError(401, "unauthorized", message);
export const forbidden = (message = "You are not allowed to do that.") =>
  new HttpError(403, "forbidden", message);
export const notFound = (message = "Not found.") => new HttpError(404, "not_found", message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);
export const tooManyRequests = (retryAfterSec: number) =>
  new HttpError(
    429,
    "rate_limited",
    `Too many attempts. Try again in ${retryAfterSec} second${retryAfterSec === 1 ? "" : "s"}.`,
    { "Retry-After": String(retryAfterSec) },
  );
