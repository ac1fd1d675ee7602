import { redirect } from "@remix-run/node";
import { sessionCookie } from "./cookies.server";
import type { SignedIn } from "../services/accounts.server";
import type { AppServices } from "../services.server";

/** After a form signup or login: set the cookie and go where the person was heading. */
export function redirectSignedIn(services: AppServices, signedIn: SignedIn, to: string) {
  const { token, expiresAt } = signedIn.session;
  return redirect(to, {
    headers: { "Set-Cookie": sessionCookie(token, expiresAt, services.config.cookieSecure) },
  });
}
