import { useEffect, useState } from "react";
import type { Filter, SegmentComparison } from "~/lib/datasets/types";
import { ComparisonTable } from "./comparison-table";
import { sizeSentence } from "./format";

export interface PreviewResult {
  size: number;
  datasetRows: number;
  comparison: SegmentComparison[];
}

type State =
  | { status: "idle" }
  | { status: "loading"; last: PreviewResult | null }
  | { status: "done"; result: PreviewResult }
  | { status: "error"; message: string; last: PreviewResult | null };

/** Waits for typing to pause before asking the server, so a number being typed is one query. */
const DEBOUNCE_MS = 350;

/**
 * The segment's size and its numbers against the rest, recomputed by the server as the filter
 * changes. Only a filter without row errors is sent; an older answer arriving late is dropped.
 */
export function SegmentPreview({
  projectId,
  datasetId,
  filter,
  blocked,
}: {
  projectId: string;
  datasetId: string;
  filter: Filter;
  /** Why the filter is not sent yet (a row to fix), or null. */
  blocked: string | null;
}) {
  const [state, setState] = useState<State>({ status: "idle" });
  const body = JSON.stringify({ datasetId, filter });

  useEffect(() => {
    if (!datasetId || blocked) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState((s) => ({ status: "loading", last: lastOf(s) }));
      try {
        const res = await fetch(`/api/v1/projects/${encodeURIComponent(projectId)}/segments/preview`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          credentials: "same-origin",
          body,
          signal: controller.signal,
        });
        const json = (await res.json().catch(() => null)) as (PreviewResult & { error?: { message?: string } }) | null;
        if (!res.ok || !json || typeof json.size !== "number") {
          const message = json?.error?.message ?? "The preview could not be computed.";
          setState((s) => ({ status: "error", message, last: lastOf(s) }));
          return;
        }
        setState({ status: "done", result: json });
      } catch (err) {
        if ((err as Error).name === "AbortError") return;
        setState((s) => ({ status: "error", message: "The preview could not be reached. Check your connection.", last: lastOf(s) }));
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [projectId, datasetId, body, blocked]);

  const shown = state.status === "done" ? state.result : state.status === "idle" ? null : state.last;
  const loading = state.status === "loading";
  return (
    <section className="seg-preview" aria-labelledby="seg-preview-heading" aria-busy={loading}>
      <h3 id="seg-preview-heading">Preview</h3>
      <p className="seg-preview__size" role="status" aria-live="polite" data-testid="segment-preview-size">
        {!datasetId
          ? "Choose a dataset to see how many rows match."
          : blocked
            ? `Fix the highlighted condition to update the preview.`
            : shown
              ? sizeSentence(shown.size, shown.datasetRows)
              : "Counting rows…"}
        {loading ? <span className="seg-preview__loading"> · updating…</span> : null}
      </p>
      {state.status === "error" ? (
        <p className="field-error" data-testid="segment-preview-error">
          {state.message}
        </p>
      ) : null}
      {shown && !blocked ? (
        <ComparisonTable comparison={shown.comparison} caption="Mean of each numeric column, inside the segment vs the rest" compact />
      ) : null}
    </section>
  );
}

function lastOf(state: State): PreviewResult | null {
  if (state.status === "done") return state.result;
  if (state.status === "loading" || state.status === "error") return state.last;
  return null;
}
