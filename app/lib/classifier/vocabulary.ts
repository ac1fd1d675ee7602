/**
 * The fitted vocabulary: every 1-gram and 2-gram kept from the training texts, with a feature id
 * each (sorted by term, as sklearn orders them), and two ways to count a new text's terms:
 * `countSlow` builds every n-gram string and looks it up, as sklearn does; `count` looks 1-grams
 * up by string and 2-grams by the ids of their two tokens (PairTable), building no 2-gram string.
 * Both give identical counts: a 2-gram in the vocabulary always has both its tokens there too,
 * because a document holding the 2-gram holds both tokens (df(a b) ≤ df(a), so min_df keeps them).
 */
import { PairTable } from "./pair-table";
import { BIGRAM_JOIN, ngrams, tokenize } from "./tokenize";

/**
 * One text's term counts: its distinct feature ids, in the order sklearn's n-gram list first
 * names them (1-grams in text order, then 2-grams), and how often each occurs.
 */
export interface TermCounts {
  ids: Int32Array;
  counts: Float64Array;
}

export class Vocabulary {
  readonly ids: ReadonlyMap<string, number>;
  private readonly pairs: PairTable;
  /** Per-text scratch: counts by feature id, which ids were touched, and each token's id. */
  private readonly scratch: Float64Array;
  private touched: Int32Array = new Int32Array(256);
  private tokenIds: Int32Array = new Int32Array(256);

  constructor(readonly terms: readonly string[]) {
    const ids = new Map<string, number>();
    terms.forEach((term, id) => ids.set(term, id));
    if (ids.size !== terms.length) throw new Error("A vocabulary lists each term once");
    const bigrams = terms.filter((t) => t.includes(BIGRAM_JOIN));
    this.pairs = new PairTable(bigrams.length);
    for (const term of bigrams) {
      const [a = "", b = ""] = term.split(BIGRAM_JOIN);
      const first = ids.get(a);
      const second = ids.get(b);
      if (first === undefined || second === undefined) throw new Error(`The 2-gram "${term}" needs both its words in the vocabulary`);
      this.pairs.set(first, second, ids.get(term) as number);
    }
    this.ids = ids;
    this.scratch = new Float64Array(terms.length);
  }

  get size(): number {
    return this.terms.length;
  }

  /**
   * Term counts of a text (fast path): 1-grams looked up by string, then 2-grams by the ids of
   * their two tokens, so ids come in the order sklearn's n-gram list first names them.
   */
  count(text: string): TermCounts {
    const tokens = tokenize(text);
    if (this.tokenIds.length < tokens.length) this.tokenIds = new Int32Array(tokens.length * 2);
    const tokenIds = this.tokenIds;
    let n = 0;
    for (let i = 0; i < tokens.length; i++) {
      const id = this.ids.get(tokens[i] as string) ?? -1;
      tokenIds[i] = id;
      if (id >= 0) n = this.add(id, n);
    }
    for (let i = 1; i < tokens.length; i++) {
      const [first, second] = [tokenIds[i - 1] as number, tokenIds[i] as number];
      if (first < 0 || second < 0) continue;
      const pair = this.pairs.get(first, second);
      if (pair >= 0) n = this.add(pair, n);
    }
    return this.drain(n);
  }

  /** Term counts of a text the way sklearn finds them: every n-gram as a string, looked up. */
  countSlow(text: string): TermCounts {
    let n = 0;
    for (const gram of ngrams(tokenize(text))) {
      const id = this.ids.get(gram);
      if (id !== undefined) n = this.add(id, n);
    }
    return this.drain(n);
  }

  private add(id: number, n: number): number {
    if (this.scratch[id] === 0) {
      if (n === this.touched.length) {
        const grown = new Int32Array(n * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[n++] = id;
    }
    this.scratch[id] = (this.scratch[id] as number) + 1;
    return n;
  }

  /** The touched ids with their counts; clears the scratch for the next text. */
  private drain(n: number): TermCounts {
    const ids = this.touched.slice(0, n);
    const counts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      counts[i] = this.scratch[id] as number;
      this.scratch[id] = 0;
    }
    return { ids, counts };
  }
}

/**
 * Learns the vocabulary of the training texts (terms found in at least `minDf` of them) and
 * answers each text's counts over it.
 */
export function fitVocabulary(texts: readonly string[], minDf = 1): { vocabulary: Vocabulary; docs: TermCounts[] } {
  const df = new Map<string, number>();
  for (const text of texts) {
    for (const gram of new Set(ngrams(tokenize(text)))) df.set(gram, (df.get(gram) ?? 0) + 1);
  }
  const kept = [...df].filter(([, count]) => count >= minDf).map(([term]) => term);
  // sklearn sorts by code point, this by UTF-16 unit: the order differs only around astral
  // characters, and a feature's order changes no result.
  const vocabulary = new Vocabulary(kept.sort());
  return { vocabulary, docs: texts.map((text) => vocabulary.countSlow(text)) };
}
