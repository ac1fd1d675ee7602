/**
 * Pure helpers for the matrix page: codes in codebook order with their depth, the cell lookup
 * and the shading. Browser-safe and unit-tested.
 */
import type { Matrix, MatrixCell, MatrixCode } from "~/lib/datasets/types";

export interface OrderedCode extends MatrixCode {
  depth: number;
}

/**
 * The service sends codes in codebook order (parents first, siblings by name); this adds how
 * deep each one sits, for the indent. A parent missing from the list counts as the top.
 */
export function withDepth<T extends MatrixCode>(codes: T[]): (T & { depth: number })[] {
  const parentOf = new Map(codes.map((c) => [c.id, c.parentId]));
  return codes.map((code) => {
    let depth = 0;
    const seen = new Set([code.id]);
    for (let p = code.parentId; p && parentOf.has(p) && !seen.has(p); p = parentOf.get(p) ?? null) {
      seen.add(p);
      depth += 1;
    }
    return { ...code, depth };
  });
}

export const shadeMeasures = ["cases", "documents", "codings"] as const;
export type ShadeMeasure = (typeof shadeMeasures)[number];

export const cellKey = (codeId: string, segmentId: string) => `${codeId}\u0000${segmentId}`;

const EMPTY = { codings: 0, documents: 0, cases: 0 };

export function cellLookup(matrix: Matrix): (codeId: string, segmentId: string) => Pick<MatrixCell, "codings" | "documents" | "cases"> {
  const map = new Map(matrix.cells.map((c) => [cellKey(c.codeId, c.segmentId), c]));
  return (codeId, segmentId) => map.get(cellKey(codeId, segmentId)) ?? EMPTY;
}

/**
 * Shading is relative within each segment's column: a cell's count over the largest count of
 * the same measure in that column. Segments differ a lot in size, so comparing codes inside one
 * segment is what the shading is for; comparing across segments is the over-representation test.
 */
export function columnMaxima(matrix: Matrix, measure: ShadeMeasure): Map<string, number> {
  const max = new Map<string, number>();
  for (const cell of matrix.cells) max.set(cell.segmentId, Math.max(max.get(cell.segmentId) ?? 0, cell[measure]));
  return max;
}

/** 0 for an empty cell, otherwise between 0.12 (so a 1 is still visible) and 1. */
export function shade(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return 0.12 + 0.88 * (value / max);
}
