import { useId, type ReactNode } from "react";

/**
 * A small "?" button whose explanation shows on hover and on keyboard focus (CSS), and is the
 * button's accessible description either way, so screen readers read it too.
 */
export function FigureTip({ label, text }: { label: string; text: string }) {
  const id = useId();
  return (
    <span className="ag-tip">
      <button type="button" className="ag-tip__button" aria-label={`About ${label}`} aria-describedby={id}>
        ?
      </button>
      <span role="tooltip" id={id} className="ag-tip__text">
        {text}
      </span>
    </span>
  );
}

/** A value that explains itself: focusable, with its explanation as its description. */
export function ExplainedValue({ children, text, className }: { children: ReactNode; text: string; className?: string }) {
  const id = useId();
  return (
    <span className={`ag-tip ${className ?? ""}`}>
      {/* A button only so it takes keyboard focus and shows its explanation there too. */}
      <button type="button" className="ag-tip__value" aria-describedby={id}>
        {children}
      </button>
      <span role="tooltip" id={id} className="ag-tip__text">
        {text}
      </span>
    </span>
  );
}
