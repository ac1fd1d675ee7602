/**
 * Stratified K-fold assignment with a seeded shuffle, and precision / recall / F1 at a threshold.
 * Same seed, same labels → same folds, on any machine.
 */

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The fold (0 … k−1) of each document: each class is shuffled on its own and dealt round the
 * folds, the negatives carrying on where the positives stopped, so every fold holds ⌊n_class/k⌋
 * or ⌈n_class/k⌉ of each class and fold sizes differ by at most one.
 */
export function stratifiedFolds(labels: ArrayLike<boolean>, k: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const foldOf = new Int32Array(labels.length);
  let next = 0;
  for (const positive of [true, false]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === positive) members.push(i);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    for (const i of members) foldOf[i] = next++ % k;
  }
  return foldOf;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Precision, recall and F1 of the rule "positive when probability > threshold" (sklearn's
 * predict: exactly 0.5 is negative). An undefined ratio (nothing predicted or nothing positive)
 * counts as 0, as sklearn's zero_division default reports it.
 */
export function scoresAt(labels: ArrayLike<boolean>, probabilities: ArrayLike<number>, threshold = 0.5): Scores {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = (probabilities[i] as number) > threshold;
    if (predicted && labels[i]) truePositives++;
    else if (predicted) falsePositives++;
    else if (labels[i]) falseNegatives++;
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
  return { precision, recall, f1, truePositives, falsePositives, falseNegatives };
}
