import { data, redirect } from "@remix-run/node";
import type { Auth } from "../auth/authenticate.server";
import type { RequestContext } from "../services.server";
import { HttpError } from "./errors.server";

/** Pages send the logged-out to the login form, coming back here afterwards. */
export function requirePageAuth(request: Request, ctx: RequestContext): Auth {
  if (ctx.auth) return ctx.auth;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * Runs page code that may throw the shared HttpError and turns it into a route error the
 * error boundary shows (404 "not found", 403 "not allowed").
 */
export async function pageGuard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HttpError) {
      if (err.status === 401) throw redirect("/login");
      throw data({ message: err.message }, { status: err.status });
    }
    throw err;
  }
}

const MAX_REDIRECT_LENGTH = 2048;
/** What our own links put in ?redirectTo=: printable ASCII, percent-encoded, no space or backslash. */
const RAW_PATH = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;
/** Once decoded: still one leading slash, and nothing a browser strips or reads as a separator. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const DECODED_UNSAFE = /^(?!\/(?![/\\]))|[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const PLACEHOLDER_ORIGIN = "http://thicket.invalid";

/**
 * The one gate for every redirect the client chooses (?redirectTo=, the bell's links): only a
 * path on this site gets through, anything else gives `fallback`. Browsers remove tabs and
 * newlines from URLs and read "\" as "/", so "/\t/evil.example" and "/\evil.example" would leave
 * the site; CR/LF would also break the Location header (a 500). Percent-encoded forms of the
 * same ("/%2F/evil", "/%5C") are decoded, repeatedly, and checked again.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null, fallback = "/projects"): string {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH || !RAW_PATH.test(to)) return fallback;
  let decoded = to;
  for (let round = 0; ; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback; // malformed escapes: not a link we made
    }
    if (next === decoded) break;
    if (round === 3 || DECODED_UNSAFE.test(next)) return fallback;
    decoded = next;
  }
  // Belt and braces: resolved like a browser would, it must stay on this origin.
  return new URL(to, PLACEHOLDER_ORIGIN).origin === PLACEHOLDER_ORIGIN ? to : fallback;
}
