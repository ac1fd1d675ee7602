import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { CodeSegmentLink, Excerpt, MatrixCode, MatrixSegment, Representation } from "~/lib/datasets/types";
import { failureFor, FormError, TextAreaField, type FormState } from "../forms";
import { formatCount } from "../segments/format";
import { RepresentationSummary } from "./representation-summary";

/** What the cell resource route answers (app/routes/projects.$projectId.matrix.cell.tsx). */
export interface CellPage {
  excerpts: Excerpt[];
  total: number;
  offset: number;
  representation: Representation | null;
}

export const EXCERPTS_PER_PAGE = 20;

type Load =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; excerpts: Excerpt[]; total: number; representation: Representation | null; more: "idle" | "loading" | "error" };

/**
 * The side panel for one code × segment cell: whether the code is over- or under-represented
 * in the segment, the code↔segment link, and the excerpts behind the counts, a page at a time.
 */
export function CellPanel({
  projectId,
  subcodes,
  code,
  segment,
  counts,
  link,
  canLink,
  onClose,
}: {
  projectId: string;
  /** Whether a parent code's cell includes its sub-codes' codings (as the matrix shows it). */
  subcodes: boolean;
  code: MatrixCode;
  segment: MatrixSegment;
  counts: { codings: number; documents: number; cases: number };
  link: CodeSegmentLink | undefined;
  canLink: boolean;
  onClose(): void;
}) {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const heading = useRef<HTMLHeadingElement>(null);
  const url = (offset: number) =>
    `/projects/${encodeURIComponent(projectId)}/matrix/cell?code=${encodeURIComponent(code.id)}&segment=${encodeURIComponent(segment.id)}&offset=${offset}&limit=${EXCERPTS_PER_PAGE}&subcodes=${subcodes ? 1 : 0}`;

  useEffect(() => {
    heading.current?.focus();
    const controller = new AbortController();
    setLoad({ status: "loading" });
    fetchPage(url(0), controller.signal).then(
      (page) => setLoad({ status: "ready", excerpts: page.excerpts, total: page.total, representation: page.representation, more: "idle" }),
      (err: Error) => {
        if (err.name !== "AbortError") setLoad({ status: "error", message: err.message });
      },
    );
    return () => controller.abort();
    // url() only depends on these ids.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, code.id, segment.id]);

  const showMore = async () => {
    if (load.status !== "ready") return;
    setLoad({ ...load, more: "loading" });
    try {
      const page = await fetchPage(url(load.excerpts.length));
      setLoad((now) =>
        now.status === "ready" ? { ...now, excerpts: [...now.excerpts, ...page.excerpts], total: page.total, more: "idle" } : now,
      );
    } catch {
      setLoad((now) => (now.status === "ready" ? { ...now, more: "error" } : now));
    }
  };

  return (
    <aside className="mx-panel" aria-labelledby="mx-panel-heading" data-testid="cell-panel">
      <div className="mx-panel__head">
        <h2 id="mx-panel-heading" ref={heading} tabIndex={-1}>
          <span className="swatch" style={{ background: code.color }} aria-hidden="true" /> {code.name}
          <span className="mx-panel__in"> in </span>
          {segment.name}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
          Close<span className="visually-hidden"> excerpts panel</span>
        </button>
      </div>
      <p className="meta">
        {formatCount(counts.codings)} coding{counts.codings === 1 ? "" : "s"} · {formatCount(counts.documents)} document
        {counts.documents === 1 ? "" : "s"} · {formatCount(counts.cases)} case{counts.cases === 1 ? "" : "s"}
      </p>

      {load.status === "loading" ? (
        <p className="mx-panel__loading" role="status">
          Loading excerpts…
        </p>
      ) : load.status === "error" ? (
        <div className="alert alert--error" role="alert">
          {load.message}
        </div>
      ) : (
        <>
          {load.representation ? <RepresentationSummary representation={load.representation} codeName={code.name} /> : null}
          <LinkSection code={code} segment={segment} link={link} canLink={canLink} projectId={projectId} />
          <section aria-labelledby="mx-excerpts-heading">
            <h3 id="mx-excerpts-heading">Excerpts ({formatCount(load.total)})</h3>
            {load.excerpts.length === 0 ? (
              <p className="hint">No passages of this code in documents of this segment’s cases.</p>
            ) : (
              <ol className="mx-excerpts">
                {load.excerpts.map((excerpt) => (
                  <ExcerptItem key={excerpt.codingId} projectId={projectId} excerpt={excerpt} />
                ))}
              </ol>
            )}
            {load.excerpts.length < load.total ? (
              <button type="button" className="btn btn--secondary btn--small" onClick={showMore} disabled={load.more === "loading"}>
                {load.more === "loading" ? "Loading…" : `Show more (${formatCount(load.total - load.excerpts.length)} left)`}
              </button>
            ) : null}
            {load.more === "error" ? <p className="field-error">More excerpts could not be loaded. Try again.</p> : null}
          </section>
        </>
      )}
    </aside>
  );
}

async function fetchPage(url: string, signal?: AbortSignal): Promise<CellPage> {
  const res = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" }, signal });
  const body = (await res.json().catch(() => null)) as (CellPage & { error?: { message?: string } }) | null;
  if (!res.ok || !body || !Array.isArray(body.excerpts)) {
    throw new Error(body?.error?.message ?? "The excerpts could not be loaded. Try again.");
  }
  return body;
}

function ExcerptItem({ projectId, excerpt }: { projectId: string; excerpt: Excerpt }) {
  return (
    <li className="mx-excerpt" data-testid="excerpt">
      <blockquote className="mx-excerpt__quote">{excerpt.quote}</blockquote>
      <p className="mx-excerpt__meta">
        <span className="mx-excerpt__doc">{excerpt.documentTitle}</span>
        {excerpt.caseKey ? <span className="case-key">{excerpt.caseKey}</span> : null}
        <span>{excerpt.authorName ? `coded by ${excerpt.authorName}` : "coded by a former member"}</span>
      </p>
      <Link
        className="mx-excerpt__open"
        to={`/projects/${projectId}/documents/${excerpt.documentId}?coding=${encodeURIComponent(excerpt.codingId)}`}
      >
        Open in editor<span className="visually-hidden">: {excerpt.documentTitle}</span>
      </Link>
    </li>
  );
}

function LinkSection({
  projectId,
  code,
  segment,
  link,
  canLink,
}: {
  projectId: string;
  code: MatrixCode;
  segment: MatrixSegment;
  link: CodeSegmentLink | undefined;
  canLink: boolean;
}) {
  const fetcher = useFetcher<FormState>();
  const failure = failureFor(fetcher.data);
  if (link) {
    return (
      <section className="mx-link" aria-label="Link between code and segment">
        <p>
          <strong>Linked:</strong> “{code.name}” explains{" "}
          <Link to={`/projects/${projectId}/segments/${segment.id}`}>{segment.name}</Link>
          {link.note ? ` — ${link.note}` : ""}
        </p>
      </section>
    );
  }
  if (!canLink) return null;
  return (
    <section className="mx-link" aria-labelledby="mx-link-heading">
      <h3 id="mx-link-heading">Link code to segment</h3>
      <fetcher.Form method="post" className="form">
        <input type="hidden" name="codeId" value={code.id} />
        <input type="hidden" name="segmentId" value={segment.id} />
        <FormError state={failure} />
        <TextAreaField
          label="Note (why this code explains this segment)"
          name="note"
          rows={2}
          maxLength={500}
          state={failure}
        />
        <div>
          <button type="submit" name="intent" value="link-code" className="btn btn--small" disabled={fetcher.state !== "idle"}>
            {fetcher.state !== "idle" ? "Linking…" : "Link code to segment"}
          </button>
        </div>
      </fetcher.Form>
    </section>
  );
}
