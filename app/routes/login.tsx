import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { redirectSignedIn } from "~/lib/auth/page-session.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { safeRedirectPath } from "~/lib/http/page.server";
import { signInClient } from "~/lib/services.server";
import { login } from "~/lib/services/accounts.server";
import { loginSchema } from "~/lib/validation/schemas";

export const meta: MetaFunction = () => [{ title: "Log in · Thicket" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.auth) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    const input = parseForm(form, loginSchema);
    const signedIn = await login(context.services, input, signInClient(request, context));
    return redirectSignedIn(context.services, signedIn, safeRedirectPath(form.get("redirectTo")));
  } catch (err) {
    return formFailure(err, form);
  }
}

export default function Login() {
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <div className="card">
        <h1>Log in</h1>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <FormError state={state} />
          <Field label="Email" name="email" type="email" autoComplete="email" required state={state} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required state={state} />
          <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
        </Form>
      </div>
      <p>
        New to Thicket? <Link to={`/signup${params.size ? `?${params}` : ""}`}>Create an account</Link>
      </p>
    </div>
  );
}
