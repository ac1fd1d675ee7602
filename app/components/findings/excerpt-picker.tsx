import { Form } from "@remix-run/react";
import { useCallback, useEffect, useId, useState } from "react";
import { FormError } from "~/components/forms";
import { formatCount } from "~/components/segments/format";
import { BusyButton, TargetField, useFormOutcome, useOnSuccess } from "./form-outcome";

/** One coded passage a researcher may choose, as the excerpts route answers it. */
export interface ExcerptChoice {
  codingId: string;
  quote: string;
  documentId: string;
  documentTitle: string;
  chosen: boolean;
}

interface Page {
  excerpts: ExcerptChoice[];
  total: number;
}

type Load = { status: "idle" } | { status: "loading"; keep: ExcerptChoice[] } | { status: "error"; message: string } | ({ status: "done" } & Page);

async function fetchChoices(url: string, signal: AbortSignal): Promise<Page> {
  const res = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" }, signal });
  const body = (await res.json().catch(() => null)) as (Page & { error?: { message?: string } }) | null;
  if (!res.ok || !body || !Array.isArray(body.excerpts)) throw new Error(body?.error?.message ?? "The excerpts could not be loaded. Try again.");
  return body;
}

/**
 * Choose a code, then one of its coded passages (searchable, a page at a time), and add it as
 * an excerpt. The list comes from the finding's excerpts route; adding posts to the page.
 */
export function ExcerptPicker({ projectId, findingId, codes }: { projectId: string; findingId: string; codes: { id: string; name: string }[] }) {
  const id = useId();
  const [codeId, setCodeId] = useState("");
  const [q, setQ] = useState("");
  const [load, setLoad] = useState<Load>({ status: "idle" });
  const [reload, setReload] = useState(0);
  const { busy, failure, success, sending } = useFormOutcome("add-excerpt");
  useOnSuccess(success, () => setReload((n) => n + 1));
  const base = `/projects/${projectId}/findings/${findingId}/excerpts`;
  const urlFor = useCallback(
    (offset: number) => `${base}?${new URLSearchParams({ codeId, q: q.trim(), offset: String(offset) })}`,
    [base, codeId, q],
  );

  useEffect(() => {
    if (!codeId) return setLoad({ status: "idle" });
    const controller = new AbortController();
    // Wait for a pause in typing before asking.
    const timer = setTimeout(() => {
      setLoad((l) => ({ status: "loading", keep: l.status === "done" ? l.excerpts : [] }));
      fetchChoices(urlFor(0), controller.signal).then(
        (page) => setLoad({ status: "done", ...page }),
        (err: Error) => !controller.signal.aborted && setLoad({ status: "error", message: err.message }),
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [codeId, urlFor, reload]);

  const showMore = () => {
    if (load.status !== "done") return;
    const before = load;
    fetchChoices(urlFor(before.excerpts.length), new AbortController().signal).then(
      (page) => setLoad({ status: "done", total: page.total, excerpts: [...before.excerpts, ...page.excerpts] }),
      (err: Error) => setLoad({ status: "error", message: err.message }),
    );
  };
  const shown = load.status === "done" ? load.excerpts : load.status === "loading" ? load.keep : [];

  return (
    <div className="fd-picker__excerpts" data-testid="excerpt-picker">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-code`}>Excerpts coded</label>
          <select id={`${id}-code`} value={codeId} onChange={(e) => setCodeId(e.target.value)} data-testid="excerpt-code-select">
            <option value="">Choose a code…</option>
            {codes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>Search their text or document</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} disabled={!codeId} data-testid="excerpt-search" />
        </div>
      </div>
      <FormError state={failure} summarize />
      <div aria-live="polite" className="fd-picker__status">
        {load.status === "loading" ? <p className="hint">Loading…</p> : null}
        {load.status === "error" ? <p className="field-error">{load.message}</p> : null}
        {load.status === "done" ? <p className="hint">{load.total === 0 ? "No coded passage matches." : `${formatCount(load.total)} passage${load.total === 1 ? "" : "s"}`}</p> : null}
      </div>
      {shown.length > 0 ? (
        <ol className="fd-choices">
          {shown.map((c) => (
            <li key={c.codingId} className="fd-choice" data-testid="excerpt-choice">
              <blockquote className="fd-choice__quote">{c.quote}</blockquote>
              <div className="fd-choice__foot">
                <span className="fd-choice__doc">{c.documentTitle}</span>
                {c.chosen ? (
                  <span className="fd-muted">Already in this finding</span>
                ) : (
                  <Form method="post" className="inline-form">
                    <TargetField target="add-excerpt" />
                    <input type="hidden" name="intent" value="add-evidence" />
                    <input type="hidden" name="kind" value="excerpt" />
                    <input type="hidden" name="codingId" value={c.codingId} />
                    <BusyButton busy={busy && sending("codingId") === c.codingId} pendingText="Adding…" className="btn btn--secondary btn--small" testId="excerpt-choice-add">
                      Add excerpt
                    </BusyButton>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {load.status === "done" && load.excerpts.length < load.total ? (
        <button type="button" className="btn btn--secondary btn--small" onClick={showMore}>
          Show more ({formatCount(load.total - load.excerpts.length)} left)
        </button>
      ) : null}
    </div>
  );
}
