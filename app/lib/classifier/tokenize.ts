/**
 * scikit-learn's default word analyzer: lower-case the text, take every run of two or more word
 * characters (`(?u)\b\w\w+\b`), then the 1-grams followed by the 2-grams of adjacent tokens.
 * Python's `\w` is "alphanumeric or underscore" by Unicode category (letters L*, numbers N*), so
 * combining marks (M*) split tokens there as they do here: "İstanbul" lower-cases to i + U+0307
 * + "stanbul" and yields "stanbul" in both.
 */

/** Two or more Unicode letters, numbers or underscores: a maximal run, as `\b\w\w+\b` finds. */
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** The lower-cased tokens of a text, in order. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Separator of a 2-gram's two tokens, as sklearn joins them (a token never holds a space). */
export const BIGRAM_JOIN = " ";

/** The 1-grams then the 2-grams of a token list, in sklearn's order (duplicates kept). */
export function ngrams(tokens: readonly string[]): string[] {
  const out = tokens.slice();
  for (let i = 1; i < tokens.length; i++) out.push(tokens[i - 1] + BIGRAM_JOIN + tokens[i]);
  return out;
}
