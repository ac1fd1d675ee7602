import { useId, type ReactNode } from "react";

/**
 * The editor's modal shell (the code palette, the redaction confirm): a backdrop that closes
 * it when clicked outside, and a labelled dialog. Keyboard handling stays with each dialog.
 */
export function EditorModal({
  title,
  className,
  onClose,
  children,
}: {
  title: string;
  className?: string;
  onClose(): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div
      className="thk-palette-backdrop"
      role="presentation"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className={className ? `thk-palette ${className}` : "thk-palette"} role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="thk-palette__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
