import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PasswordForm } from "~/components/account/password-form";
import { SessionList } from "~/components/account/session-list";
import { TokensTable } from "~/components/account/tokens-table";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { failureFor, FormError } from "~/components/forms";
import { useSettledMessage } from "~/components/use-form-reset";
import { listAccessTokens } from "~/lib/auth/access-tokens.server";
import { listSessions } from "~/lib/auth/account-sessions.server";
import { clearedSessionCookie } from "~/lib/auth/cookies.server";
import { requireAccountSession } from "~/lib/auth/guards.server";
import { describeUserAgent } from "~/lib/auth/user-agent.server";
import { HttpError } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { pageGuard, requirePageAuth } from "~/lib/http/page.server";
import { changePassword, endOtherSessions, endSession } from "~/lib/services/account-security.server";
import { changePasswordFormSchema } from "~/lib/validation/schemas";
import accountStyles from "~/styles/account.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountStyles }];
export const meta: MetaFunction = () => [{ title: "Your account · Thicket" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePageAuth(request, context);
  const caller = await pageGuard(async () => requireAccountSession(context, "account:sessions"));
  const { db } = context.services;
  const [sessions, tokens] = await Promise.all([
    listSessions(db, caller.user.id, caller.sessionId),
    listAccessTokens(db, caller.user.id),
  ]);
  // The raw user agent stays on the server: the page shows it in words.
  const rows = sessions.map(({ userAgent, ...s }) => ({ ...s, device: describeUserAgent(userAgent) }));
  return { user: caller.user, sessions: rows, tokens };
}

const sessionIdSchema = z.object({ sessionId: z.string().min(1) });
const others = (n: number) => (n === 1 ? "1 other session" : `${n} other sessions`);

export async function action({ request, context }: ActionFunctionArgs) {
  requirePageAuth(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "password": {
        const caller = requireAccountSession(context, "account:password");
        const { endedSessions } = await changePassword(context.services, caller, parseForm(form, changePasswordFormSchema));
        const ended = endedSessions > 0 ? ` ${others(endedSessions)} signed out.` : "";
        return { ok: true as const, intent, message: `Password changed.${ended}` };
      }
      case "end-session": {
        const caller = requireAccountSession(context, "account:sessions");
        const { wasCurrent } = await endSession(context.services, caller, parseForm(form, sessionIdSchema).sessionId);
        if (wasCurrent) {
          throw redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(context.services.config.cookieSecure) } });
        }
        return { ok: true as const, intent, message: "That session was signed out." };
      }
      case "end-others": {
        const ended = await endOtherSessions(context.services, requireAccountSession(context, "account:sessions"));
        return { ok: true as const, intent, message: `Signed out of ${others(ended)}.` };
      }
      default:
        throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
    }
  } catch (err) {
    return formFailure(err, form, (e) => (e.code === "wrong_password" ? "currentPassword" : undefined));
  }
}

export default function Account() {
  const { user, sessions, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const success = useSettledMessage(result);
  const passwordState = failureFor(result, "password");
  const failure = failureFor(result);
  const sessionFailure = failure && failure !== passwordState ? failure : undefined;
  const otherCount = sessions.filter((s) => !s.current).length;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your account</h1>
          <p>
            {user.name} · {user.email}
          </p>
        </div>
      </div>
      {success ? (
        <div className="alert alert--success" role="status">
          {success}
        </div>
      ) : null}
      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Where you are signed in</h2>
            <FormError state={sessionFailure} summarize />
            <SessionList sessions={sessions} />
            {otherCount > 0 ? (
              <ConfirmDialog
                trigger="Log out everywhere else"
                triggerClassName="btn btn--secondary"
                title="Log out everywhere else?"
                confirmLabel={`Sign out ${others(otherCount)}`}
                fields={{ intent: "end-others" }}
              >
                <p>Every browser but this one will need to log in again, and documents open there close at once.</p>
              </ConfirmDialog>
            ) : (
              <p className="meta">You are signed in only here.</p>
            )}
          </section>
          <section className="card" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">Access tokens</h2>
            {tokens.length > 0 ? <TokensTable tokens={tokens} /> : <p className="meta">You have no access tokens.</p>}
            <p className="account-more">
              <Link to="/settings/tokens">Create or revoke access tokens</Link>
            </p>
          </section>
        </div>
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">Change password</h2>
          <PasswordForm result={result} state={passwordState} />
        </section>
      </div>
    </>
  );
}
