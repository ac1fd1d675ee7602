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

/** Only same-site relative paths, so a crafted ?redirectTo= cannot send people elsewhere. */
export function safeRedirectPath(to: FormDataEntryValue | string | null, fallback = "/projects") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
