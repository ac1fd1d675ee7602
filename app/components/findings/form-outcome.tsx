import { useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { FormState } from "~/components/forms";

/** What the finding page's action answers (finding-page-action.server.ts), success or failure. */
export interface FindingFormResult extends FormState {
  target?: string;
  message?: string;
  url?: string;
}

/**
 * The outcome of one form of the finding page, found by the hidden `target` every form sends:
 * whether it is being sent, its failure (errors stay beside it), or its success once the page
 * shows what changed.
 */
export function useFormOutcome(target: string) {
  const result = useActionData() as FindingFormResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("target") === target;
  const mine = result !== undefined && (result.target === target || result.values?.target === target);
  return {
    busy,
    /** The field value of the submission in flight (which of two buttons was pressed). */
    sending: (name: string) => (busy ? String(navigation.formData?.get(name) ?? "") : null),
    failure: mine && result.ok === false ? result : undefined,
    success: mine && result.ok === true && navigation.state === "idle" ? result : undefined,
  };
}

/** Runs `then` once after each success of this form (clearing it, closing it). */
export function useOnSuccess(success: FindingFormResult | undefined, then: () => void) {
  const last = useRef<FindingFormResult | undefined>(undefined);
  const callback = useRef(then);
  callback.current = then;
  useEffect(() => {
    if (success && success !== last.current) callback.current();
    last.current = success;
  }, [success]);
}

/** The hidden field that names a form, so its outcome comes back to it. */
export function TargetField({ target }: { target: string }) {
  return <input type="hidden" name="target" value={target} />;
}

/** A submit button that says it is busy while its own form is being sent. */
export function BusyButton({
  busy,
  pendingText,
  children,
  className = "btn",
  name,
  value,
  testId,
}: {
  busy: boolean;
  pendingText: string;
  children: ReactNode;
  className?: string;
  name?: string;
  value?: string;
  testId?: string;
}) {
  return (
    <button type="submit" className={className} disabled={busy} name={name} value={value} data-testid={testId}>
      {busy ? pendingText : children}
    </button>
  );
}
