import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";
import { Field, FormError, SubmitButton, TextAreaField, type FormState } from "~/components/forms";

interface Candidate {
  id: string;
  name: string;
  role: string;
}
interface DocumentChoice {
  id: string;
  title: string;
  openRound: string | null;
}

/**
 * Starting a round: a name, optional instructions, two or more coders and the documents.
 * Documents already in an open round are shown but cannot be ticked (a document is coded in
 * one open round at a time).
 */
export function RoundForm({ coders, documents, state }: { coders: Candidate[]; documents: DocumentChoice[]; state?: FormState }) {
  const [filter, setFilter] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const free = documents.filter((d) => !d.openRound);
  const shown = useMemo(
    () => documents.filter((d) => d.title.toLowerCase().includes(filter.trim().toLowerCase())),
    [documents, filter],
  );
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const errors = state?.fieldErrors ?? {};
  return (
    <Form method="post" className="card form" data-testid="new-round-form">
      <FormError state={state} />
      <Field label="Name" name="name" state={state} required maxLength={200} placeholder="e.g. Pilot coding, March interviews" />
      <TextAreaField label="Instructions for the coders (optional)" name="instructions" state={state} rows={3} />
      <fieldset>
        <legend>Coders (two or more)</legend>
        {coders.length < 2 ? (
          <p className="hint">A round needs at least two members who can code. Add coders under Members &amp; settings.</p>
        ) : null}
        <div className="rd-pick" data-testid="round-coders">
          {coders.map((c) => (
            <label key={c.id}>
              <input type="checkbox" name="coderIds" value={c.id} defaultChecked={false} />
              {c.name} <span className="rd-pick__meta">{c.role}</span>
            </label>
          ))}
        </div>
        {errors.coderIds ? (
          <p className="field-error" role="alert">
            {errors.coderIds}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Documents</legend>
        <div className="rd-pick__tools">
          <label>
            Filter <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter documents by title" />
          </label>
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setChosen(new Set(free.map((d) => d.id)))}>
            Select all ({free.length})
          </button>
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setChosen(new Set())}>
            Clear
          </button>
          <span className="hint" aria-live="polite">
            {chosen.size} chosen
          </span>
        </div>
        <div className="rd-pick" data-testid="round-documents">
          {documents.length === 0 ? <p className="hint">This project has no documents yet.</p> : null}
          {shown.map((d) => (
            <label key={d.id}>
              <input
                type="checkbox"
                name="documentIds"
                value={d.id}
                disabled={Boolean(d.openRound)}
                checked={chosen.has(d.id)}
                onChange={(e) => toggle(d.id, e.target.checked)}
              />
              {d.title}
              {d.openRound ? <span className="rd-pick__meta">in the open round “{d.openRound}”</span> : null}
            </label>
          ))}
        </div>
        {errors.documentIds ? (
          <p className="field-error" role="alert">
            {errors.documentIds}
          </p>
        ) : null}
      </fieldset>
      <p className="hint">
        Each coder codes their own copy of the text: nobody sees anyone else&apos;s codings in these documents until you reveal the
        round.
      </p>
      <div>
        <SubmitButton pendingText="Starting…" intent="create-round">
          Start round
        </SubmitButton>
      </div>
    </Form>
  );
}
