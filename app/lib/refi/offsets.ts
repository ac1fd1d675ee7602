/**
 * Thicket stores offsets as UTF-16 code units (JavaScript string indices, API.md). REFI-QDA
 * counts characters; Thicket's exports count Unicode code points, so an emoji or any other
 * character outside the Basic Multilingual Plane is one position, as Python and most desktop
 * tools count it. A carriage return is a character like any other: texts are exported exactly
 * as stored, `\r\n` is two positions. Pure, shared with the importer.
 */

/** Converts UTF-16 offsets into one text to code-point offsets, in O(log n) per offset. */
export class CodePointOffsets {
  /** UTF-16 index of each surrogate pair's high half, ascending; empty for BMP-only text. */
  private readonly pairStarts: number[];

  constructor(pairStarts: number[]) {
    this.pairStarts = pairStarts;
  }

  static of(text: string): CodePointOffsets {
    const starts: number[] = [];
    for (let i = 0; i < text.length - 1; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) starts.push(i++);
      }
    }
    return new CodePointOffsets(starts);
  }

  /** The code-point offset of UTF-16 offset `index`: each pair wholly before it counts once. */
  toCodePoint(index: number): number {
    const starts = this.pairStarts;
    if (starts.length === 0) return index;
    // Pairs whose second half lies before `index`, i.e. start + 1 < index.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! + 1 < index) lo = mid + 1;
      else hi = mid;
    }
    return index - lo;
  }
}
