/**
 * Text classifier for the sandwich: learns one code from coded ("done") documents and scores
 * every row of a text column. Pure TypeScript, no I/O; the job that reads rows from the database
 * and writes the probability column wraps it. Decision record: docs/decisions/0170-text-classifier.md.
 *
 * The model is scikit-learn's plain baseline, computed the same way (checked against sklearn in
 * tests/unit/classifier-sklearn.test.ts): TfidfVectorizer(ngram_range=(1, 2)) defaults (lower
 * case, tokens of two or more word characters, smoothed idf, L2-normalised rows) and
 * LogisticRegression(C=1, class_weight="balanced"), fitted by L-BFGS.
 *
 * Train (throws NotEnoughExamplesError with counts when a class has fewer than 10 documents):
 *   const { model, cv } = trainTextClassifier(texts, labels, { folds: 5, seed: 0 });
 *   cv.outOfFold[i]  probability of training text i from the fold model that did not see it
 *   cv.foldOf[i]     its fold; cv.precision / recall / f1 pooled at probability > 0.5;
 *   cv.foldF1, cv.meanFoldF1  per fold (sklearn's cross_val_score(scoring="f1"))
 * Score (the mean of the K fold models, so scores and cv.outOfFold come from the same models):
 *   model.predict(texts): Float64Array; model.predictCounts(model.vocabulary.count(text))
 *   model.foldProbabilities(text)  each fold model's probability
 * Explain (the full model, fitted on all training texts):
 *   model.topTerms(20) → { positive: [{ term, weight }], negative: [...] }
 * Store:
 *   serializeModel(model): Uint8Array; deserializeModel(bytes): TextClassifierModel
 */
export { MIN_PER_CLASS, NotEnoughExamplesError, trainTextClassifier, type CrossValidation, type TrainOptions, type TrainResult } from "./train";
export { TextClassifierModel, type LinearPart, type TermWeight } from "./model";
export { deserializeModel, serializeModel } from "./serialize";
export { tokenize, ngrams } from "./tokenize";
export { Vocabulary, fitVocabulary, type TermCounts } from "./vocabulary";
export { scoresAt, stratifiedFolds, type Scores } from "./folds";
