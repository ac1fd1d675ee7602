import { useId, useMemo, useState } from "react";
import { safeColor } from "./colors";
import type { CodeNode } from "./types";

interface CodebookPanelProps {
  codes: CodeNode[];
  /** Codings per code in this document. */
  counts: ReadonlyMap<string, number>;
  /** True when a click applies the code (there is a selection and the person may code). */
  applies: boolean;
  /** The code being stepped through, with where we are. */
  focus: { codeId: string; index: number; total: number } | null;
  live: boolean;
  onCode(codeId: string): void;
  onClearFocus(): void;
}

/** The project's live codebook, as a tree with this document's counts; filterable. */
export function CodebookPanel({ codes, counts, applies, focus, live, onCode, onClearFocus }: CodebookPanelProps) {
  const [filter, setFilter] = useState("");
  const hintId = useId();
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return codes;
    return codes.filter((c) => c.name.toLowerCase().includes(q) || c.path.some((p) => p.toLowerCase().includes(q)));
  }, [codes, filter]);
  const focused = focus ? codes.find((c) => c.id === focus.codeId) : undefined;

  return (
    <section className="card thk-side-card thk-codebook" aria-labelledby="codebook-heading">
      <div className="thk-side-card__head">
        <h2 id="codebook-heading">Codebook</h2>
        <span className="meta">{live ? `${codes.length} codes` : "Loading…"}</span>
      </div>
      <p id={hintId} className="thk-codebook__hint">
        {applies ? "Click a code to apply it to the selected text." : "Select text, then click a code to apply it. With nothing selected, a click steps through the code’s passages."}
      </p>
      {codes.length > 0 ? (
        <input
          type="search"
          className="thk-codebook__filter"
          aria-label="Filter codes"
          placeholder="Filter codes"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      ) : null}
      {focus && focused ? (
        <p className="thk-codebook__focus" role="status">
          <span className="thk-swatch" style={{ background: safeColor(focused.color) }} aria-hidden="true" />
          {focus.total === 0 ? `“${focused.name}” is not used in this document.` : `“${focused.name}”: passage ${focus.index + 1} of ${focus.total}`}
          <button type="button" className="btn btn--ghost btn--small" onClick={onClearFocus}>
            Clear
          </button>
        </p>
      ) : null}
      {codes.length === 0 ? (
        <p className="meta">This project has no codes yet.</p>
      ) : (
        <ul className="thk-codebook__list">
          {shown.map((code) => {
            const n = counts.get(code.id) ?? 0;
            const count = live ? (
              <span className="thk-code__count" aria-label={`${n} coding${n === 1 ? "" : "s"} in this document`}>
                {n}
              </span>
            ) : null;
            if (!code.codable) {
              // A folder groups codes; it is never applied, so it is a label, not a button.
              return (
                <li key={code.id} style={{ paddingLeft: code.depth * 14 }}>
                  <span className="thk-code thk-code--folder" title={code.description || undefined} data-code-id={code.id}>
                    <span className="thk-code__name">{code.name}</span>
                    <span className="thk-code__folder">folder</span>
                  </span>
                </li>
              );
            }
            return (
              <li key={code.id} style={{ paddingLeft: code.depth * 14 }}>
                <button
                  type="button"
                  className={`thk-code${focus?.codeId === code.id ? " is-focused" : ""}`}
                  aria-describedby={hintId}
                  title={code.description || undefined}
                  data-code-id={code.id}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => onCode(code.id)}
                >
                  <span className="thk-swatch" style={{ background: safeColor(code.color) }} aria-hidden="true" />
                  <span className="thk-code__name">{code.name}</span>
                  {count}
                </button>
              </li>
            );
          })}
          {shown.length === 0 ? <li className="meta">No code matches “{filter}”.</li> : null}
        </ul>
      )}
    </section>
  );
}
