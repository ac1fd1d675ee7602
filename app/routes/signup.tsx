import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormError, SubmitButton } from "~/components/forms";
import { redirectSignedIn } from "~/lib/auth/page-session.server";
import { formFailure, parseForm } from "~/lib/http/forms.server";
import { safeRedirectPath } from "~/lib/http/page.server";
import { signInClient } from "~/lib/services.server";
import { signup } from "~/lib/services/accounts.server";
import { MIN_PASSWORD_LENGTH, signupSchema } from "~/lib/validation/schemas";

export const meta: MetaFunction = () => [{ title: "Sign up · Thicket" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.auth) throw redirect("/projects");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    const input = parseForm(form, signupSchema);
    const signedIn = await signup(context.services, input, signInClient(request, context));
    return redirectSignedIn(context.services, signedIn, safeRedirectPath(form.get("redirectTo")));
  } catch (err) {
    return formFailure(err, form, (e) => (e.code === "email_taken" ? "email" : undefined));
  }
}

export default function Signup() {
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <div className="card">
        <h1>Create your account</h1>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <FormError state={state} />
          <Field label="Your name" name="name" autoComplete="name" required state={state} />
          <Field label="Email" name="email" type="email" autoComplete="email" required state={state} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            state={state}
          />
          <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
        </Form>
      </div>
      <p>
        Already have an account? <Link to={`/login${params.size ? `?${params}` : ""}`}>Log in</Link>
      </p>
    </div>
  );
}
