import { Form } from "@remix-run/react";
import { Field, FormError, SubmitButton, type FormState } from "../forms";
import { useResetOnSuccess } from "../use-form-reset";
import { MIN_PASSWORD_LENGTH } from "~/lib/validation/schemas";

/** Current password, the new one twice; on success every other session is signed out. */
export function PasswordForm({ result, state }: { result?: FormState; state?: FormState }) {
  const form = useResetOnSuccess(result, "password");
  return (
    <Form method="post" className="form" noValidate ref={form}>
      <FormError state={state} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required state={state} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        state={state}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      />
      <Field label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required state={state} />
      <p className="meta">Your other sessions are signed out; this one stays signed in.</p>
      <SubmitButton intent="password" pendingText="Changing…">
        Change password
      </SubmitButton>
    </Form>
  );
}
