import { asBoolean } from "./csv-types";
import type { ColumnType } from "./types";

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/** Bytes that neither end a field nor quote: skipped in a run. */
const ORDINARY = new Uint8Array(256).fill(1);
for (const b of [0x2c, 0x22, 0x0d, 0x0a]) ORDINARY[b] = 0;

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** A field's bytes, without the spaces and tabs around it (the only padding the JS rules trim). */
type Checker = (bytes: ArrayLike<number>, from: number, to: number) => boolean;

/**
 * csv-types.ts asBoolean itself, so its list of spellings stays the one source; remembered by
 * the field's bytes, as a column repeats a handful of spellings a million times.
 */
const booleanSeen = new Map<number, boolean>();
const isBoolean: Checker = (b, from, to) => {
  if (to - from > 6) return asBoolean(latin1(b, from, to)) !== undefined;
  let key = to - from;
  for (let i = from; i < to; i++) key = key * 256 + b[i]!;
  let ok = booleanSeen.get(key);
  if (ok === undefined) {
    ok = asBoolean(latin1(b, from, to)) !== undefined;
    booleanSeen.set(key, ok);
  }
  return ok;
};

function latin1(bytes: ArrayLike<number>, from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/** csv-types.ts asDate's spelling, YYYY-MM-DD; Postgres checks the calendar as asDate does. */
const isDate: Checker = (b, from, to) => {
  if (to - from !== 10 || b[from + 4] !== 0x2d || b[from + 7] !== 0x2d) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(b[from + i]!)) return false;
  return true;
};

/** csv-types.ts NUMBER_RE; Postgres refuses overflow and underflow as asNumber does. */
const isNumber: Checker = (b, from, to) => {
  let i = from;
  if (b[i] === 0x2b || b[i] === 0x2d) i++;
  let digits = 0;
  for (; i < to && isDigit(b[i]!); i++) digits++;
  if (i < to && b[i] === 0x2e) {
    i++;
    for (; i < to && isDigit(b[i]!); i++) digits++;
  }
  if (digits === 0) return false;
  if (i < to && (b[i] === 0x65 || b[i] === 0x45)) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    const start = i;
    while (i < to && isDigit(b[i]!)) i++;
    if (i === start) return false;
  }
  return i === to;
};

/**
 * Postgres's input functions take more than the import's rules (csv-types.ts): booleans spelt
 * "tr" or "of", dates in any DateStyle ("01/02/2024", "today"), numbers in hex or NaN; and its CSV
 * reader takes a quote in the middle of a field, which the JS reader refuses. So on the COPY
 * path the bytes sent are also scanned here, on Node's side, while Postgres loads them: any
 * number, boolean or date field the JS rules would not take, or any quoting the JS reader
 * would not, marks the upload as `failed`; it is then read by the JS checks, which say exactly
 * what is wrong (or widen the column). The scan is deliberately cautious, never exact.
 */
export class ValueScanner {
  failed = false;
  private readonly checkers: (Checker | null)[];
  private field = 0;
  private header = true;
  /** 0: at a field's start, 1: unquoted, 2: inside quotes, 3: a quote inside quotes (end or ""), 4: after the closing quote. */
  private state = 0;
  private lastCr = false;
  /** The start of a checked field the last chunk ended inside: scanned again with the next one. */
  private carry: Buffer | null = null;

  constructor(types: readonly ColumnType[]) {
    const checkers: Partial<Record<ColumnType, Checker>> = { boolean: isBoolean, date: isDate, number: isNumber };
    this.checkers = types.map((t) => checkers[t] ?? null);
  }

  push(piece: Buffer): void {
    if (this.failed) return;
    const chunk = this.carry ? Buffer.concat([this.carry, piece]) : piece;
    this.carry = null;
    const checkers = this.checkers;
    let { state, field, header, lastCr } = this;
    let checker = header ? null : checkers[field];
    let from = 0; // where the current field starts in `chunk`
    let close = -1; // its closing quote
    let escaped = false; // a "" inside it
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (state === 2) {
        const quote = b === QUOTE ? i : chunk.indexOf(QUOTE, i);
        if (quote === -1) break;
        i = quote;
        state = 3;
        close = i;
        continue;
      }
      if (state === 3) {
        if (b === QUOTE) {
          state = 2;
          escaped = true;
          continue;
        }
        state = 4;
      }
      if (lastCr) {
        lastCr = false;
        if (b === LF && state === 0 && field === 0) {
          from = i + 1;
          continue; // the LF of a CRLF
        }
      }
      const endsRecord = b === LF || b === CR;
      if (b === COMMA || endsRecord) {
        // A quoted "" is empty (NULL), as unquoted; a value with a quote in it is none of a
        // number, a boolean or a date.
        const empty = state === 0 || (state === 4 && !escaped && close === from + 1);
        if (checker && !empty) {
          const ok = state === 1 ? check(checker, chunk, from, i) : !escaped && check(checker, chunk, from + 1, close);
          if (!ok) return this.fail();
        }
        field = endsRecord ? 0 : field + 1;
        if (endsRecord) header = false;
        lastCr = b === CR;
        state = 0;
        escaped = false;
        from = i + 1;
        checker = header ? null : (checkers[field] ?? null);
      } else if (state === 4) {
        return this.fail(); // something after a closing quote: csv-parse refuses it
      } else if (b === QUOTE) {
        if (state !== 0) return this.fail(); // a quote inside an unquoted field
        state = 2;
      } else {
        state = 1;
        while (i + 1 < chunk.length && ORDINARY[chunk[i + 1]!] === 1) i++;
      }
    }
    Object.assign(this, { state, field, header, lastCr });
    if (checker && state !== 0) {
      if (chunk.length - from > MAX_CARRY) return this.fail();
      // Scanned again from the field's start once the rest arrives.
      this.carry = Buffer.from(chunk.subarray(from));
      this.state = 0;
    }
  }

  /** The end of the data: the last record may have no newline. */
  end(): void {
    if (this.failed) return;
    if (this.carry || this.state !== 0) this.push(Buffer.from("\n"));
    if (this.state === 2 || this.state === 3) this.fail();
  }

  private fail() {
    this.failed = true;
    this.carry = null;
  }
}

/** Longer than any number, boolean or date the JS rules would plausibly hold. */
const MAX_CARRY = 256;

function check(checker: Checker, bytes: Buffer, from: number, to: number): boolean {
  while (from < to && (bytes[from] === SPACE || bytes[from] === TAB)) from++;
  while (to > from && (bytes[to - 1] === SPACE || bytes[to - 1] === TAB)) to--;
  return checker(bytes, from, to);
}
