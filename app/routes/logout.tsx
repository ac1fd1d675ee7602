import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie } from "~/lib/auth/cookies.server";
import { invalidateSession } from "~/lib/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const { auth, services } = context;
  if (auth?.method === "session") await invalidateSession(services.db, auth.sessionId);
  await services.collab.credentialsEnded(); // its open editors close now, not at the next sweep
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(services.config.cookieSecure) } });
}
