import { columnTypes, type ColumnType, type CsvPreview } from "~/lib/datasets/types";
import { columnTypeLabels, isNumeric } from "./column-types";
import { formatInteger } from "./format";

/** Rows shown under the type pickers: enough to judge the types, short enough to scan. */
const SHOWN_ROWS = 12;

/**
 * The first rows of the file as the server parsed them, with a type picker over each column
 * (the inferred type preselected and marked, so a change is visible).
 */
export function PreviewTable({
  preview,
  overrides,
  keyColumn,
  disabled,
  onType,
}: {
  preview: CsvPreview;
  /** The types the person changed; other columns keep the detected one. */
  overrides: Record<string, ColumnType>;
  keyColumn: string;
  disabled: boolean;
  onType(column: string, type: ColumnType): void;
}) {
  const rows = preview.rows.slice(0, SHOWN_ROWS);
  return (
    <>
      <div className="data-scroll">
        <table className="table data-table preview-table" aria-label="Preview of the file">
          <thead>
            <tr>
              {preview.columns.map((column, i) => {
                const isKey = column.name === keyColumn;
                // Keys are identifiers, stored as text whatever they look like ("00123" stays so).
                const chosen = isKey ? "text" : overrides[column.name] ?? column.type;
                const changed = !isKey && chosen !== column.type;
                const selectId = `column-type-${i}`;
                return (
                  <th key={column.name} scope="col" className={isNumeric(chosen) ? "num" : undefined}>
                    <span className="preview-table__name">
                      {column.name}
                      {isKey ? <span className="key-badge">key</span> : null}
                    </span>
                    <label htmlFor={selectId} className="visually-hidden">
                      Type of {column.name}
                    </label>
                    <select
                      id={selectId}
                      value={chosen}
                      disabled={disabled || isKey}
                      className={changed ? "type-select type-select--changed" : "type-select"}
                      title={isKey ? "The key column is always stored as text." : undefined}
                      onChange={(e) => onType(column.name, e.currentTarget.value as ColumnType)}
                    >
                      {columnTypes.map((type) => (
                        <option key={type} value={type}>
                          {columnTypeLabels[type]}
                          {type === column.type ? " (detected)" : ""}
                        </option>
                      ))}
                    </select>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r}>
                {preview.columns.map((column, c) => {
                  const value = row[c] ?? null;
                  const numeric = column.name !== keyColumn && isNumeric(overrides[column.name] ?? column.type);
                  return (
                    <td key={column.name} className={numeric ? "num" : undefined}>
                      {value === null ? <span className="null">—</span> : value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint preview-table__note">
        The first {formatInteger(rows.length)} rows. Types were detected from the first{" "}
        {formatInteger(preview.sampledRows)} rows; the whole file is checked when you import, and a value that does not
        fit a type you chose stops the import.
      </p>
    </>
  );
}
