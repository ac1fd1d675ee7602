import { Readable } from "node:stream";
import type { Database } from "../../../db/client";
import { rawDriver } from "../../../db/raw";
import { and, eq } from "drizzle-orm";
import { datasets } from "../../../db/schema";
import { payloadTooLarge } from "../http/body.server";
import type { AppServices } from "../services.server";
import { openCopyWriter } from "./copy-writer.server";
import { loadWithCopy } from "./copy-import.server";
import { readCsv } from "./csv-reader.server";
import { cleanHeader, inferColumnTypes } from "./csv-types";
import { datasetInfo } from "./datasets.server";
import { CsvFormatError, datasetNameTaken } from "./import-errors.server";
import {
  chooseTypes,
  DuplicateKey,
  duplicateKeyError,
  finishTable,
  newTableName,
  planColumns,
  SAMPLE_ROWS,
  tablePlan,
  type ImportRequest,
  type LoadedTable,
  type TableShape,
} from "./import-table.server";
import { openPgliteWriter } from "./pglite-writer.server";
import { RowEncoder } from "./row-encoder.server";
import { Spool } from "./spool.server";
import type { DatasetInfo } from "./types";
import { UploadGuard } from "./upload-guard.server";
import { Upload, type UploadSource } from "./upload.server";
import type { DatasetWriter, WriterPlan } from "./writer.server";

export { checkHeader, SAMPLE_ROWS } from "./import-table.server";

/** COPY text handed to the writer at a time: big enough to amortise, small enough to stay flat. */
const WRITE_CHARS = 1 << 16;
/** How much of an upload is still read (and dropped) after a failure, so the 400 arrives cleanly. */
const DRAIN_AFTER_ERROR = 64 << 20;

export interface ImportInput extends ImportRequest {
  /** The CSV bytes (or text), header first. */
  stream: UploadSource;
  /** Larger is a 413 and nothing imported; default MAX_DATASET_BYTES. */
  maxBytes?: number;
}

function openWriter(db: Database, plan: WriterPlan): Promise<DatasetWriter> {
  const driver = rawDriver(db);
  return driver.kind === "postgres" ? openCopyWriter(driver.pool, plan) : openPgliteWriter(driver.client, plan);
}

async function assertNameFree(db: Database, projectId: string, name: string) {
  const [taken] = await db
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.projectId, projectId), eq(datasets.name, name)));
  if (taken) throw datasetNameTaken(name);
}

/**
 * Imports a CSV as a typed table in the `datasets` schema plus its catalogue row, all in one
 * transaction. Streams, and spools the upload to a temp file for a second pass (wider types,
 * the line of a duplicate key). On a Postgres server the raw CSV goes to COPY (Postgres
 * parses it; copy-import.server.ts); on PGlite every record is parsed and checked in Node.
 */
export async function importDataset(services: AppServices, input: ImportInput): Promise<DatasetInfo> {
  const { db } = services;
  const request = { ...input, name: input.name.trim() };
  await assertNameFree(db, input.projectId, request.name);
  const spool = new Spool();
  const maxBytes = input.maxBytes ?? services.config.maxDatasetBytes;
  try {
    const driver = rawDriver(db);
    const loaded =
      driver.kind === "postgres"
        ? await loadWithCopy(driver.pool, request, new Upload(input.stream, spool, maxBytes), spool, (shape) =>
            loadFromSpool(db, spool, shape),
          )
        : await loadWithParser(db, request, spool, maxBytes);
    try {
      return datasetInfo(await loaded.commit((run) => finishTable(run, request, loaded)));
    } catch (err) {
      if (!(err instanceof DuplicateKey)) throw err;
      await spool.close();
      throw await duplicateKeyError(spool, loaded.header, loaded.keyIndex, err.value);
    }
  } finally {
    await spool.remove();
  }
}

/** The JS path: parse and check every record, widening from the spool if a late row needs it. */
async function loadWithParser(db: Database, input: ImportInput, spool: Spool, maxBytes: number): Promise<LoadedTable> {
  const first = await firstPass(db, input, spool, maxBytes);
  if (!first.encoder.widened) {
    return { ...first.shape, types: first.encoder.types, tableName: first.tableName, rowCount: first.encoder.rows, commit: first.writer!.commit };
  }
  // A row after the sample did not fit an inferred type: the whole file has been read and
  // every column now has a type that fits all of it. Load again from the spool.
  await spool.close();
  return loadFromSpool(db, spool, { ...first.shape, types: first.encoder.types });
}

