import { useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from "react";
import type * as CompareMarks from "./compare-marks.client";
import { coderLook, coderSampleStyle, parseAt } from "./compare-style";
import type { EditorHandle } from "./editor-view.client";
import type { CodeInfo, ResolvedCoding } from "./types";

// Inline: the editor's stylesheet belongs to the editor route; compare mode adds no sheet of its own.
const legendStyle = { display: "flex", flexWrap: "wrap", gap: "4px 16px", alignItems: "center", margin: "0 0 8px" } as const;
const listStyle = { display: "flex", flexWrap: "wrap", gap: "4px 16px", listStyle: "none", margin: 0, padding: 0 } as const;
const sampleStyle = { display: "inline-block", width: "28px", height: "10px", marginRight: "6px", verticalAlign: "middle" } as const;

type CompareModule = typeof CompareMarks;
let modulePromise: Promise<CompareModule> | null = null;
const loadModule = () => (modulePromise ??= import("./compare-marks.client"));

interface Options {
  editor: MutableRefObject<EditorHandle | null>;
  ready: boolean;
  codings: ResolvedCoding[];
  codes: Map<string, CodeInfo>;
  members: Record<string, string>;
}

/**
 * `?compare=ID,ID[&at=START-END]` (the agreement page's "Open in editor"): every compared
 * coder's codings get that coder's band above the text, a legend says whose band is whose,
 * and a panel lists at the passage what each coder applied. Nothing changes without ?compare.
 */
export function useCompareMode({ editor, ready, codings, codes, members }: Options): { legend: ReactNode; panel: ReactNode } {
  const [params] = useSearchParams();
  const compareParam = params.get("compare") ?? "";
  const coders = useMemo(() => [...new Set(compareParam.split(",").map((s) => s.trim()).filter(Boolean))].slice(0, 10), [compareParam]);
  const at = parseAt(params.get("at"));
  const names = useMemo(() => coders.map((id) => members[id] ?? "A former member"), [coders, members]);
  const authors = useMemo(() => {
    const index = new Map(coders.map((id, i) => [id, i]));
    const out = new Map<string, number>();
    for (const c of codings) {
      const i = index.get(c.authorId);
      if (i !== undefined && !c.orphaned) out.set(c.id, i);
    }
    return out;
  }, [codings, coders]);
  const [mod, setMod] = useState<CompareModule | null>(null);
  const added = useRef<EditorHandle | null>(null);
  const landed = useRef<string | null>(null);
  const active = coders.length > 0;

  useEffect(() => {
    if (active) loadModule().then(setMod, () => setMod(null));
  }, [active]);

  // Add the layer once per editor, then keep its authors in step with the live codings.
  useEffect(() => {
    const ed = editor.current;
    if (!active || !ready || !mod || !ed) return;
    if (added.current !== ed) {
      mod.addCompareLayer(ed.view, names, authors);
      added.current = ed;
    } else mod.updateCompareAuthors(ed.view, authors);
  }, [active, ready, mod, editor, names, authors]);

  // Land on the passage once, when the text is in.
  const atKey = at ? `${at.from}-${at.to}` : null;
  useEffect(() => {
    const ed = editor.current;
    if (!active || !ready || !ed || !at || landed.current === atKey) return;
    landed.current = atKey;
    const length = ed.view.state.doc.length;
    ed.land(Math.min(at.from, length), Math.min(at.to, length));
    // at comes from atKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, ready, editor, atKey]);

  if (!active) return { legend: null, panel: null };
  const here = at ? codings.filter((c) => !c.orphaned && c.start < at.to && c.end > at.from) : [];
  const legend = (
    <div className="thk-cmp-legend" style={legendStyle} data-testid="compare-legend" role="note" aria-label="Coders compared">
      <strong>Comparing coders:</strong>
      <ul style={listStyle}>
        {names.map((name, i) => (
          <li key={coders[i]} data-coder-index={i}>
            <span className="thk-cmp-sample" style={{ ...sampleStyle, ...coderSampleStyle(i) }} aria-hidden="true" />
            {name} <span className="meta">({coderLook(i).pattern} band)</span>
          </li>
        ))}
      </ul>
      <span className="meta">Bands above the text show who coded it; the code colours are as usual.</span>
    </div>
  );
  const panel = at ? (
    <section className="card thk-side-card thk-cmp-panel" aria-labelledby="cmp-heading" data-testid="compare-panel">
      <h3 id="cmp-heading">Coders at this passage</h3>
      <ul className="thk-cmp-coders">
        {coders.map((id, i) => {
          const mine = here.filter((c) => c.authorId === id);
          return (
            <li key={id} data-testid="compare-coder">
              <span className="thk-cmp-sample" style={{ ...sampleStyle, ...coderSampleStyle(i) }} aria-hidden="true" />
              <strong>{names[i]}</strong>
              {mine.length === 0 ? (
                <span className="meta"> no code here</span>
              ) : (
                <ul>
                  {mine.map((c) => (
                    <li key={c.id}>
                      <span className="thk-swatch" style={{ background: codes.get(c.codeId)?.color ?? "#8a8f8c" }} aria-hidden="true" />{" "}
                      {codes.get(c.codeId)?.name ?? "Unknown code"} <span className="meta">“{c.quote.length > 80 ? `${c.quote.slice(0, 80)}…` : c.quote}”</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  ) : null;
  return { legend, panel };
}
