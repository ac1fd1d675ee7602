/**
 * Keyword-in-context: parses a search query into terms and finds every occurrence of them in a
 * document's text, with exact UTF-16 ranges (the offsets codings and the editor use). Pure, so
 * the server, the tests and (if wanted) the browser agree on what a hit is.
 *
 * Query syntax (a subset of Postgres's websearch syntax, plus prefixes):
 * - `word` matches the whole word, whatever its case;
 * - `word*` matches words that start with it;
 * - `"two words"` matches the words in that order, with any punctuation or spaces between;
 * - `-word` leaves out documents containing the word (never highlighted);
 * - several terms: a document must hold every one; each occurrence of each is a hit.
 */

export const CONTEXT_CHARS = 60;

export interface SearchTerm {
  /** The term's words, lower-cased, letters and digits only. */
  words: string[];
  prefix: boolean;
  negated: boolean;
}

export interface KwicHit {
  start: number;
  end: number;
  before: string;
  match: string;
  after: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const TOKEN = /(-?)"([^"]*)"?|(-?)(\S+)/gu;

const wordsOf = (text: string) => (text.normalize("NFC").toLowerCase().match(WORD) ?? []).filter(Boolean);

/** The query's terms; an empty list means there is nothing to search for. */
export function parseQuery(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const m of q.matchAll(TOKEN)) {
    const phrase = m[2];
    if (phrase !== undefined) {
      const words = wordsOf(phrase);
      if (words.length) terms.push({ words, prefix: false, negated: m[1] === "-" });
      continue;
    }
    const raw = m[4] ?? "";
    const words = wordsOf(raw);
    if (!words.length) continue;
    // "wait-time" is one term of two words in sequence, as Postgres's parser reads it.
    terms.push({ words, prefix: raw.endsWith("*"), negated: m[3] === "-" });
  }
  return terms;
}

export const positiveTerms = (terms: SearchTerm[]) => terms.filter((t) => !t.negated);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function termPattern(term: SearchTerm): string {
  const body = term.words.map(escape).join("[^\\p{L}\\p{N}]+");
  // Word boundaries by Unicode letters and digits, so "café" is not found inside "cafés".
  return `(?<![\\p{L}\\p{N}])${body}${term.prefix ? "[\\p{L}\\p{N}]*" : "(?![\\p{L}\\p{N}])"}`;
}

/** Occurrences of the positive terms in `text`, in order, overlapping ones merged to the first. */
export function findMatches(text: string, terms: SearchTerm[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const term of positiveTerms(terms)) {
    const re = new RegExp(termPattern(term), "giu");
    for (const m of text.matchAll(re)) found.push([m.index, m.index + m[0].length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Array<[number, number]> = [];
  for (const r of found) {
    const last = out[out.length - 1];
    if (!last || r[0] >= last[1]) out.push(r);
  }
  return out;
}

/** A hit with up to `chars` characters either side, whitespace runs shown as one space. */
export function kwic(text: string, start: number, end: number, chars = CONTEXT_CHARS): KwicHit {
  const flat = (s: string) => s.replace(/\s+/g, " ");
  return {
    start,
    end,
    before: flat(text.slice(Math.max(0, start - chars), start)),
    match: text.slice(start, end),
    after: flat(text.slice(end, end + chars)),
  };
}
