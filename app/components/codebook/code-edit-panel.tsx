import { Form, Link, useParams } from "@remix-run/react";
import { useState } from "react";
import { ConfirmDialog } from "../confirm-dialog";
import { Field, FormError, SubmitButton, TextAreaField, type FormState } from "../forms";
import { codingsLabel, indentLabel, subtreeIds, type CodeItem, type CodeNode } from "./tree";

/**
 * Rename, recolour, describe and move a code (one form), and merge it into another. Codes
 * below it are left out of both pickers: a code cannot sit under, or merge into, its own branch.
 */
/** A segment this code is linked to, with the note saying how it explains it. */
export interface CodeSegmentLinkItem {
  id: string;
  segmentId: string;
  segmentName: string;
  note: string;
}

export function CodeEditPanel({
  code,
  codes,
  flat,
  state,
  mergeState,
}: {
  code: CodeItem & { segmentLinks?: CodeSegmentLinkItem[] };
  codes: CodeItem[];
  flat: CodeNode[];
  state?: FormState;
  mergeState?: FormState;
}) {
  const own = subtreeIds(codes, code.id);
  const others = flat.filter((n) => !own.has(n.code.id));
  const [intoId, setIntoId] = useState("");
  const into = codes.find((c) => c.id === intoId);
  const children = codes.filter((c) => c.parentId === code.id).length;
  const values = state?.values;
  const { projectId } = useParams();
  const segmentLinks = code.segmentLinks ?? [];
  return (
    <div className="code-panel">
      {segmentLinks.length > 0 ? (
        <div className="code-links" data-testid="code-segment-links">
          <h4>Explains</h4>
          <ul className="code-links__list">
            {segmentLinks.map((link) => (
              <li key={link.id}>
                <Link to={`/projects/${projectId}/segments/${link.segmentId}`}>{link.segmentName}</Link>
                {link.note ? <span className="code-links__note"> — {link.note}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="form" noValidate aria-label={`Edit “${code.name}”`}>
        <input type="hidden" name="codeId" value={code.id} />
        <FormError state={state} />
        <div className="form-row">
          <Field label="Name" name="name" required maxLength={120} defaultValue={code.name} state={state} />
          <div className="field field--color">
            <label htmlFor={`color-${code.id}`}>Colour</label>
            <input id={`color-${code.id}`} type="color" name="color" defaultValue={values?.color ?? code.color} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`parent-${code.id}`}>Parent</label>
          <select
            id={`parent-${code.id}`}
            name="parentId"
            defaultValue={values?.parentId ?? code.parentId ?? ""}
            aria-invalid={state?.fieldErrors?.parentId ? true : undefined}
            aria-describedby={state?.fieldErrors?.parentId ? `parent-${code.id}-error` : undefined}
          >
            <option value="">None (top level)</option>
            {others.map((n) => (
              <option key={n.code.id} value={n.code.id}>
                {indentLabel(n)}
              </option>
            ))}
          </select>
          {state?.fieldErrors?.parentId ? (
            <span id={`parent-${code.id}-error`} className="field-error" role="alert">
              {state.fieldErrors.parentId}
            </span>
          ) : null}
        </div>
        <TextAreaField label="Description" name="description" rows={3} maxLength={5000} defaultValue={code.description} state={state} />
        <div>
          <SubmitButton intent="update-code" pendingText="Saving…" className="btn btn--small">
            Save changes
          </SubmitButton>
        </div>
      </Form>

      {others.length > 0 ? (
        <div className="code-merge">
          <h4>Merge into another code</h4>
          <p className="hint">
            Its {codingsLabel(code.codingCount)} move to the code you choose (a passage coded with both keeps one)
            {children > 0 ? ", its sub-codes move under that code" : ""}, and “{code.name}” is deleted.
          </p>
          <FormError state={mergeState} />
          <div className="form-row">
            <div className="field">
              <label htmlFor={`merge-${code.id}`}>Merge “{code.name}” into</label>
              <select id={`merge-${code.id}`} value={intoId} onChange={(e) => setIntoId(e.target.value)}>
                <option value="">Choose a code…</option>
                {/* A folder is never applied, so codings cannot be merged into one. */}
                {others
                  .filter((n) => n.code.codable !== false)
                  .map((n) => (
                    <option key={n.code.id} value={n.code.id}>
                      {indentLabel(n)}
                    </option>
                  ))}
              </select>
            </div>
            {into ? (
              <ConfirmDialog
                trigger="Merge…"
                triggerClassName="btn btn--secondary btn--small"
                title={`Merge “${code.name}” into “${into.name}”?`}
                confirmLabel="Merge codes"
                fields={{ intent: "merge-code", codeId: code.id, intoId: into.id }}
              >
                <p>
                  {codingsLabel(code.codingCount)} of “{code.name}” become codings of “{into.name}”
                  {children > 0 ? `, its sub-codes move under “${into.name}”` : ""}, and “{code.name}” is deleted. This
                  cannot be undone.
                </p>
              </ConfirmDialog>
            ) : (
              <button type="button" className="btn btn--secondary btn--small" disabled>
                Merge…
              </button>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
