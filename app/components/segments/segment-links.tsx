import { Form, Link } from "@remix-run/react";
import type { CodeSegmentLink } from "~/lib/datasets/types";
import { FormError, SubmitButton, type FormState } from "../forms";

export interface CodeChoice {
  id: string;
  name: string;
  color: string;
  depth: number;
}

/**
 * Codes someone linked to this segment ("this code explains this pattern"), with their notes;
 * researchers and owners add and remove links here.
 */
export function SegmentLinks({
  projectId,
  links,
  codes,
  canEdit,
  state,
}: {
  projectId: string;
  links: CodeSegmentLink[];
  codes: CodeChoice[];
  canEdit: boolean;
  state?: FormState;
}) {
  const linked = new Set(links.map((l) => l.codeId));
  const available = codes.filter((c) => !linked.has(c.id));
  const codeError = state?.fieldErrors?.codeId;
  const noteError = state?.fieldErrors?.note;
  return (
    <section className="card" aria-labelledby="segment-links-heading">
      <h2 id="segment-links-heading">Codes that explain it</h2>
      {links.length === 0 ? (
        <p className="hint">
          {canEdit
            ? "No code is linked yet. Link a code whose passages explain this segment, with a short note saying how."
            : "No code is linked to this segment yet."}
        </p>
      ) : (
        <ul className="seg-links" data-testid="segment-links">
          {links.map((link) => (
            <li key={link.id} className="seg-link">
              <span className="swatch" style={{ background: link.codeColor }} aria-hidden="true" />
              <div className="seg-link__main">
                <Link to={`/projects/${projectId}/codebook`} className="seg-link__code">
                  {link.codeName}
                </Link>
                {link.note ? <span className="seg-link__note">{link.note}</span> : null}
              </div>
              {canEdit ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="linkId" value={link.id} />
                  <button type="submit" name="intent" value="unlink" className="btn btn--ghost btn--small btn--quiet-danger">
                    Remove<span className="visually-hidden"> link to {link.codeName}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && available.length > 0 ? (
        // Keyed by the number of links: a saved link remounts (empties) the form.
        <Form key={links.length} method="post" className="form seg-links__add" aria-label="Link a code">
          <FormError state={state && !codeError && !noteError ? state : undefined} />
          <div className="form-row">
            <div className="field">
              <label htmlFor="link-code">Code</label>
              <select
                id="link-code"
                name="codeId"
                defaultValue={state?.values?.codeId ?? ""}
                aria-invalid={codeError ? true : undefined}
                aria-describedby={codeError ? "link-code-error" : undefined}
              >
                <option value="">Choose a code…</option>
                {available.map((c) => (
                  <option key={c.id} value={c.id}>
                    {`${"\u00A0\u00A0\u00A0".repeat(c.depth)}${c.depth > 0 ? "↳ " : ""}${c.name}`}
                  </option>
                ))}
              </select>
              {codeError ? (
                <span id="link-code-error" className="field-error" role="alert">
                  {codeError}
                </span>
              ) : null}
            </div>
            <div className="field seg-links__note">
              <label htmlFor="link-note">Note</label>
              <input
                id="link-note"
                type="text"
                name="note"
                maxLength={500}
                placeholder="How this code explains the segment"
                defaultValue={state?.values?.note ?? ""}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={noteError ? "link-note-error" : undefined}
              />
              {noteError ? (
                <span id="link-note-error" className="field-error" role="alert">
                  {noteError}
                </span>
              ) : null}
            </div>
            <SubmitButton intent="link-code" pendingText="Linking…" className="btn btn--secondary">
              Link code
            </SubmitButton>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
