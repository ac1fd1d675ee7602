import { useNavigation } from "@remix-run/react";
import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

/** What an action returns when a form was not accepted (see forms.server.ts). */
export interface FormState {
  ok?: boolean;
  intent?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

/** Narrows action data to this form's failure, so two forms on a page keep their own errors. */
export function failureFor(state: FormState | undefined, intent?: string): FormState | undefined {
  if (!state || state.ok !== false) return undefined;
  if (intent !== undefined && state.intent !== intent) return undefined;
  return state;
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  hint?: ReactNode;
  state?: FormState;
}

/** A labelled input whose error is announced and tied to it; keeps what was typed. */
export function Field({ label, name, hint, state, defaultValue, ...input }: FieldProps) {
  const id = useId();
  const error = state?.fieldErrors?.[name];
  const kept = input.type === "password" ? undefined : (state?.values?.[name] ?? defaultValue);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        defaultValue={kept}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      {error ? <span id={`${id}-error`} className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}

interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  state?: FormState;
}

export function TextAreaField({ label, name, state, defaultValue, ...rest }: TextAreaProps) {
  const id = useId();
  const error = state?.fieldErrors?.[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        defaultValue={state?.values?.[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...rest}
      />
      {error ? <span id={`${id}-error`} className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}

/**
 * The form's own error. With `summarize`, a failure that only has field errors shows the first
 * of them (for forms whose fields are not on screen, like a row's confirm dialog).
 */
export function FormError({ state, summarize = false }: { state?: FormState; summarize?: boolean }) {
  const message = state?.formError ?? (summarize ? Object.values(state?.fieldErrors ?? {})[0] : undefined);
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}

/** Disabled with a busy label while this form's submission is in flight. */
export function SubmitButton({
  children,
  pendingText,
  intent,
  className = "btn",
}: {
  children: ReactNode;
  pendingText: string;
  intent?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    (intent === undefined || navigation.formData?.get("intent") === intent);
  return (
    <button type="submit" className={className} disabled={pending} name={intent ? "intent" : undefined} value={intent}>
      {pending ? pendingText : children}
    </button>
  );
}
