/**
 * Training with stratified K-fold cross-validation: K fold models (each fitted without its fold,
 * its vocabulary and idf from its own training documents, as an sklearn Pipeline refitted per
 * fold), the out-of-fold probability of every training document, and the full model.
 */
import { scoresAt, stratifiedFolds } from "./folds";
import { fitLogistic, sigmoid, type LogisticOptions } from "./logistic";
import { decision, TextClassifierModel, type LinearPart } from "./model";
import { range, smoothIdf, tfidfMatrix } from "./tfidf";
import { fitVocabulary, type TermCounts } from "./vocabulary";

/** Fewer coded documents of a class than this and no model is trained. */
export const MIN_PER_CLASS = 10;

/** Too few positive or negative training documents; says how many more of each are needed. */
export class NotEnoughExamplesError extends Error {
  readonly code = "not_enough_examples";
  readonly morePositivesNeeded: number;
  readonly moreNegativesNeeded: number;
  constructor(
    readonly positives: number,
    readonly negatives: number,
    readonly minimum = MIN_PER_CLASS,
  ) {
    const morePositivesNeeded = Math.max(0, minimum - positives);
    const moreNegativesNeeded = Math.max(0, minimum - negatives);
    const needs = [
      morePositivesNeeded > 0 ? `${morePositivesNeeded} more with the code` : "",
      moreNegativesNeeded > 0 ? `${moreNegativesNeeded} more without it` : "",
    ].filter(Boolean);
    super(`A model needs at least ${minimum} done documents with the code and ${minimum} without; there are ${positives} with and ${negatives} without: code ${needs.join(" and ")}.`);
    this.name = "NotEnoughExamplesError";
    this.morePositivesNeeded = morePositivesNeeded;
    this.moreNegativesNeeded = moreNegativesNeeded;
  }
}

export interface TrainOptions extends Omit<LogisticOptions, "classWeight"> {
  /** K, the number of folds (2 … 10; default 5). Ignored when `foldOf` is given. */
  folds?: number;
  /** Seed of the stratified shuffle (default 0). */
  seed?: number;
  /** The fold (0 … K−1) of each document, instead of a seeded stratified assignment. */
  foldOf?: ArrayLike<number>;
  /** Keep only terms found in at least this many training documents (sklearn's min_df; default 1). */
  minDf?: number;
  /** Called after each of the K + 1 fits. */
  onProgress?: (fitted: number, total: number) => void;
}

export interface CrossValidation {
  folds: number;
  /** The fold of each training document. */
  foldOf: Int32Array;
  /** Each training document's probability from the fold model that did not see it. */
  outOfFold: Float64Array;
  /** "Positive" means probability > threshold. */
  threshold: number;
  /** Pooled over all out-of-fold predictions. */
  precision: number;
  recall: number;
  f1: number;
  /** F1 within each fold, and their mean (sklearn's cross_val_score(scoring="f1").mean()). */
  foldF1: number[];
  meanFoldF1: number;
}

export interface TrainResult {
  model: TextClassifierModel;
  cv: CrossValidation;
  positives: number;
  negatives: number;
  /** Per fit (fold 0 … K−1, then the full model): L-BFGS iterations and final gradient. */
  fits: { iterations: number; gradientMax: number; converged: boolean }[];
}

const foldCount = (foldOf: Int32Array) => foldOf.reduce((m, f) => Math.max(m, f), 0) + 1;

function checkedFolds(labels: readonly boolean[], options: TrainOptions): Int32Array {
  if (!options.foldOf) {
    const k = options.folds ?? 5;
    if (!Number.isInteger(k) || k < 2 || k > MIN_PER_CLASS) throw new RangeError(`folds must be an integer from 2 to ${MIN_PER_CLASS}`);
    return stratifiedFolds(labels, k, options.seed ?? 0);
  }
  const foldOf = Int32Array.from(options.foldOf);
  if (foldOf.length !== labels.length) throw new RangeError(`foldOf has ${foldOf.length} entries for ${labels.length} documents`);
  if (foldOf.some((f) => f < 0)) throw new RangeError("Folds are numbered from 0");
  const k = foldCount(foldOf);
  for (let f = 0; f < k; f++) {
    const inFold = labels.filter((_, i) => foldOf[i] === f);
    const outside = labels.filter((_, i) => foldOf[i] !== f);
    if (inFold.length === 0 || !outside.includes(true) || !outside.includes(false)) {
      throw new RangeError(`Fold ${f} must hold a document, and the others both classes`);
    }
  }
  return foldOf;
}

/** Trains a classifier for one code from coded texts (label true = the code applies). */
export function trainTextClassifier(texts: readonly string[], labels: readonly boolean[], options: TrainOptions = {}): TrainResult {
  if (texts.length !== labels.length) throw new RangeError(`${texts.length} texts but ${labels.length} labels`);
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) throw new NotEnoughExamplesError(positives, negatives);
  const foldOf = checkedFolds(labels, options);
  const k = foldCount(foldOf);
  const minDf = options.minDf ?? 1;
  const { vocabulary, docs } = fitVocabulary(texts, minDf);
  const fits: TrainResult["fits"] = [];
  const fit = (rows: Int32Array): LinearPart => {
    const idf = smoothIdf(docs, vocabulary.size, rows, minDf);
    const result = fitLogistic(tfidfMatrix(docs, idf, rows), Array.from(rows, (i) => labels[i] as boolean), options);
    fits.push({ iterations: result.iterations, gradientMax: result.gradientMax, converged: result.converged });
    options.onProgress?.(fits.length, k + 1);
    return { idf, weights: result.weights, intercept: result.intercept };
  };

  const outOfFold = new Float64Array(texts.length);
  const foldF1: number[] = [];
  const folds: LinearPart[] = [];
  for (let f = 0; f < k; f++) {
    const part = fit(Int32Array.from(range(texts.length).filter((i) => foldOf[i] !== f)));
    const test = range(texts.length).filter((i) => foldOf[i] === f);
    for (const i of test) outOfFold[i] = sigmoid(decision(part, docs[i] as TermCounts));
    foldF1.push(scoresAt(Array.from(test, (i) => labels[i] as boolean), Array.from(test, (i) => outOfFold[i] as number)).f1);
    folds.push(part);
  }
  const full = fit(range(texts.length));
  const threshold = 0.5;
  const { precision, recall, f1 } = scoresAt(labels, outOfFold, threshold);
  const meanFoldF1 = foldF1.reduce((s, v) => s + v, 0) / k;
  const cv: CrossValidation = { folds: k, foldOf, outOfFold, threshold, precision, recall, f1, foldF1, meanFoldF1 };
  return { model: new TextClassifierModel(vocabulary, full, folds), cv, positives, negatives, fits };
}
