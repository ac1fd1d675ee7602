/**
 * Checks on a CSV upload's raw bytes, chunk by chunk, before they are parsed or sent to COPY,
 * so the JS reader and Postgres refuse the same files in the same words:
 * - the bytes must be UTF-8 (Excel's "CSV" is Windows-1252; read as UTF-8 its accents became
 *   U+FFFD without a word, and Postgres refused it mid-COPY);
 * - no record may pass MAX_RECORD_BYTES (a 50 MB cell, or a quote left open that makes the
 *   rest of the file one record, is not a row of data; ADR 0122).
 * Lines are physical lines, counted as a text editor does (line feeds), header = line 1.
 */
import { isUtf8 } from "node:buffer";
import { CsvFormatError } from "./import-errors.server";

export const MAX_RECORD_BYTES = 1024 * 1024;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** How many bytes at the end of `data` begin a UTF-8 character that the next chunk completes. */
function incompleteTail(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

export class UploadGuard {
  /** Line feeds seen so far: the current line is this plus one. */
  private lines = 0;
  private inQuote = false;
  /** Bytes in the record being read, and the line it started on. */
  private recordBytes = 0;
  private recordLine = 1;
  private carry: Buffer = Buffer.alloc(0);

  /** Throws a CsvFormatError when `chunk` breaks a rule. */
  check(chunk: Buffer): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = data.length - incompleteTail(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole)) throw this.notUtf8(whole);
    this.carry = Buffer.from(data.subarray(cut));
    this.scanRecords(chunk);
  }

  /** At the end of the upload: a character cut off by the end of the file is not UTF-8 either. */
  finish(): void {
    if (this.carry.length) throw this.notUtf8(this.carry);
  }

  private notUtf8(whole: Buffer): CsvFormatError {
    // Only now are lines looked at one by one, to name the first bad one.
    let line = this.lines + 1;
    for (let start = 0; start < whole.length; line++) {
      const end = whole.indexOf(LF, start);
      const stop = end < 0 ? whole.length : end;
      if (!isUtf8(whole.subarray(start, stop))) break;
      start = stop + 1;
    }
    return new CsvFormatError(line, null, "the file is not UTF-8 text. Save it as “CSV UTF-8” and import it again.", "NOT_UTF8");
  }

  /**
   * Walks the chunk's quotes and line ends in order (each found once with indexOf): a record
   * ends at a line end outside quotes; every line feed starts a physical line.
   */
  private scanRecords(chunk: Buffer): void {
    let quote = chunk.indexOf(QUOTE);
    let lf = chunk.indexOf(LF);
    let cr = chunk.indexOf(CR);
    const orEnd = (at: number) => (at < 0 ? chunk.length : at);
    for (let pos = 0; ; ) {
      const next = Math.min(orEnd(quote), orEnd(lf), orEnd(cr));
      this.recordBytes += next - pos;
      if (this.recordBytes > MAX_RECORD_BYTES) {
        throw new CsvFormatError(this.recordLine, null, `a record is longer than ${MAX_RECORD_BYTES / (1024 * 1024)} MB, the most a row may hold (or a quote is never closed).`, "RECORD_TOO_LONG");
      }
      if (next === chunk.length) return;
      if (next === quote) {
        this.inQuote = !this.inQuote;
        this.recordBytes++;
        quote = chunk.indexOf(QUOTE, next + 1);
      } else {
        if (next === lf) {
          this.lines++;
          lf = chunk.indexOf(LF, next + 1);
        } else {
          cr = chunk.indexOf(CR, next + 1);
        }
        if (this.inQuote) {
          this.recordBytes++;
        } else {
          this.recordBytes = 0;
          this.recordLine = this.lines + 1;
        }
      }
      pos = next + 1;
    }
  }
}
