import { Form, useNavigation } from "@remix-run/react";
import type { FormStatus } from "../../../db/kinds";

/** Open or close a form; closing keeps everything it received and its link says it is closed. */
export function FormStatusToggle({ status, action }: { status: FormStatus; action?: string }) {
  const busy = useNavigation().state === "submitting";
  const next = status === "open" ? "closed" : "open";
  return (
    <Form method="post" action={action} className="form-status">
      <p>
        This form is <strong>{status === "open" ? "open" : "closed"}</strong>.{" "}
        {status === "open" ? "Closing it stops new contributions; nothing sent is lost." : "Its link says it is closed."}
      </p>
      <input type="hidden" name="status" value={next} />
      <button type="submit" className="btn btn--secondary btn--small" disabled={busy}>
        {status === "open" ? "Close the form" : "Reopen the form"}
      </button>
    </Form>
  );
}
