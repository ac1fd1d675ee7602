import { stringify } from "csv-stringify/sync";
import type { Matrix } from "../datasets/types";
import { safeTable, type ExportCell, type ExportTable } from "./cell-safety";
import { tableXlsx } from "./xlsx.server";

/**
 * The code × segment matrix as a table: per code (codebook order, parent named) three columns
 * per segment — codings, documents, cases — as each cell reads on the page. A last row gives
 * each segment's size in rows, what its cases are out of.
 */
export function matrixTable(matrix: Matrix): ExportTable {
  const cells = new Map(matrix.cells.map((c) => [`${c.codeId}\u0000${c.segmentId}`, c]));
  const names = new Map(matrix.codes.map((c) => [c.id, c.name]));
  const header = [
    "code",
    "parent code",
    ...matrix.segments.flatMap((s) => [`${s.name}: codings`, `${s.name}: documents`, `${s.name}: cases`]),
  ];
  const rows: ExportCell[][] = matrix.codes.map((code) => [
    code.name,
    code.parentId ? (names.get(code.parentId) ?? null) : null,
    ...matrix.segments.flatMap((s) => {
      const cell = cells.get(`${code.id}\u0000${s.id}`);
      return [cell?.codings ?? 0, cell?.documents ?? 0, cell?.cases ?? 0];
    }),
  ]);
  rows.push(["(rows in segment)", null, ...matrix.segments.flatMap((s) => [null, null, s.size])]);
  return { header, rows };
}

export function matrixCsv(matrix: Matrix): string {
  const { header, rows } = safeTable(matrixTable(matrix));
  return stringify([header, ...rows]);
}

export function matrixXlsx(matrix: Matrix, subcodes: boolean): Promise<Buffer> {
  return tableXlsx({
    ...matrixTable(matrix),
    sheetName: "Codes x segments",
    title: `Codes × segments${subcodes ? " (parent codes include their sub-codes' codings)" : ""}`,
    widths: [Math.min(40, Math.max(12, ...matrix.codes.map((c) => c.name.length + 2))), 16],
  });
}
