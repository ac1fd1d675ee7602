import { mismatchMessage, valueCheckers, widenFor } from "./csv-types";
import { CsvFormatError } from "./import-errors.server";
import type { ColumnType } from "./types";

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A text value in Postgres COPY text format (tab-separated, backslash escapes). */
function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : value;
}

/** The physical line field `index` of a record starts on, counting newlines inside the fields after it. */
export function fieldLine(fields: readonly string[], index: number, endLine: number): number {
  let line = endLine;
  for (let i = fields.length - 1; i >= index && i >= 0; i--) {
    const field = fields[i]!;
    for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) line--;
  }
  return line;
}

/**
 * Checks each record against the column types and appends it to a buffer of COPY text, the
 * format both writers load. A value that does not fit an inferred type widens that column and
 * stops the writing (the caller re-imports with the wider types); one that does not fit a type
 * the user chose is a failure naming its line and column.
 */
export class RowEncoder {
  /** COPY text not yet handed to the writer. */
  out = "";
  rows = 0;
  /** Some inferred column had to widen: what was written so far is void. */
  widened = false;
  failure: CsvFormatError | null = null;
  private readonly checkers: ((raw: string) => string | undefined)[];

  constructor(
    readonly header: readonly string[],
    readonly types: ColumnType[],
    private readonly inferred: readonly boolean[],
    private readonly keyIndex: number,
    private writing: boolean,
  ) {
    this.checkers = types.map((t) => valueCheckers[t]);
  }

  /** Takes the buffered COPY text. */
  take(): string {
    const out = this.out;
    this.out = "";
    return out;
  }

  private fail(fields: readonly string[], index: number, endLine: number, problem: string) {
    const column = index < this.header.length ? this.header[index]! : null;
    this.failure ??= new CsvFormatError(fieldLine(fields, index, endLine), column, problem);
    this.writing = false;
  }

  add = (fields: string[], endLine: number): void => {
    if (this.failure) return;
    const n = this.types.length;
    if (fields.length !== n) {
      const problem =
        fields.length < n
          ? `the row has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${n}; this column is missing.`
          : `the row has ${fields.length} fields but the header has ${n}.`;
      return this.fail(fields, Math.min(fields.length, n - 1), endLine, problem);
    }
    let line = "";
    for (let i = 0; i < n; i++) {
      const raw = fields[i]!;
      let value: string | undefined;
      if (raw === "") {
        if (i === this.keyIndex) return this.fail(fields, i, endLine, "the key is empty; every row needs a key.");
        value = "\\N";
      } else {
        const type = this.types[i]!;
        value = this.checkers[i]!(raw);
        if (value === undefined) {
          if (type === "text" || !this.inferred[i]) return this.fail(fields, i, endLine, mismatchMessage(type, raw));
          this.widen(i, widenFor(type, raw));
          value = this.checkers[i]!(raw);
          if (value === undefined) return this.fail(fields, i, endLine, mismatchMessage("text", raw));
        }
        if (type === "text" || this.types[i] === "text") value = copyText(value);
      }
      line = i === 0 ? value : `${line}\t${value}`;
    }
    this.rows++;
    if (this.writing) this.out += `${line}\n`;
  };

  private widen(index: number, type: ColumnType) {
    this.types[index] = type;
    this.checkers[index] = valueCheckers[type];
    this.widened = true;
    this.writing = false;
    this.out = "";
  }
}
