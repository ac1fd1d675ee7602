import { Field, TextAreaField, type FormState } from "~/components/forms";
import { CLAIM_MAX, TITLE_MAX } from "~/lib/findings/finding-input";
import { markdownHint } from "./claim-markdown";

/** A finding's title and claim, for the new-finding form and the edit form alike. */
export function FindingFields({ state, title, claim }: { state?: FormState; title?: string; claim?: string }) {
  return (
    <>
      <Field label="Title" name="title" required maxLength={TITLE_MAX} defaultValue={title} state={state} data-testid="finding-title-input" />
      <TextAreaField
        label="Claim"
        name="claim"
        rows={8}
        maxLength={CLAIM_MAX}
        defaultValue={claim}
        state={state}
        className="fd-claim-input"
        data-testid="finding-claim-input"
      />
      <p className="hint fd-claim-hint">{markdownHint}</p>
    </>
  );
}
