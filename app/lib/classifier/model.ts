/**
 * A trained text classifier: one vocabulary (the terms of all training texts) and linear parts
 * over it: the full model, fitted on every training document and used to explain the code (its
 * heaviest terms), and the K fold models, each fitted without one fold. A part's idf is 0 for
 * every term outside its own training documents, which drops the term from its vectors exactly
 * as a TfidfVectorizer refitted on that fold would.
 *
 * `predict` answers the mean of the fold models' probabilities (cross-fitting). The sandwich's
 * model-assisted estimate corrects the scores of all rows with the out-of-fold probabilities of
 * the coded sample; that correction is only valid when both come from the same fold models, so
 * every row is scored by those K models, never by the full model.
 */
import { sigmoid } from "./logistic";
import type { TermCounts, Vocabulary } from "./vocabulary";

export interface LinearPart {
  /** Per vocabulary term: its smoothed idf in this part's training documents, 0 when absent. */
  idf: Float64Array;
  /** Per vocabulary term: its coefficient (0 for absent terms). */
  weights: Float64Array;
  intercept: number;
}

export interface TermWeight {
  term: string;
  weight: number;
}

/**
 * xᵢ·w + b for a text's counts, xᵢ its TF-IDF vector under the part's idf. The same operations in
 * the same order as tfidfRow followed by a dot product, without building the vector.
 */
export function decision(part: LinearPart, doc: TermCounts): number {
  let norm = 0;
  for (let i = 0; i < doc.ids.length; i++) {
    const v = (doc.counts[i] as number) * (part.idf[doc.ids[i] as number] as number);
    norm += v * v;
  }
  if (norm === 0) return part.intercept;
  const length = Math.sqrt(norm);
  let dot = 0;
  for (let i = 0; i < doc.ids.length; i++) {
    const id = doc.ids[i] as number;
    const v = (doc.counts[i] as number) * (part.idf[id] as number);
    if (v !== 0) dot += (v / length) * (part.weights[id] as number);
  }
  return dot + part.intercept;
}

export class TextClassifierModel {
  /**
   * The fold models' idf and weights interleaved per term (term t, fold k at 2·(t·K + k)), so
   * scoring a text reads one or two cache lines per term instead of 2·K scattered ones.
   */
  private readonly packed: Float64Array;
  private readonly norms: Float64Array;
  private readonly dots: Float64Array;

  constructor(
    readonly vocabulary: Vocabulary,
    readonly full: LinearPart,
    readonly folds: readonly LinearPart[],
  ) {
    if (folds.length < 2) throw new Error("A model needs at least two fold models");
    for (const part of [full, ...folds]) {
      if (part.idf.length !== vocabulary.size || part.weights.length !== vocabulary.size) {
        throw new Error(`Every part needs ${vocabulary.size} idf values and weights`);
      }
    }
    const k = folds.length;
    this.packed = new Float64Array(vocabulary.size * 2 * k);
    folds.forEach((part, f) => {
      for (let t = 0; t < vocabulary.size; t++) {
        this.packed[2 * (t * k + f)] = part.idf[t] as number;
        this.packed[2 * (t * k + f) + 1] = part.weights[t] as number;
      }
    });
    this.norms = new Float64Array(k);
    this.dots = new Float64Array(k);
  }

  /** Probability that each text has the code: the mean over the K fold models. */
  predict(texts: readonly string[]): Float64Array {
    const out = new Float64Array(texts.length);
    for (let i = 0; i < texts.length; i++) out[i] = this.predictCounts(this.vocabulary.count(texts[i] as string));
    return out;
  }

  /**
   * The mean fold probability for counts from this model's vocabulary: `decision` for every fold
   * at once over the packed table, the same operations in the same order, so the same numbers.
   */
  predictCounts(doc: TermCounts): number {
    const { packed, norms, dots } = this;
    const k = this.folds.length;
    norms.fill(0);
    dots.fill(0);
    for (let i = 0; i < doc.ids.length; i++) {
      const c = doc.counts[i] as number;
      const base = 2 * k * (doc.ids[i] as number);
      for (let f = 0; f < k; f++) {
        const v = c * (packed[base + 2 * f] as number);
        norms[f] = (norms[f] as number) + v * v;
      }
    }
    for (let f = 0; f < k; f++) norms[f] = Math.sqrt(norms[f] as number);
    for (let i = 0; i < doc.ids.length; i++) {
      const c = doc.counts[i] as number;
      const base = 2 * k * (doc.ids[i] as number);
      for (let f = 0; f < k; f++) {
        const v = c * (packed[base + 2 * f] as number);
        if (v !== 0) dots[f] = (dots[f] as number) + (v / (norms[f] as number)) * (packed[base + 2 * f + 1] as number);
      }
    }
    let sum = 0;
    for (let f = 0; f < k; f++) {
      const intercept = (this.folds[f] as LinearPart).intercept;
      sum += sigmoid(norms[f] === 0 ? intercept : (dots[f] as number) + intercept);
    }
    return sum / k;
  }

  /** Each fold model's probability for one text (fold k at index k). */
  foldProbabilities(text: string): number[] {
    const doc = this.vocabulary.count(text);
    return this.folds.map((part) => sigmoid(decision(part, doc)));
  }

  /** The full model's probability for one text (for explanation; scores use `predict`). */
  fullProbability(text: string): number {
    return sigmoid(decision(this.full, this.vocabulary.count(text)));
  }

  /** The `n` terms with the largest positive and the largest negative weights in the full model. */
  topTerms(n = 20): { positive: TermWeight[]; negative: TermWeight[] } {
    const all = this.vocabulary.terms
      .map((term, id) => ({ term, weight: this.full.weights[id] as number }))
      .filter((t) => t.weight !== 0);
    // Ties broken by term, so the list is the same every time.
    const byTerm = (a: TermWeight, b: TermWeight) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
    const positive = all.filter((t) => t.weight > 0).sort((a, b) => b.weight - a.weight || byTerm(a, b));
    const negative = all.filter((t) => t.weight < 0).sort((a, b) => a.weight - b.weight || byTerm(a, b));
    return { positive: positive.slice(0, n), negative: negative.slice(0, n) };
  }
}
