import { stringify } from "csv-stringify/sync";
import { safeTable, type ExportCell, type ExportTable } from "./cell-safety";
import type { Frequencies } from "./frequencies.server";
import { tableXlsx } from "./xlsx.server";

const cellKey = (codeId: string, column: string | null) => `${codeId}\u0000${column ?? "\u0001"}`;

/**
 * The crosstab as one table: per code (codebook order, its parent named so the tree can be
 * rebuilt) the totals, then codings and documents for each column. A last row gives the
 * documents in each column, what the counts are out of.
 */
export function frequenciesTable(f: Frequencies): ExportTable {
  const cells = new Map(f.cells.map((c) => [cellKey(c.codeId, c.column), c]));
  const names = new Map(f.codes.map((c) => [c.id, c.name]));
  const header = [
    "code",
    "parent code",
    "codings",
    "documents",
    ...f.columns.flatMap((col) => [`${col.label}: codings`, `${col.label}: documents`]),
  ];
  const rows: ExportCell[][] = f.codes.map((code) => [
    code.name,
    code.parentId ? (names.get(code.parentId) ?? null) : null,
    code.codings,
    code.documents,
    ...f.columns.flatMap((col) => {
      const cell = cells.get(cellKey(code.id, col.key));
      return [cell?.codings ?? 0, cell?.documents ?? 0];
    }),
  ]);
  rows.push(["(documents in column)", null, f.totals.codings, f.totals.documents, ...f.columns.flatMap((col) => [null, col.documents])]);
  return { header, rows };
}

export function frequenciesCsv(f: Frequencies): string {
  const { header, rows } = safeTable(frequenciesTable(f));
  return stringify([header, ...rows]);
}

/** `code-frequencies-by-document.xlsx`, `code-frequencies-by-region.xlsx`. */
export function frequenciesFilename(f: Frequencies, ext: "csv" | "xlsx"): string {
  const by = f.by === "document" ? "document" : (f.attribute ?? "attribute").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `code-frequencies-by-${by || "attribute"}.${ext}`;
}

export function frequenciesXlsx(f: Frequencies): Promise<Buffer> {
  const table = frequenciesTable(f);
  return tableXlsx({
    ...table,
    sheetName: "Code frequencies",
    title: f.by === "document" ? "Code frequencies by document" : `Code frequencies by ${f.attribute}`,
    widths: [Math.min(40, Math.max(12, ...f.codes.map((c) => c.name.length + 2))), 16, 10, 10],
    frozenColumns: 1,
  });
}
