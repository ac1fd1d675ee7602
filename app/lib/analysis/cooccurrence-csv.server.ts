import { stringify } from "csv-stringify/sync";
import { safeTable, type ExportTable } from "./cell-safety";
import type { Cooccurrence } from "./cooccurrence.server";
import { tableXlsx } from "./xlsx.server";

/**
 * The matrix as a square table: header `code,<code names…>`, one row per code with the pair
 * counts of it and each other code (the same both ways round). The diagonal is left empty:
 * a code is never paired with itself, and 0 would read as a count.
 */
export function cooccurrenceTable({ codes, cells }: Cooccurrence): ExportTable {
  const pairs = new Map<string, number>();
  for (const cell of cells) {
    pairs.set(`${cell.a}\u0000${cell.b}`, cell.pairs);
    pairs.set(`${cell.b}\u0000${cell.a}`, cell.pairs);
  }
  const rows = codes.map((row) => [
    row.name,
    ...codes.map((col) => (col.id === row.id ? null : (pairs.get(`${row.id}\u0000${col.id}`) ?? 0))),
  ]);
  return { header: ["code", ...codes.map((c) => c.name)], rows };
}

export function cooccurrenceCsv(matrix: Cooccurrence): string {
  const { header, rows } = safeTable(cooccurrenceTable(matrix));
  return stringify([header, ...rows]);
}

/** What the numbers count, for the title row of the spreadsheet. */
function settings(matrix: Cooccurrence): string {
  return matrix.mode === "overlap"
    ? "codings that overlap"
    : `codings within ${matrix.within} character${matrix.within === 1 ? "" : "s"} of each other`;
}

export function cooccurrenceXlsx(matrix: Cooccurrence): Promise<Buffer> {
  return tableXlsx({
    ...cooccurrenceTable(matrix),
    sheetName: "Co-occurrence",
    title: `Code co-occurrence: pairs of ${settings(matrix)}, in the same document`,
    widths: [Math.min(40, Math.max(12, ...matrix.codes.map((c) => c.name.length + 2)))],
  });
}
