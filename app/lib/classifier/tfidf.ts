/**
 * TF-IDF as sklearn's TfidfVectorizer computes it by default: raw term counts × smoothed idf
 * (ln((1 + n) / (1 + df)) + 1, n documents, df of them holding the term), each row then scaled
 * to unit Euclidean length. Vectors are sparse: feature ids (in the order the counts list them) and values.
 */
import type { TermCounts } from "./vocabulary";

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Rows of sparse vectors over `columns` features (compressed sparse rows). */
export interface CsrMatrix {
  rows: number;
  columns: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/**
 * Smoothed idf of every feature over the documents `rows` (all when omitted). A feature found in
 * fewer than `minDf` of them is outside this vocabulary and gets idf 0, which drops it from every
 * vector: a fold's model keeps only the terms of its own training documents.
 */
export function smoothIdf(docs: readonly TermCounts[], columns: number, rows?: ArrayLike<number>, minDf = 1): Float64Array {
  const df = new Float64Array(columns);
  const n = rows ? rows.length : docs.length;
  for (let r = 0; r < n; r++) {
    const doc = docs[rows ? (rows[r] as number) : r] as TermCounts;
    for (const id of doc.ids) df[id] = (df[id] as number) + 1;
  }
  const idf = new Float64Array(columns);
  for (let t = 0; t < columns; t++) {
    const d = df[t] as number;
    if (d >= minDf && d > 0) idf[t] = Math.log((1 + n) / (1 + d)) + 1;
  }
  return idf;
}

/** One document's TF-IDF vector: counts × idf, features with idf 0 dropped, unit length. */
export function tfidfRow(doc: TermCounts, idf: Float64Array): SparseVector {
  const indices = new Int32Array(doc.ids.length);
  const values = new Float64Array(doc.ids.length);
  let n = 0;
  let norm = 0;
  for (let i = 0; i < doc.ids.length; i++) {
    const id = doc.ids[i] as number;
    const v = (doc.counts[i] as number) * (idf[id] as number);
    if (v === 0) continue;
    indices[n] = id;
    values[n++] = v;
    norm += v * v;
  }
  const length = Math.sqrt(norm); // divided by, as sklearn's normalize does
  for (let i = 0; i < n; i++) values[i] = (values[i] as number) / length;
  return { indices: indices.slice(0, n), values: values.slice(0, n) };
}

/** The TF-IDF matrix of the documents `rows` (in that order). */
export function tfidfMatrix(docs: readonly TermCounts[], idf: Float64Array, rows: ArrayLike<number>): CsrMatrix {
  const vectors = Array.from({ length: rows.length }, (_, r) => tfidfRow(docs[rows[r] as number] as TermCounts, idf));
  const indptr = new Int32Array(rows.length + 1);
  vectors.forEach((v, r) => (indptr[r + 1] = (indptr[r] as number) + v.indices.length));
  const nnz = indptr[rows.length] as number;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  vectors.forEach((v, r) => {
    indices.set(v.indices, indptr[r]);
    values.set(v.values, indptr[r]);
  });
  return { rows: rows.length, columns: idf.length, indptr, indices, values };
}

/** The integers 0 … n−1, for "all rows". */
export function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
