import { Fragment, useMemo, type ReactNode } from "react";
import { codeTree } from "./codebook-tree";
import { highlightStyle, segments } from "./highlight-style";
import type { CodeInfo } from "./types";

export interface PreviewCoding {
  codeId: string;
  start: number;
  end: number;
}

interface PreviewTextProps {
  text: string;
  truncated: boolean;
  /** Codings from the projection, offsets into `text`. */
  codings: PreviewCoding[];
  codes: CodeInfo[];
}

/**
 * The server-rendered text with its highlights (from the projection, at most a second behind
 * the live document), shown until the live editor takes over and to readers without script.
 */
export function PreviewText({ text, truncated, codings, codes }: PreviewTextProps) {
  const parts = useMemo(() => {
    const order = new Map(codeTree(codes).map((c, i) => [c.id, i]));
    const colors = new Map(codes.map((c) => [c.id, c.color]));
    const names = new Map(codes.map((c) => [c.id, c.name]));
    const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
    const out: ReactNode[] = [];
    let at = 0;
    const pieces = segments(
      codings.map((c) => ({ from: c.start, to: c.end, codeId: c.codeId })),
      0,
      text.length,
    );
    for (const piece of pieces) {
      if (piece.from > at) out.push(<Fragment key={`t${at}`}>{text.slice(at, piece.from)}</Fragment>);
      const ids = piece.codeIds.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
      out.push(
        <span
          key={`c${piece.from}`}
          className="thk-coded-preview"
          data-code-ids={ids.join(" ")}
          title={ids.map((id) => names.get(id) ?? "Unknown code").join(", ")}
          style={highlightStyle(ids.map((id) => colors.get(id) ?? ""))}
        >
          {text.slice(piece.from, piece.to)}
        </span>,
      );
      at = piece.to;
    }
    if (at < text.length) out.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
    return out;
  }, [text, codings, codes]);
  return (
    <div className="thk-prose">
      {parts}
      {truncated ? "…" : ""}
    </div>
  );
}
