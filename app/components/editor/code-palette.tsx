import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { safeColor } from "./colors";
import { EditorModal } from "./editor-modal";
import type { CodeNode } from "./types";

interface CodePaletteProps {
  codes: CodeNode[];
  /** The selected text, shown so the person sees what they are coding. */
  quote: string;
  /** Codes already on exactly this selection. */
  applied: ReadonlySet<string>;
  /** Applies a code; `keepOpen` leaves the palette up to add another. */
  onApply(codeId: string, keepOpen: boolean): void;
  /** Offered when nothing matches and the person may add codes; resolves once applied. */
  onCreate?: (name: string, keepOpen: boolean) => Promise<void>;
  onClose(): void;
}

type Option = { kind: "code"; code: CodeNode } | { kind: "create"; name: string };

function rank(code: CodeNode, q: string): number {
  const name = code.name.toLowerCase();
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (name.includes(q)) return 2;
  if (code.path.some((p) => p.toLowerCase().includes(q))) return 3;
  return -1;
}

/**
 * Ctrl/Cmd+K: type to filter the codebook, arrows to choose, Enter to apply (Shift+Enter
 * applies and stays open for another code), Escape to close. Focus stays in the filter box;
 * the highlighted option is announced through aria-activedescendant.
 */
export function CodePalette({ codes, quote, applied, onApply, onCreate, onClose }: CodePaletteProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const id = useId();

  const options = useMemo<Option[]>(() => {
    const q = query.trim().toLowerCase();
    const matches = q
      ? codes
          .map((code) => ({ code, r: rank(code, q) }))
          .filter((m) => m.r >= 0)
          .sort((a, b) => a.r - b.r)
          .map((m) => m.code)
      : codes;
    const out: Option[] = matches.map((code) => ({ kind: "code", code }));
    if (onCreate && q && !codes.some((c) => c.name.toLowerCase() === q)) out.push({ kind: "create", name: query.trim() });
    return out;
  }, [codes, query, onCreate]);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const choose = (index: number, keepOpen: boolean) => {
    const option = options[index];
    if (!option || busy) return;
    setError(null);
    if (option.kind === "code") {
      onApply(option.code.id, keepOpen);
      return;
    }
    setBusy(true);
    onCreate!(option.name, keepOpen)
      .then(() => setQuery(""))
      .catch((err: unknown) => setError(err instanceof Error ? err.message : "The code could not be created."))
      .finally(() => setBusy(false));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => (options.length ? (i + 1) % options.length : 0));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (options.length ? (i - 1 + options.length) % options.length : 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(active, event.shiftKey);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    } else if (event.key === "Tab") {
      event.preventDefault(); // the palette is modal: focus stays in the filter
    }
  };

  const onListClick = (event: MouseEvent) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
    if (item) choose(Number(item.dataset.index), event.shiftKey || event.metaKey || event.ctrlKey);
    inputRef.current?.focus();
  };

  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <EditorModal title="Apply codes" onClose={onClose}>
      <p className="thk-palette__quote">{quote}</p>
      <input
        ref={inputRef}
        className="thk-palette__input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={options.length ? optionId(active) : undefined}
        aria-autocomplete="list"
        aria-label="Filter codes"
        placeholder="Type to filter codes…"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul
        ref={listRef}
        id={`${id}-list`}
        className="thk-palette__list"
        role="listbox"
        aria-label="Codes"
        onClick={onListClick}
        onKeyDown={onKeyDown}
        onMouseDown={(e) => e.preventDefault()}
      >
        {options.map((option, i) => (
          <li
            key={option.kind === "code" ? option.code.id : "create"}
            id={optionId(i)}
            data-index={i}
            role="option"
            aria-selected={i === active}
            className={`thk-palette__option${i === active ? " is-active" : ""}`}
            onMouseMove={() => i !== active && setActive(i)}
          >
            {option.kind === "code" ? (
              <>
                <span className="thk-swatch" style={{ background: safeColor(option.code.color) }} aria-hidden="true" />
                <span className="thk-palette__name">
                  {option.code.path.length ? <span className="thk-palette__path">{option.code.path.join(" › ")} › </span> : null}
                  {option.code.name}
                </span>
                {applied.has(option.code.id) ? <span className="thk-palette__applied">✓ applied</span> : null}
              </>
            ) : (
              <span className="thk-palette__name">{busy ? "Creating…" : `Create code “${option.name}” and apply`}</span>
            )}
          </li>
        ))}
        {options.length === 0 ? <li className="thk-palette__empty">No code matches “{query}”.</li> : null}
      </ul>
      <p className="thk-palette__hint">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> apply · <kbd>Shift</kbd>+<kbd>Enter</kbd> apply and add another ·{" "}
        <kbd>Esc</kbd> close
      </p>
    </EditorModal>
  );
}
