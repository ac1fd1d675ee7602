import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { formatCount } from "~/components/segments/format";
import type { CooccurrenceCode, CooccurrencePassage } from "~/lib/analysis/cooccurrence.server";

export const PASSAGES_PER_PAGE = 20;

interface PassagePage {
  passages: CooccurrencePassage[];
  total: number;
}
type Load =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; passages: CooccurrencePassage[]; total: number; more: "idle" | "loading" | "error" };

/**
 * The side panel for one co-occurrence cell: the pairs of codings behind it, from the passages
 * API with the page's session, a page at a time, each with both quotes and a link that lands on
 * the passage in the editor.
 */
export function PassagesPanel({
  projectId,
  a,
  b,
  near,
  counts,
  onClose,
}: {
  projectId: string;
  a: CooccurrenceCode;
  b: CooccurrenceCode;
  /** `mode=…&within=…`, as the matrix was asked for. */
  near: string;
  counts: { pairs: number; documents: number };
  onClose(): void;
}) {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const heading = useRef<HTMLHeadingElement>(null);
  const url = (offset: number) =>
    `/api/v1/projects/${encodeURIComponent(projectId)}/cooccurrence/passages?a=${encodeURIComponent(a.id)}&b=${encodeURIComponent(b.id)}&${near}&offset=${offset}&limit=${PASSAGES_PER_PAGE}`;

  useEffect(() => {
    heading.current?.focus();
    const controller = new AbortController();
    setLoad({ status: "loading" });
    fetchPage(url(0), controller.signal).then(
      (page) => setLoad({ status: "ready", passages: page.passages, total: page.total, more: "idle" }),
      (err: Error) => {
        if (err.name !== "AbortError") setLoad({ status: "error", message: err.message });
      },
    );
    return () => controller.abort();
    // url() only depends on these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, a.id, b.id, near]);

  const showMore = async () => {
    if (load.status !== "ready") return;
    setLoad({ ...load, more: "loading" });
    try {
      const page = await fetchPage(url(load.passages.length));
      setLoad((now) => (now.status === "ready" ? { ...now, passages: [...now.passages, ...page.passages], total: page.total, more: "idle" } : now));
    } catch {
      setLoad((now) => (now.status === "ready" ? { ...now, more: "error" } : now));
    }
  };

  return (
    <aside className="mx-panel" aria-labelledby="an-panel-heading" data-testid="passages-panel">
      <div className="mx-panel__head">
        <h2 id="an-panel-heading" ref={heading} tabIndex={-1}>
          <span className="swatch" style={{ background: a.color }} aria-hidden="true" /> {a.name}
          <span className="mx-panel__in"> with </span>
          <span className="swatch" style={{ background: b.color }} aria-hidden="true" /> {b.name}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
          Close<span className="visually-hidden"> passages panel</span>
        </button>
      </div>
      <p className="meta">
        {formatCount(counts.pairs)} pair{counts.pairs === 1 ? "" : "s"} of codings in {formatCount(counts.documents)} document
        {counts.documents === 1 ? "" : "s"}
      </p>
      {load.status === "loading" ? (
        <p className="mx-panel__loading" role="status">
          Loading passages…
        </p>
      ) : load.status === "error" ? (
        <div className="alert alert--error" role="alert">
          {load.message}
        </div>
      ) : load.passages.length === 0 ? (
        <p className="hint">These two codes never meet in the documents looked at.</p>
      ) : (
        <>
          <ol className="an-passages">
            {load.passages.map((p) => (
              <Passage key={`${p.a.codingId}/${p.b.codingId}`} projectId={projectId} passage={p} a={a} b={b} />
            ))}
          </ol>
          {load.passages.length < load.total ? (
            <button type="button" className="btn btn--secondary btn--small" onClick={showMore} disabled={load.more === "loading"}>
              {load.more === "loading" ? "Loading…" : `Show more (${formatCount(load.total - load.passages.length)} left)`}
            </button>
          ) : null}
          {load.more === "error" ? <p className="field-error">More passages could not be loaded. Try again.</p> : null}
        </>
      )}
    </aside>
  );
}

async function fetchPage(url: string, signal?: AbortSignal): Promise<PassagePage> {
  const res = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" }, signal });
  const body = (await res.json().catch(() => null)) as (PassagePage & { error?: { message?: string } }) | null;
  if (!res.ok || !body || !Array.isArray(body.passages)) {
    throw new Error(body?.error?.message ?? "The passages could not be loaded. Try again.");
  }
  return body;
}

function Passage({ projectId, passage, a, b }: { projectId: string; passage: CooccurrencePassage; a: CooccurrenceCode; b: CooccurrenceCode }) {
  // Land on the span that covers both codings: the editor outlines the first one's coding.
  const first = passage.a.start <= passage.b.start ? passage.a : passage.b;
  return (
    <li className="an-passage" data-testid="passage">
      <p className="an-passage__doc">{passage.documentTitle}</p>
      {[
        { code: a, end: passage.a },
        { code: b, end: passage.b },
      ].map(({ code, end }) => (
        <div key={code.id} style={{ ["--an-code" as string]: code.color }}>
          <span className="an-passage__code">
            <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
            {code.name}
          </span>
          <blockquote>{end.quote}</blockquote>
        </div>
      ))}
      <Link className="mx-excerpt__open" to={`/projects/${projectId}/documents/${passage.documentId}?coding=${encodeURIComponent(first.codingId)}`}>
        Open in document<span className="visually-hidden">: {passage.documentTitle}</span>
      </Link>
    </li>
  );
}
