/**
 * The classifier against scikit-learn 1.9 on the same 400 texts and the same five folds
 * (tests/fixtures/classifier/make_sklearn_reference.py): TfidfVectorizer(ngram_range=(1, 2)) +
 * LogisticRegression(class_weight="balanced"), the reference solved to tol 1e-10.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { trainTextClassifier, type TrainResult } from "~/lib/classifier";
import { referenceLabels, sklearnReference } from "../setup/classifier-fixture";

const ref = sklearnReference();
let trained: TrainResult;

beforeAll(() => {
  trained = trainTextClassifier(ref.texts, referenceLabels(ref), { foldOf: ref.folds });
});

const idOf = (term: string) => {
  const id = trained.model.vocabulary.ids.get(term);
  if (id === undefined) throw new Error(`"${term}" is not in the vocabulary`);
  return id;
};

describe("classifier matches scikit-learn", () => {
  it("learns the same vocabulary and idf", () => {
    expect(trained.model.vocabulary.size).toBe(ref.vocabularySize);
    for (const [term, idf] of Object.entries(ref.idf)) expect(trained.model.full.idf[idOf(term)]).toBeCloseTo(idf, 12);
  });

  it("fits the same coefficients and intercept (within 1e-3 relative)", () => {
    for (const [term, coef] of Object.entries(ref.coef)) {
      const weight = trained.model.full.weights[idOf(term)]!;
      expect(Math.abs(weight - coef), `coefficient of "${term}"`).toBeLessThanOrEqual(1e-3 * Math.abs(coef));
    }
    expect(Math.abs(trained.model.full.intercept - ref.intercept)).toBeLessThanOrEqual(1e-3 * Math.abs(ref.intercept));
    expect(trained.fits.every((fit) => fit.converged)).toBe(true);
  });

  it("cross-validates to the same precision, recall and F1 on the same folds", () => {
    const { cv } = trained;
    expect(cv.precision).toBeCloseTo(ref.cvTight.precision, 12);
    expect(cv.recall).toBeCloseTo(ref.cvTight.recall, 12);
    expect(cv.f1).toBeCloseTo(ref.cvTight.f1, 12);
    cv.foldF1.forEach((f1, k) => expect(f1, `fold ${k}`).toBeCloseTo(ref.cvTight.foldF1[k]!, 12));
    expect(cv.meanFoldF1).toBeCloseTo(ref.cvTight.meanFoldF1, 12);
    // sklearn's default tol (1e-4) gives the same F1 here.
    expect(cv.f1).toBeCloseTo(ref.cvDefault.f1, 12);
  });

  it("gives every training text the same out-of-fold probability", () => {
    const worst = trained.cv.outOfFold.reduce((m, p, i) => Math.max(m, Math.abs(p - ref.cvTight.outOfFold[i]!)), 0);
    expect(worst).toBeLessThan(1e-5);
  });
});