interface PassResult {
  shape: TableShape;
  tableName: string;
  encoder: RowEncoder;
  writer: DatasetWriter | null;
}

async function firstPass(db: Database, input: ImportInput, spool: Spool, maxBytes: number): Promise<PassResult> {
  let header: string[] | null = null;
  let plan: { keyIndex: number; sqlNames: string[] } | null = null;
  let failure: unknown = null;
  let sample: { fields: string[]; endLine: number }[] = [];
  let encoder: RowEncoder | null = null;
  let writer: DatasetWriter | null = null;
  let bytes = 0;
  const guard = new UploadGuard();
  const tableName = newTableName();

  const start = async () => {
    const h = header!;
    const { keyIndex, sqlNames } = plan!;
    const inferred = inferColumnTypes(h.length, sample.map((s) => s.fields.map((f) => (f === "" ? null : f))));
    const { types, isInferred } = chooseTypes(h, keyIndex, inferred, input.types);
    encoder = new RowEncoder(h, types, isInferred, keyIndex, true);
    writer = await openWriter(db, tablePlan(tableName, { header: h, keyIndex, sqlNames, types }));
    for (const s of sample) encoder.add(s.fields, s.endLine);
    sample = [];
  };

  const onRecord = (fields: string[], endLine: number) => {
    if (failure) return;
    if (encoder) return encoder.add(fields, endLine);
    if (!header) {
      header = fields.map(cleanHeader);
      try {
        plan = planColumns(header, input);
      } catch (err) {
        failure = err;
      }
      return;
    }
    sample.push({ fields, endLine });
  };

  const afterChunk = async () => {
    if (failure) throw failure;
    if (!encoder && sample.length >= SAMPLE_ROWS) await start();
    const enc = encoder as RowEncoder | null;
    if (!enc) return;
    if (enc.failure) throw enc.failure;
    if (enc.widened && writer) {
      await writer.abort();
      writer = null;
    }
    if (writer && enc.out.length >= WRITE_CHARS) await writer.write(enc.take());
  };

  const source = input.stream instanceof ReadableStream ? Readable.fromWeb(input.stream as never) : input.stream;
  try {
    await readCsv(source, onRecord, {
      beforeChunk: async (chunk) => {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) throw payloadTooLarge(maxBytes);
        guard.check(chunk);
        await spool.write(chunk);
      },
      afterChunk,
      header: () => header,
      drainOnError: DRAIN_AFTER_ERROR,
    });
    guard.finish();
    if (!header || !plan) throw new CsvFormatError(1, null, "the file is empty; it needs a header row.");
    if (!encoder) await start();
    await afterChunk();
    const enc = encoder as unknown as RowEncoder;
    if (writer && !enc.widened) await (writer as DatasetWriter).write(enc.take());
    const { keyIndex, sqlNames } = plan as { keyIndex: number; sqlNames: string[] };
    return { shape: { header, keyIndex, sqlNames, types: enc.types }, tableName, encoder: enc, writer };
  } catch (err) {
    await (writer as DatasetWriter | null)?.abort();
    throw err;
  }
}

/** Loads the (closed) spool with the JS reader, every type fixed: nothing widens any more. */
async function loadFromSpool(db: Database, spool: Spool, shape: TableShape): Promise<LoadedTable> {
  const { header, keyIndex } = shape;
  const encoder = new RowEncoder(header, [...shape.types], header.map(() => false), keyIndex, true);
  const tableName = newTableName();
  // Any earlier attempt's table was rolled back with its transaction; this is a fresh one.
  const writer = await openWriter(db, tablePlan(tableName, shape));
  let seenHeader = false;
  const afterChunk = async () => {
    if (encoder.failure) throw encoder.failure;
    if (encoder.out.length >= WRITE_CHARS) await writer.write(encoder.take());
  };
  try {
    await readCsv(
      spool.read(),
      (fields, endLine) => {
        if (seenHeader) encoder.add(fields, endLine);
        else seenHeader = true;
      },
      { afterChunk, header: () => header },
    );
    await afterChunk();
    await writer.write(encoder.take());
    return { ...shape, tableName, rowCount: encoder.rows, commit: writer.commit };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
