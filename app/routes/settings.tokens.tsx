import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { TokensTable } from "~/components/account/tokens-table";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { failureFor, Field, FormError, SubmitButton } from "~/components/forms";
import { useResetOnSuccess } from "~/components/use-form-reset";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "~/lib/auth/access-tokens.server";
import { HttpError, notFound } from "~/lib/http/errors.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { requirePageAuth } from "~/lib/http/page.server";
import { createTokenSchema } from "~/lib/validation/schemas";

export const meta: MetaFunction = () => [{ title: "Access tokens · Thicket" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  return {
    tokens: await listAccessTokens(context.services.db, user.id),
    origin: new URL(request.url).origin,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requirePageAuth(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "create") {
      const { name } = parseForm(form, createTokenSchema);
      const created = await createAccessToken(context.services.db, user.id, name);
      return { ok: true as const, intent, created: { name: created.name, token: created.token } };
    }
    if (intent === "revoke") {
      const { tokenId } = parseForm(form, z.object({ tokenId: z.string().min(1) }));
      if (!(await revokeAccessToken(context.services.db, user.id, tokenId))) throw notFound("Token not found.");
      await context.services.collab.credentialsEnded(); // its sockets close now, not at the next sweep
      return { ok: true as const, intent, revoked: true };
    }
    throw new HttpError(400, "unknown_intent", "That form is not one this page understands.");
  } catch (err) {
    return formFailure(err, form);
  }
}

function NewToken({ token, name, origin }: { token: string; name: string; origin: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert--success" role="status">
      <p>
        <strong>Token “{name}” created.</strong> Copy it now: it will not be shown again.
      </p>
      <div className="form-row">
        <code className="secret" data-testid="new-token" style={{ flex: 1 }}>
          {token}
        </code>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p style={{ marginTop: 12, marginBottom: 4 }}>Use it from a script:</p>
      <pre className="code">{`curl -H "Authorization: Bearer ${token}" ${origin}/api/v1/projects`}</pre>
    </div>
  );
}

export default function Tokens() {
  const { tokens, origin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && "created" in result ? result.created : undefined;
  const createState = failureFor(result, "create");
  const createForm = useResetOnSuccess(result, "create");
  return (
    <div className="two-col">
      <section>
        <div className="page-head">
          <div>
            <h1>Personal access tokens</h1>
            <p>
              Tokens let scripts and integrations use the <a href="/api/v1/openapi.json">Thicket API</a> as you. Anyone
              with a token can do what you can, so keep them secret and revoke those you no longer use.
            </p>
          </div>
        </div>
        {created ? <NewToken token={created.token} name={created.name} origin={origin} /> : null}
        {result && "revoked" in result ? (
          <div className="alert alert--success" role="status">
            Token revoked. Scripts using it will now get 401.
          </div>
        ) : null}
        {tokens.length === 0 ? (
          <div className="empty">
            <h2>No tokens yet</h2>
            <p>Create one to call the API from a script, a CRM or a data pipeline.</p>
          </div>
        ) : (
          <div className="card">
            <TokensTable
              tokens={tokens}
              actions={(t) => (
                <ConfirmDialog
                  trigger="Revoke"
                  title={`Revoke “${t.name}”?`}
                  confirmLabel="Revoke token"
                  fields={{ intent: "revoke", tokenId: t.id }}
                >
                  <p>Anything using this token stops working at once.</p>
                </ConfirmDialog>
              )}
            />
          </div>
        )}
      </section>
      <aside className="card">
        <h2>New token</h2>
        <Form method="post" className="form" noValidate ref={createForm}>
          <FormError state={createState} />
          <Field label="Name" name="name" required maxLength={100} placeholder="CRM integration" state={createState} hint="What will use it, so you know what to revoke later." />
          <SubmitButton intent="create" pendingText="Creating…">
            Create token
          </SubmitButton>
        </Form>
      </aside>
    </div>
  );
}
