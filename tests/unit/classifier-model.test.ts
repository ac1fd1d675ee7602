/** Training, cross-fitted scoring, explanation and storage of a text classifier. */
import { beforeAll, describe, expect, it } from "vitest";
import { deserializeModel, NotEnoughExamplesError, serializeModel, stratifiedFolds, trainTextClassifier, type TrainResult } from "~/lib/classifier";
import { sigmoid } from "~/lib/classifier/logistic";
import { decision } from "~/lib/classifier/model";
import { tfidfRow } from "~/lib/classifier/tfidf";
import { referenceLabels, sklearnReference } from "../setup/classifier-fixture";

const ref = sklearnReference();
const labels = referenceLabels(ref);
const newTexts = ["The landlord kept the deposit and there is mould", "Football on the weekend with my cousin", "", "no rent problems, no landlord"];
let trained: TrainResult;

beforeAll(() => {
  trained = trainTextClassifier(ref.texts, labels, { seed: 7 });
});

describe("training", () => {
  it("refuses too few coded documents of a class, saying how many more are needed", () => {
    const texts = Array.from({ length: 40 }, (_, i) => `text number ${i}`);
    const few = texts.map((_, i) => i < 7);
    const error = (() => {
      try {
        trainTextClassifier(texts, few);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NotEnoughExamplesError);
    expect(error).toMatchObject({ positives: 7, negatives: 33, morePositivesNeeded: 3, moreNegativesNeeded: 0 });
    expect((error as Error).message).toMatch(/7 with and 33 without: code 3 more with the code/);
    expect(() => trainTextClassifier(texts.slice(0, 15), texts.slice(0, 15).map((_, i) => i < 10))).toThrow(/5 more without it/);
  });

  it("deals each class evenly round seeded folds, the same every time", () => {
    const folds = stratifiedFolds(labels, 5, 7);
    expect(Array.from(trained.cv.foldOf)).toEqual(Array.from(folds));
    for (let k = 0; k < 5; k++) {
      const positives = labels.filter((l, i) => l && folds[i] === k).length;
      const negatives = labels.filter((l, i) => !l && folds[i] === k).length;
      expect(Math.abs(positives - 162 / 5)).toBeLessThan(1);
      expect(Math.abs(negatives - 238 / 5)).toBeLessThan(1);
    }
    expect(Array.from(stratifiedFolds(labels, 5, 8))).not.toEqual(Array.from(folds));
    const again = trainTextClassifier(ref.texts, labels, { seed: 7 });
    expect(Array.from(again.cv.outOfFold)).toEqual(Array.from(trained.cv.outOfFold));
  });

  it("gives each training text its probability from the fold model that did not see it", () => {
    const { model, cv } = trained;
    ref.texts.forEach((text, i) => expect(cv.outOfFold[i]).toBe(model.foldProbabilities(text)[cv.foldOf[i]!]));
    expect(cv.f1).toBeGreaterThan(0.5);
    expect(cv.foldF1).toHaveLength(5);
  });
});

describe("scoring and explanation", () => {
  it("scores a text by the mean of the fold models, the same by the fast and the sklearn-like path", () => {
    const { model } = trained;
    const scores = model.predict(newTexts);
    newTexts.forEach((text, i) => {
      const folds = model.foldProbabilities(text);
      expect(scores[i]).toBe(folds.reduce((s, p) => s + p, 0) / folds.length);
      const slow = model.folds.map((part) => {
        const row = tfidfRow(model.vocabulary.countSlow(text), part.idf);
        return sigmoid(row.values.reduce((s, v, k) => s + v * part.weights[row.indices[k]!]!, 0) + part.intercept);
      });
      expect(model.folds.map((part) => sigmoid(decision(part, model.vocabulary.count(text))))).toEqual(slow);
    });
    expect(scores[0]).toBeGreaterThan(0.5);
    expect(scores[1]).toBeLessThan(0.5);
  });

  it("names the words that weigh most for and against the code", () => {
    const { positive, negative } = trained.model.topTerms(8);
    expect(positive.map((t) => t.term).sort()).toEqual(["deposit", "eviction", "heating", "landlord", "lease", "mould", "overcrowded", "rent"]);
    expect(negative).toHaveLength(8);
    expect(negative.every((t, i) => t.weight < 0 && (i === 0 || t.weight >= negative[i - 1]!.weight))).toBe(true);
  });
});

describe("storage", () => {
  it("restores from bytes a model that scores and explains exactly as the original", () => {
    const { model } = trained;
    const bytes = serializeModel(model);
    const restored = deserializeModel(bytes);
    expect(Array.from(restored.predict([...newTexts, ...ref.texts.slice(0, 50)]))).toEqual(Array.from(model.predict([...newTexts, ...ref.texts.slice(0, 50)])));
    expect(restored.topTerms(10)).toEqual(model.topTerms(10));
    expect(restored.fullProbability(newTexts[0]!)).toBe(model.fullProbability(newTexts[0]!));
    expect(restored.folds).toHaveLength(5);
  });

  it("refuses bytes that are not a whole model", () => {
    const bytes = serializeModel(trained.model);
    expect(() => deserializeModel(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
    expect(() => deserializeModel(new TextEncoder().encode("{}"))).toThrow(/Not a Thicket/);
  });
});
