import { CopyLink } from "~/components/contributions/copy-link";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { FormError } from "~/components/forms";
import { Form } from "@remix-run/react";
import { BusyButton, TargetField, useFormOutcome } from "./form-outcome";

/**
 * An owner's public link to the latest accepted version. The link itself is shown once, when
 * it is made (only its hash is stored); making a new one replaces the old.
 */
export function PublicLink({ published, acceptedVersion }: { published: boolean; acceptedVersion: number }) {
  const created = useFormOutcome("publish");
  const removed = useFormOutcome("unpublish");
  const url = created.success?.url;
  return (
    <section className="card fd-public" aria-labelledby="fd-public-heading" data-testid="public-link">
      <h3 id="fd-public-heading">Public link</h3>
      <p className="hint">
        Anyone with the link sees version {acceptedVersion} (title, claim and evidence, with quotes as redacted) and nothing else of the
        project.
      </p>
      <FormError state={created.failure ?? removed.failure} />
      {url ? (
        <div className="alert alert--success" role="status">
          <p>{created.success?.message}</p>
          <CopyLink url={url} />
        </div>
      ) : null}
      <div className="button-row">
        <Form method="post">
          <TargetField target="publish" />
          <input type="hidden" name="intent" value="publish" />
          <BusyButton busy={created.busy} pendingText="Creating…" className="btn btn--secondary btn--small" testId="create-public-link">
            {published ? "Create a new public link" : "Create public link"}
          </BusyButton>
        </Form>
        {published ? (
          <ConfirmDialog
            trigger="Turn off public link"
            title="Turn off the public link?"
            confirmLabel="Turn off public link"
            fields={{ intent: "unpublish", target: "unpublish" }}
          >
            <p>The link stops working at once. You can make a new one later; the old one never works again.</p>
          </ConfirmDialog>
        ) : null}
      </div>
      {published && !url ? <p className="fd-muted">A public link is on.</p> : null}
    </section>
  );
}
