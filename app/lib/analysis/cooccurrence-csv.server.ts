import { stringify } from "csv-stringify/sync";
import type { Cooccurrence } from "./cooccurrence.server";

/**
 * The matrix as a square CSV: header `code,<code names…>`, one row per code with the pair
 * counts of it and each other code (the same both ways round). The diagonal is left empty:
 * a code is never paired with itself, and 0 would read as a count.
 */
export function cooccurrenceCsv({ codes, cells }: Cooccurrence): string {
  const pairs = new Map<string, number>();
  for (const cell of cells) {
    pairs.set(`${cell.a}\u0000${cell.b}`, cell.pairs);
    pairs.set(`${cell.b}\u0000${cell.a}`, cell.pairs);
  }
  const rows = codes.map((row) => [
    row.name,
    ...codes.map((col) => (col.id === row.id ? "" : String(pairs.get(`${row.id}\u0000${col.id}`) ?? 0))),
  ]);
  return stringify([["code", ...codes.map((c) => c.name)], ...rows]);
}
