import { sql } from "drizzle-orm";
import type pg from "pg";
import { copyCsv, type CopyRefusal } from "./copy-fast-path.server";
import { readHead } from "./csv-head.server";
import { readCsv } from "./csv-reader.server";
import { cleanHeader, inferColumnTypes } from "./csv-types";
import { CsvFormatError } from "./import-errors.server";
import {
  chooseTypes,
  createTable,
  newTableName,
  planColumns,
  SAMPLE_ROWS,
  type ImportRequest,
  type LoadedTable,
  type TableShape,
} from "./import-table.server";
import { RowEncoder } from "./row-encoder.server";
import type { Spool } from "./spool.server";
import { ValueScanner } from "./value-scanner.server";
import { datasetTable } from "./sql.server";
import type { Upload } from "./upload.server";

/** How much of an upload is still read (and dropped) after a failure, so the 400 arrives cleanly. */
const DRAIN_AFTER_ERROR = 64 << 20;

/** Loads the spooled file with the JS reader and row encoder (the PGlite path, on a server). */
export type ParserLoad = (shape: TableShape) => Promise<LoadedTable>;

/** COPY in CSV mode, columns in file order; FORCE_NULL so `""` is NULL as the JS path has it. */
function copyStatement(tableName: string, shape: TableShape) {
  const cols = sql.join(shape.sqlNames.map((n) => sql.identifier(n)), sql`, `);
  return sql`COPY ${datasetTable({ tableName })} (${cols}) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL (${cols}))`;
}

async function* concat(first: Buffer[], rest: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  yield* first;
  yield* rest;
}

/**
 * Reads the whole spooled file with the JS checks and no writing: throws the 400 the JS path
 * gives for the first bad value; otherwise says which inferred columns had to widen.
 */
async function checkSpool(spool: Spool, shape: TableShape, isInferred: boolean[]): Promise<RowEncoder> {
  const encoder = new RowEncoder(shape.header, [...shape.types], isInferred, shape.keyIndex, false);
  let seenHeader = false;
  const stopOnFailure = () => {
    if (encoder.failure) throw encoder.failure;
  };
  await readCsv(
    spool.read(),
    (fields, endLine) => {
      if (seenHeader) encoder.add(fields, endLine);
      else seenHeader = true;
    },
    { afterChunk: stopOnFailure, header: () => shape.header },
  );
  stopOnFailure();
  return encoder;
}

async function copyLoad(pool: pg.Pool, shape: TableShape, chunks: AsyncIterable<Buffer>): Promise<LoadedTable | CopyRefusal> {
  const tableName = newTableName();
  const steps = {
    setup: [createTable(tableName, shape)],
    copy: copyStatement(tableName, shape),
    scanner: new ValueScanner(shape.types),
  };
  const outcome = await copyCsv(pool, steps, chunks);
  if (!outcome.ok) return outcome.refusal;
  return { ...shape, tableName, rowCount: outcome.rowCount, commit: outcome.commit };
}

const isLoaded = (result: LoadedTable | CopyRefusal): result is LoadedTable => "commit" in result;

/**
 * The Postgres server path. Only the head (header + SAMPLE_ROWS records) is parsed in Node, to
 * infer types and check the header and the sample exactly as the JS path does; the raw bytes
 * then go to COPY … (FORMAT csv) while the upload is spooled. If Postgres refuses the data,
 * the spool is read with the JS checks to say what is wrong in the JS path's own words, or to
 * widen an inferred type and COPY again. Whatever both accept differently (blank lines, mixed
 * line endings, a `\.` line, invalid UTF-8) is loaded by the JS path from the spool.
 */
export async function loadWithCopy(
  pool: pg.Pool,
  input: ImportRequest,
  upload: Upload,
  spool: Spool,
  parserLoad: ParserLoad,
): Promise<LoadedTable> {
  let shape: TableShape;
  let isInferred: boolean[];
  let first: LoadedTable | CopyRefusal;
  try {
    const head = await readHead(upload, SAMPLE_ROWS);
    if (!head.header) throw new CsvFormatError(1, null, "the file is empty; it needs a header row.");
    const header = head.header.map(cleanHeader);
    const { keyIndex, sqlNames } = planColumns(header, input);
    const inferred = inferColumnTypes(header.length, head.sample.map((s) => s.fields.map((f) => (f === "" ? null : f))));
    const chosen = chooseTypes(header, keyIndex, inferred, input.types);
    isInferred = chosen.isInferred;
    shape = { header, keyIndex, sqlNames, types: chosen.types };
    // The sample is checked here, so a value Postgres would take but the JS rules do not
    // (a boolean spelt 1, a date in another style) is refused as on the JS path.
    const sample = new RowEncoder(header, [...shape.types], isInferred, keyIndex, false);
    for (const s of head.sample) sample.add(s.fields, s.endLine);
    if (sample.failure) throw sample.failure;
    first = await copyLoad(pool, shape, concat(head.chunks, upload));
  } catch (err) {
    await upload.discardRest(DRAIN_AFTER_ERROR);
    throw err;
  }
  if (isLoaded(first)) return first;

  await spool.close();
  const checked = await checkSpool(spool, shape, isInferred);
  if (checked.widened) {
    const widened = { ...shape, types: checked.types };
    const second = await copyLoad(pool, widened, spool.read());
    return isLoaded(second) ? second : parserLoad(widened);
  }
  // Postgres refused a file the JS reader accepts as it stands: a difference of dialect.
  return parserLoad(shape);
}
