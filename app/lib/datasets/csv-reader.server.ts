import { finished } from "node:stream/promises";
import { CsvError, Parser } from "csv-parse";
import { CsvFormatError } from "./import-errors.server";

/** Called once per record with its fields and the physical line it ends on. */
export type RecordHandler = (fields: string[], endLine: number) => void;

/**
 * csv-parse's stream parser, taking each record the moment it is parsed instead of queueing
 * it: `info.lines` is then exactly the line the record ends on (queued records would only see
 * where the parser had got to), and no records pile up in memory.
 */
class LineParser extends Parser {
  /** The line the last record ended on, so an unclosed quote is reported where it opened. */
  lastEndLine = 0;
  lastEmptyLines = 0;

  constructor(private readonly onRecord: RecordHandler) {
    super({
      bom: true,
      // Field counts are checked by the caller, which can name the missing column.
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    });
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    this.lastEndLine = this.info.lines;
    this.lastEmptyLines = this.info.empty_lines;
    this.onRecord(chunk as string[], this.info.lines);
    return true;
  }
}

const problems: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed (a missing closing quote).",
  CSV_INVALID_CLOSING_QUOTE: "a closing quote is followed by something other than a comma or the end of the line.",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    "a closing quote is followed by something other than a comma or the end of the line.",
  CSV_INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field and double the quote: "a ""b"" c").',
};

function toFormatError(err: CsvError, parser: LineParser, header: readonly string[] | null): CsvFormatError {
  const info = err as unknown as { lines?: number; index?: number; empty_lines?: number };
  const line =
    err.code === "CSV_QUOTE_NOT_CLOSED"
      ? parser.lastEndLine + 1 + Math.max(0, (info.empty_lines ?? 0) - parser.lastEmptyLines)
      : (info.lines ?? parser.info.lines);
  const column = header && info.index !== undefined ? (header[info.index] ?? null) : null;
  return new CsvFormatError(line, column, problems[err.code] ?? err.message, err.code);
}

export interface ReadOptions {
  /** Sees every chunk before it is parsed (size limit, spooling). */
  beforeChunk?: (chunk: Buffer) => void | Promise<void>;
  /** After each chunk's records: the place to wait for the database (backpressure). */
  afterChunk?: () => void | Promise<void>;
  /** The header as parsed so far, for naming the column of a parse error. */
  header?: () => readonly string[] | null;
  /**
   * After a failure, read and discard up to this many more bytes of the source: an HTTP
   * request whose body is left unread has its connection closed, and the client would see a
   * broken connection instead of the 400.
   */
  drainOnError?: number;
}

/** Reads and discards up to `limit` bytes of `iterator`, then closes it. */
export async function drain(iterator: AsyncIterator<Uint8Array | string>, limit: number) {
  let left = limit;
  try {
    while (left > 0) {
      const next = await iterator.next();
      if (next.done) return;
      left -= typeof next.value === "string" ? next.value.length : next.value.byteLength;
    }
  } catch {
    // The client went away; nothing to tell it.
  }
  await iterator.return?.();
}

/**
 * Streams `source` through csv-parse, one chunk at a time, calling `onRecord` synchronously for
 * every record (the header included). A parse error becomes a CsvFormatError with its line.
 * Never holds more than a chunk and a partial record.
 */
export async function readCsv(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onRecord: RecordHandler,
  opts: ReadOptions = {},
): Promise<void> {
  const parser = new LineParser(onRecord);
  let parseError: unknown = null;
  parser.on("error", (err) => (parseError ??= err));
  const fail = (err: unknown): never => {
    throw err instanceof CsvError ? toFormatError(err, parser, opts.header?.() ?? null) : err;
  };
  const iterator =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (async function* () {
          yield* source;
        })();
  let completed = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const piece = next.value;
      const chunk =
        typeof piece === "string"
          ? Buffer.from(piece)
          : Buffer.isBuffer(piece)
            ? piece
            : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      await opts.beforeChunk?.(chunk);
      if (parseError) fail(parseError);
      parser.write(chunk);
      await opts.afterChunk?.();
      if (parseError) fail(parseError);
    }
    parser.end();
    await finished(parser, { readable: false }).catch((err) => fail(parseError ?? err));
    if (parseError) fail(parseError);
    await opts.afterChunk?.();
    completed = true;
  } finally {
    if (!parser.destroyed) parser.destroy();
    if (!completed) await drain(iterator, opts.drainOnError ?? 0);
  }
}
