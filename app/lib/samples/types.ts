/** Shapes of the sandwich's samples (issue 16) shared by the API, the pages and the tests. Browser-safe. */

export const MAX_SAMPLE_SIZE = 5000;
/** More strata than this is a column of identifiers, not a design. */
export const MAX_STRATA = 500;

export interface SampleStratum {
  /** The strata column's value as text; null for rows where it is empty (and for "all rows"). */
  value: string | null;
  /** Rows of the stratum with non-empty text. */
  population: number;
  /** Rows drawn by design (all waves). */
  sampled: number;
  /** Of the drawn rows, how many documents are marked done. */
  done: number;
}

/** The API's `Sample`. */
export interface Sample {
  id: string;
  name: string;
  datasetId: string;
  textColumn: string;
  strataColumn: string | null;
  /** Rows drawn by design over all waves. */
  size: number;
  seed: number;
  minPerStratum: number;
  /** How many waves were drawn (1 for a sample never extended). */
  waves: number;
  strata: SampleStratum[];
  /** The record documents of the drawn rows that still exist, in draw order. */
  documentIds: string[];
  /** Documents marked done. */
  done: number;
  /** Drawn rows whose document was deleted since: they no longer count. */
  missing: number;
  /** Rows skipped because their text was empty. */
  emptySkipped: number;
  createdAt: string;
}

/** A line of GET /datasets/:id/samples and of the dataset page. */
export interface SampleSummary {
  id: string;
  name: string;
  datasetId: string;
  textColumn: string;
  strataColumn: string | null;
  size: number;
  done: number;
  missing: number;
  createdAt: string;
}

/** A drawn row's document, as the sample page lists it. */
export interface SampleDocument {
  rowKey: string;
  stratum: string | null;
  wave: number;
  documentId: string | null;
  title: string | null;
  done: boolean;
}
