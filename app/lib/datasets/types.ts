/**
 * Shapes shared by the quantitative-data services, the API and the pages (browser-safe: no
 * server imports). API.md "Quantitative data" fixes the public parts; the rest are additions.
 */
import type { ColumnType } from "../../../db/kinds";

export { columnTypes, type ColumnType } from "../../../db/kinds";

/** A column as the API shows it: the CSV header and its type. */
export interface DatasetColumn {
  name: string;
  type: ColumnType;
}

/** API.md: `{id, name, key, rowCount, columns}`; the rest is for the pages. */
export interface DatasetInfo {
  id: string;
  projectId: string;
  name: string;
  key: string;
  rowCount: number;
  columns: DatasetColumn[];
  createdAt: string;
}

/** What the import screen shows before anything is written. */
export interface CsvPreview {
  columns: DatasetColumn[];
  /** The first rows as parsed text; null for an empty field. */
  rows: (string | null)[][];
  /** How many rows the inferred types were based on. */
  sampledRows: number;
}

/** A cell value as read back from a dataset table (dates as `YYYY-MM-DD`). */
export type CellValue = string | number | boolean | null;

export interface DatasetPage {
  columns: DatasetColumn[];
  rows: CellValue[][];
  offset: number;
  limit: number;
  total: number;
  sort: string | null;
  dir: "asc" | "desc";
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface ColumnSummary {
  name: string;
  type: ColumnType;
  count: number;
  nulls: number;
  /** Numbers (integer, number); dates give min/max as `YYYY-MM-DD` strings. */
  min?: number | string | null;
  max?: number | string | null;
  mean?: number | null;
  median?: number | null;
  histogram?: HistogramBin[];
  /** Text and boolean columns: the most frequent values, most frequent first. */
  top?: { value: string; count: number }[];
  distinct?: number;
}

export const filterOps = ["eq", "neq", "lt", "lte", "gt", "gte", "in", "contains", "is_null", "not_null"] as const;
export type FilterOp = (typeof filterOps)[number];

export interface FilterCondition {
  column: string;
  op: FilterOp;
  /** Absent for is_null/not_null; an array for `in`. */
  value?: unknown;
}

/** API.md: `{"all":[…]}` or `{"any":[…]}`, nestable. */
export type Filter = { all: FilterNode[] } | { any: FilterNode[] };
export type FilterNode = FilterCondition | Filter;

/** API.md: `stats:{<numericColumn>:{mean, median, min, max}}`, inside the segment. */
export type SegmentStats = Record<string, { mean: number | null; median: number | null; min: number | null; max: number | null }>;

/** Each numeric column's mean inside the segment vs the rest of the dataset. */
export interface SegmentComparison {
  column: string;
  inside: number | null;
  outside: number | null;
  difference: number | null;
}

export interface SegmentInfo {
  id: string;
  projectId: string;
  datasetId: string;
  datasetName: string;
  name: string;
  filter: Filter;
  size: number;
  /** Rows in the whole dataset, so the page can show the share. */
  datasetRows: number;
  stats: SegmentStats;
  comparison: SegmentComparison[];
  createdAt: string;
}

export interface MatrixCode {
  id: string;
  name: string;
  parentId: string | null;
  color: string;
}

export interface MatrixSegment {
  id: string;
  name: string;
  size: number;
  datasetId: string;
  datasetRows: number;
  /** Up to three numeric columns' means inside the segment, for the column header. */
  highlights: { column: string; inside: number | null; outside: number | null }[];
}

/** API.md: one code × one segment. */
export interface MatrixCell {
  codeId: string;
  segmentId: string;
  codings: number;
  documents: number;
  cases: number;
}

export interface Matrix {
  codes: MatrixCode[];
  segments: MatrixSegment[];
  cells: MatrixCell[];
}

/** A coded passage behind a matrix cell, with where to open it in the editor. */
export interface Excerpt {
  codingId: string;
  codeId: string;
  documentId: string;
  documentTitle: string;
  caseKey: string | null;
  start: number;
  end: number;
  quote: string;
  authorName: string | null;
}

/** Is a code over- or under-represented among a segment's cases, compared with the rest? */
export interface Representation {
  codeId: string;
  segmentId: string;
  /** Cases of the segment's dataset that have at least one document in the project. */
  inside: { cases: number; withCode: number; share: number | null };
  outside: { cases: number; withCode: number; share: number | null };
  /** inside.share / outside.share; null when undefined. */
  ratio: number | null;
  /** Two-sided Fisher's exact test on the 2×2 table of cases. */
  pValue: number | null;
  test: "fisher_exact";
  verdict: "over" | "under" | "no_difference" | "not_enough_data";
}

export interface CodeSegmentLink {
  id: string;
  codeId: string;
  codeName: string;
  codeColor: string;
  segmentId: string;
  segmentName: string;
  note: string;
  createdBy: string | null;
  createdAt: string;
}
