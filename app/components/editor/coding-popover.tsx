import { useEffect, useId, useRef, useState } from "react";
import { safeColor } from "./colors";
import { excerpt, formatWhen } from "./format";

export interface PopoverItem {
  id: string;
  codeName: string;
  color: string;
  authorName: string;
  createdAt: string;
  memo: string;
  quote: string;
}

interface CodingPopoverProps {
  items: PopoverItem[];
  left: number;
  top: number;
  /** Opens upwards from `top` (the line is near the bottom of the window). */
  above: boolean;
  canCode: boolean;
  /** Opened from the keyboard: focus moves into the popover. */
  focusOnOpen: boolean;
  onMemo(id: string, memo: string): void;
  onRemove(id: string): void;
  /** `refocus`: return focus to the editor (Escape, the close button), not after a click elsewhere. */
  onClose(refocus: boolean): void;
}

/** The codings at one spot: which code, who applied it and when, its memo, and Remove. */
export function CodingPopover({ items, left, top, above, canCode, focusOnOpen, onMemo, onRemove, onClose }: CodingPopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!focusOnOpen) return;
    const el = ref.current;
    (el?.querySelector<HTMLElement>("textarea") ?? el?.querySelector<HTMLElement>(".thk-popover__list button, button"))?.focus();
  }, [focusOnOpen]);

  // Escape closes it, whether focus is in it or still in the text; focus returns to the text.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      onClose(true);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  // Clicking anywhere else closes it (the click that opened it has already happened).
  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [onClose]);

  return (
    <div
      ref={ref}
      className="thk-popover"
      role="dialog"
      aria-labelledby={titleId}
      style={{ left, top, transform: above ? "translateY(-100%)" : undefined }}
    >
      <div className="thk-popover__head">
        <h2 id={titleId}>{items.length === 1 ? "Coded here" : `${items.length} codings here`}</h2>
        <button type="button" className="btn btn--ghost btn--small" aria-label="Close" onClick={() => onClose(true)}>
          ×
        </button>
      </div>
      <ul className="thk-popover__list">
        {items.map((item) => (
          <PopoverEntry key={item.id} item={item} canCode={canCode} onMemo={onMemo} onRemove={onRemove} />
        ))}
      </ul>
    </div>
  );
}

function PopoverEntry({
  item,
  canCode,
  onMemo,
  onRemove,
}: {
  item: PopoverItem;
  canCode: boolean;
  onMemo(id: string, memo: string): void;
  onRemove(id: string): void;
}) {
  const memoId = useId();
  const [draft, setDraft] = useState(item.memo);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // What was typed but not yet written, so closing the popover mid-sentence still saves it.
  const unsaved = useRef<string | null>(null);
  const write = useRef(onMemo);
  write.current = onMemo;

  // Someone else's memo edit shows up unless this person is typing.
  useEffect(() => {
    if (!editing) setDraft(item.memo);
  }, [item.memo, editing]);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (unsaved.current !== null) write.current(item.id, unsaved.current);
    },
    [item.id],
  );

  const save = (value: string) => {
    clearTimeout(timer.current);
    unsaved.current = null;
    onMemo(item.id, value);
    setSaved(true);
  };

  return (
    <li className="thk-popover__item" data-coding-id={item.id}>
      <div className="thk-popover__code">
        <span className="thk-swatch" style={{ background: safeColor(item.color) }} aria-hidden="true" />
        <strong>{item.codeName}</strong>
      </div>
      <div className="thk-popover__meta">
        Applied by {item.authorName}
        {item.createdAt ? ` · ${formatWhen(item.createdAt)}` : ""}
      </div>
      {item.quote ? <blockquote className="thk-popover__quote">{excerpt(item.quote, 200)}</blockquote> : null}
      {canCode ? (
        <div className="field thk-popover__memo">
          <label htmlFor={memoId}>Memo</label>
          <textarea
            id={memoId}
            rows={2}
            value={draft}
            placeholder="Why this passage, what it shows…"
            onFocus={() => setEditing(true)}
            onChange={(e) => {
              const value = e.target.value;
              setDraft(value);
              setSaved(false);
              unsaved.current = value;
              clearTimeout(timer.current);
              timer.current = setTimeout(() => save(value), 700);
            }}
            onBlur={() => {
              setEditing(false);
              if (unsaved.current !== null) save(unsaved.current);
            }}
          />
          <span className="thk-popover__saved" aria-live="polite">
            {saved ? "Memo saved" : ""}
          </span>
        </div>
      ) : item.memo ? (
        <p className="thk-popover__memo-text">{item.memo}</p>
      ) : null}
      {canCode ? (
        <button type="button" className="btn btn--secondary btn--small thk-popover__remove" onClick={() => onRemove(item.id)}>
          Remove coding
        </button>
      ) : null}
    </li>
  );
}
