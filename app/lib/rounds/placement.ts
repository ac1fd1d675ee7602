/**
 * Where a coding made on a round's copy of the text lands in the document at reveal time.
 * The document may have changed meanwhile (a redaction, a typo fixed), so a coding is put back
 * where its quote still is: at the same offsets, or else at the occurrence of the quote nearest
 * to them. One whose quote is gone is not placed (and the reveal says how many).
 */
export function placeCoding(text: string, coding: { start: number; end: number; quote: string }): { start: number; end: number } | null {
  const { start, end, quote } = coding;
  if (quote.length === 0) return null;
  if (text.slice(start, end) === quote) return { start, end };
  let best = -1;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (best === -1 || Math.abs(at - start) < Math.abs(best - start)) best = at;
    if (at > start) break; // later occurrences are only further away
  }
  return best === -1 ? null : { start: best, end: best + quote.length };
}
