import { Form } from "@remix-run/react";
import { useState } from "react";
import { FormError } from "~/components/forms";
import { FindingFields } from "./finding-fields";
import { BusyButton, TargetField, useFormOutcome, useOnSuccess } from "./form-outcome";

/** The Edit toggle and its form for the title and the claim. */
export function FindingEdit({ title, claim, warning }: { title: string; claim: string; warning?: string }) {
  const { busy, failure, success } = useFormOutcome("edit");
  const [open, setOpen] = useState(false);
  useOnSuccess(success, () => setOpen(false));
  const shown = open || failure !== undefined;
  return (
    <div className="fd-edit">
      <button type="button" className="btn btn--secondary btn--small" aria-expanded={shown} onClick={() => setOpen((o) => !o)} data-testid="edit-finding-button">
        {shown ? "Cancel editing" : "Edit title and claim"}
      </button>
      {shown ? (
        <Form method="post" className="card form fd-edit__form" data-testid="edit-finding-form">
          <TargetField target="edit" />
          <input type="hidden" name="intent" value="update-finding" />
          {warning ? <p className="alert alert--warn">{warning}</p> : null}
          <FormError state={failure} />
          <FindingFields state={failure} title={title} claim={claim} />
          <div>
            <BusyButton busy={busy} pendingText="Saving…" testId="save-finding-button">
              Save changes
            </BusyButton>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
