const CR = 0x0d;
const LF = 0x0a;
const BACKSLASH_DOT = Buffer.from("\\.");
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const isNewline = (byte: number | undefined) => byte === LF || byte === CR;

/**
 * Turns the uploaded bytes into what `COPY … (FORMAT csv)` is sent, where Postgres and the JS
 * reader would otherwise disagree on a well-formed file:
 * - a UTF-8 byte order mark is dropped (Postgres would make it part of the first header);
 * - blank lines at the very start and end are dropped (Postgres reads one as the header, or as
 *   a row with missing data; blank lines between rows make COPY fail, and the JS path loads);
 * - a line that is just `\.` is reported: Postgres 15 (before 18) takes it as the end of the
 *   data, even inside a quoted field, and silently ignores everything after it.
 */
export class CopyFeed {
  /** A `\.` line was seen: what Postgres loaded would be cut short. */
  endMarker = false;
  private started = false;
  /** Some data has been sent (leading blank lines are not). */
  private sentAny = false;
  private ending = false;
  /** Trailing CR/LF bytes of the data so far, sent only once more data follows them. */
  private held: Buffer | null = null;
  /** The first bytes, until there are enough to tell whether they start with a BOM. */
  private tail = Buffer.alloc(0);
  /** The last byte scanned, to find a `\.` line split across chunks. */
  private lastByte: number | undefined = undefined;
  /** Whether the last byte seen began a line. */
  private lastLineStart = false;
  private atStart = true;

  /** The bytes to send for `chunk` (possibly none). */
  push(chunk: Buffer): Buffer[] {
    let data = chunk;
    if (!this.started) {
      if (!this.ending && this.tail.length + data.length < 3) {
        // Too short to tell whether it starts with a BOM; wait for more.
        this.tail = Buffer.concat([this.tail, data]);
        return [];
      }
      data = this.tail.length > 0 ? Buffer.concat([this.tail, data]) : data;
      this.tail = Buffer.alloc(0);
      this.started = true;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    if (!this.sentAny) {
      // Blank lines before the header: the JS reader skips them, COPY would take the first
      // line for the header (and the real header for data).
      let first = 0;
      while (first < data.length && isNewline(data[first])) first++;
      data = data.subarray(first);
    }
    if (data.length === 0) return [];
    this.sentAny = true;
    this.scan(data);
    let end = data.length;
    while (end > 0 && isNewline(data[end - 1])) end--;
    const out: Buffer[] = [];
    if (end > 0 && this.held) out.push(this.held);
    if (end > 0) this.held = null;
    if (end > 0) out.push(data.subarray(0, end));
    if (end < data.length) {
      const newlines = data.subarray(end);
      this.held = this.held ? Buffer.concat([this.held, newlines]) : Buffer.from(newlines);
    }
    return out;
  }

  /** The bytes still to send at the end of the upload (trailing newlines are not). */
  end(): Buffer[] {
    let out: Buffer[] = [];
    if (!this.started && this.tail.length > 0) {
      this.ending = true;
      out = this.push(Buffer.alloc(0));
    }
    if (this.pendingMarker) this.endMarker = true;
    return out;
  }


  /** `\.` found at the very end of the data so far: a marker if nothing but a newline follows. */
  private pendingMarker = false;

  private scan(data: Buffer) {
    if (this.endMarker) return;
    if (this.pendingMarker) {
      // The last data ended in a line's `\.`.
      this.pendingMarker = false;
      if (isNewline(data[0])) this.endMarker = true;
    }
    // A `\.` starting in the last byte of the previous data and ending in this one.
    if (this.lastByte === BACKSLASH && this.lastLineStart && data[0] === DOT) {
      if (data.length === 1) this.pendingMarker = true;
      else if (isNewline(data[1])) this.endMarker = true;
    }
    for (let at = data.indexOf(BACKSLASH_DOT); at !== -1 && !this.endMarker; at = data.indexOf(BACKSLASH_DOT, at + 1)) {
      const lineStart = at === 0 ? this.atStart || isNewline(this.lastByte) : isNewline(data[at - 1]);
      if (!lineStart) continue;
      if (at + 2 === data.length) this.pendingMarker = true;
      else if (isNewline(data[at + 2])) this.endMarker = true;
    }
    this.lastLineStart = data.length === 1 ? isNewline(this.lastByte) || this.atStart : isNewline(data[data.length - 2]);
    this.lastByte = data[data.length - 1];
    this.atStart = false;
  }
}
