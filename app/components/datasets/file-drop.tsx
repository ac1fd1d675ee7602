import { useId, useState, type DragEvent } from "react";
import { formatMegabytes } from "./format";

/**
 * A file input that also takes a file dropped on it. The input stays the real control (it is
 * what the label names, and what keyboard and screen-reader users operate).
 */
export function FileDrop({
  file,
  disabled,
  onFile,
  describedBy,
}: {
  file: File | null;
  disabled: boolean;
  onFile(file: File): void;
  describedBy?: string;
}) {
  const id = useId();
  const [over, setOver] = useState(false);

  const accept = (e: DragEvent) => {
    if (disabled || !e.dataTransfer.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setOver(true);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (!disabled && dropped) onFile(dropped);
  };

  return (
    <div
      className={`file-drop${over ? " file-drop--over" : ""}`}
      onDragEnter={accept}
      onDragOver={accept}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="csv-drop"
    >
      <label htmlFor={id}>CSV file</label>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => {
          const chosen = e.currentTarget.files?.[0];
          if (chosen) onFile(chosen);
        }}
      />
      <p className="hint">
        {file
          ? `${file.name} · ${formatMegabytes(file.size)}`
          : "Choose a file, or drop one here. The first row must hold the column names."}
      </p>
    </div>
  );
}
