/** Tokens, n-grams and TF-IDF vectors as scikit-learn's TfidfVectorizer(ngram_range=(1, 2)) makes them. */
import { describe, expect, it } from "vitest";
import { fitVocabulary, ngrams, tokenize, type TermCounts } from "~/lib/classifier";
import { smoothIdf, tfidfRow, range } from "~/lib/classifier/tfidf";
import { sklearnReference } from "../setup/classifier-fixture";

const ref = sklearnReference();

/** A sparse vector as { term: value }, to compare with sklearn's rows. */
const byTerm = (terms: readonly string[], v: { indices: Int32Array; values: Float64Array }) =>
  Object.fromEntries(Array.from(v.indices, (id, i) => [terms[id]!, v.values[i]!]));

describe("tokenizer", () => {
  it("finds the tokens and 2-grams sklearn's analyzer finds, in Unicode text too", () => {
    for (const [text, expected] of Object.entries(ref.analyzer)) expect(ngrams(tokenize(text)), text).toEqual(expected);
  });

  it("keeps runs of two or more letters, digits or underscores, lower-cased", () => {
    expect(tokenize("I don't know, A-B: Straße_2 x 42!")).toEqual(["don", "know", "straße_2", "42"]);
    expect(ngrams(["a1", "b2", "c3"])).toEqual(["a1", "b2", "c3", "a1 b2", "b2 c3"]);
  });
});

describe("TF-IDF", () => {
  it("computes a tiny corpus by hand: counts × ln((1+n)/(1+df)) + 1, rows of unit length", () => {
    const { vocabulary, docs } = fitVocabulary(["the cat sat", "the dog sat", "the cat ran the cat"]);
    const idf = smoothIdf(docs, vocabulary.size);
    const df3 = 1; // ln(4/4) + 1: "the" is in all three
    const df2 = Math.log(4 / 3) + 1; // cat, sat, "the cat"
    const df1 = Math.log(2) + 1; // dog, ran, "cat sat", "the dog", "dog sat", "cat ran", "ran the"
    expect(vocabulary.terms).toEqual(["cat", "cat ran", "cat sat", "dog", "dog sat", "ran", "ran the", "sat", "the", "the cat", "the dog"]);
    expect(Array.from(idf)).toEqual([df2, df1, df1, df1, df1, df1, df1, df2, df3, df2, df1]);
    // Third text: the ×2, cat ×2, ran, "the cat" ×2, "cat ran", "ran the".
    const raw = { cat: 2 * df2, "cat ran": df1, ran: df1, "ran the": df1, the: 2 * df3, "the cat": 2 * df2 };
    const length = Math.sqrt(Object.values(raw).reduce((s, v) => s + v * v, 0));
    const row = byTerm(vocabulary.terms, tfidfRow(docs[2]!, idf));
    expect(Object.keys(row).sort()).toEqual(Object.keys(raw).sort());
    for (const [term, value] of Object.entries(raw)) expect(row[term]).toBeCloseTo(value / length, 15);
  });

  it("gives sklearn's vectors for the reference corpus", () => {
    const { vocabulary, docs } = fitVocabulary(ref.texts);
    const idf = smoothIdf(docs, vocabulary.size, range(docs.length));
    ref.firstRows.forEach((expected, r) => {
      const row = byTerm(vocabulary.terms, tfidfRow(docs[r]!, idf));
      expect(Object.keys(row).sort()).toEqual(Object.keys(expected).sort());
      for (const [term, value] of Object.entries(expected)) expect(row[term]).toBeCloseTo(value, 14);
    });
  });

  it("drops terms in fewer than min_df documents, and a document with no known term is empty", () => {
    const { vocabulary, docs } = fitVocabulary(["red apple", "red pear", "green pear", "xx"], 2);
    expect(vocabulary.terms).toEqual(["pear", "red"]);
    expect(docs[3]!.ids.length).toBe(0);
    expect(tfidfRow(docs[3]!, smoothIdf(docs, vocabulary.size, undefined, 2)).indices.length).toBe(0);
  });
});

describe("counting new texts", () => {
  const same = (a: TermCounts, b: TermCounts) => {
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    expect(Array.from(a.counts)).toEqual(Array.from(b.counts));
  };
  const unseen = [
    "",
    "!!! ?? a b c",
    "Landlord landlord LANDLORD no rent no rent no: mould, mould...",
    "rent the landlord the rent the landlord the",
    "Unseen words beside seen ones: rent zzzz landlord qqqq mould",
    "東京 café x_ray covid19 İstanbul ΟΔΟΣ don't well-being co-op",
  ];

  it("gives the same counts by 2-gram ids (fast) as by 2-gram strings (sklearn's way)", () => {
    for (const minDf of [1, 3]) {
      const { vocabulary } = fitVocabulary(ref.texts, minDf);
      // Reversed word order makes 2-grams whose words are known but which never occurred.
      const reversed = ref.texts.map((t) => t.split(" ").reverse().join(" "));
      for (const text of [...ref.texts, ...reversed, ...unseen]) same(vocabulary.count(text), vocabulary.countSlow(text));
    }
  });

  it("counts repeated terms, and ignores terms the vocabulary lacks", () => {
    const { vocabulary } = fitVocabulary(["no rent", "the rent"]);
    const counts = vocabulary.count("No rent, no rent, no mould");
    const byName = Object.fromEntries(Array.from(counts.ids, (id, i) => [vocabulary.terms[id]!, counts.counts[i]!]));
    expect(byName).toEqual({ no: 3, rent: 2, "no rent": 2 });
  });
});
