/**
 * Spreadsheet formula injection: a cell whose text starts with = + - @ (or a tab or carriage
 * return, which some programs skip before looking) is run as a formula by Excel, LibreOffice
 * and Sheets when a CSV is opened, and by anyone who edits an XLSX cell. Code names, document
 * titles and attribute values are typed by users, so every exported text cell goes through
 * here: a leading apostrophe makes it read as text everywhere. Numbers are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type ExportCell = string | number | null;

export function safeCell(value: ExportCell): ExportCell {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A table as it is exported: a header row and data rows, every text cell made safe. */
export interface ExportTable {
  header: string[];
  rows: ExportCell[][];
}

export function safeTable({ header, rows }: ExportTable): ExportTable {
  return { header: header.map((h) => String(safeCell(h))), rows: rows.map((row) => row.map(safeCell)) };
}
