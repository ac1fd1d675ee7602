/** The corpus and scikit-learn's numbers in tests/fixtures/classifier (make_sklearn_reference.py writes them). */
import { readFileSync } from "node:fs";

export interface CvReference {
  precision: number;
  recall: number;
  f1: number;
  foldF1: number[];
  meanFoldF1: number;
  outOfFold: number[];
}

export interface SklearnReference {
  sklearn: string;
  texts: string[];
  labels: number[];
  folds: number[];
  analyzer: Record<string, string[]>;
  vocabularySize: number;
  idf: Record<string, number>;
  firstRows: Record<string, number>[];
  coef: Record<string, number>;
  intercept: number;
  cvTight: CvReference;
  cvDefault: CvReference;
}

let cached: SklearnReference | undefined;

export function sklearnReference(): SklearnReference {
  cached ??= JSON.parse(readFileSync(new URL("../fixtures/classifier/sklearn-reference.json", import.meta.url), "utf8")) as SklearnReference;
  return cached;
}

/** The fixture's labels as booleans (1 = the code applies). */
export const referenceLabels = (ref: SklearnReference) => ref.labels.map((l) => l === 1);
