import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "../../../db/ids";
import { datasets, type StoredColumn } from "../../../db/schema";
import { HttpError } from "../http/errors.server";
import { readCsv } from "./csv-reader.server";
import { headerProblems, sqlColumnNames } from "./csv-types";
import { CsvFormatError, datasetNameTaken, invalidHeader, unknownKey } from "./import-errors.server";
import { fieldLine } from "./row-encoder.server";
import type { Spool } from "./spool.server";
import { datasetTable } from "./sql.server";
import type { ColumnType } from "./types";
import type { DatasetWriter, SqlRunner, WriterPlan } from "./writer.server";

/** Rows the types are inferred from; a later row that does not fit widens the column. */
export const SAMPLE_ROWS = 5000;

const sqlTypes: Record<ColumnType, SQL> = {
  integer: sql.raw("bigint"),
  // double precision over numeric: fixed 8 bytes, fast COPY and aggregates, and values come
  // back as JS numbers exactly as JSON carries them; CSV decimals are measurements, not money.
  number: sql.raw("double precision"),
  boolean: sql.raw("boolean"),
  date: sql.raw("date"),
  text: sql.raw("text"),
};

/** What an import was asked to do (the route's parsed query plus the body). */
export interface ImportRequest {
  projectId: string;
  userId: string;
  name: string;
  key: string;
  types?: Record<string, ColumnType>;
}

/** The columns of the table being loaded, in CSV order. */
export interface TableShape {
  header: string[];
  keyIndex: number;
  sqlNames: string[];
  types: ColumnType[];
}

/** A table loaded in a transaction that is still open: `commit` finishes and commits it. */
export interface LoadedTable extends TableShape {
  tableName: string;
  rowCount: number;
  commit: DatasetWriter["commit"];
}

export const newTableName = () => `d_${randomBytes(8).toString("hex")}`;

/** Columns a dataset may have: well under Postgres's 1,600 per table (ADR 0122). */
export const MAX_COLUMNS = 1000;

/** What the header row says, checked: at most MAX_COLUMNS names, non-empty and unique. */
export function checkHeader(header: string[]) {
  if (header.length > MAX_COLUMNS) {
    throw new HttpError(400, "too_many_columns", `The header row has ${header.length.toLocaleString("en-GB")} columns; a dataset holds at most ${MAX_COLUMNS.toLocaleString("en-GB")}.`);
  }
  const { empty, duplicates } = headerProblems(header);
  if (empty.length > 0) {
    throw invalidHeader(`The header row has an empty column name (column ${empty.join(", ")}); every column needs a name.`);
  }
  if (duplicates.length > 0) {
    throw invalidHeader(`The header row names ${duplicates.map((d) => JSON.stringify(d)).join(", ")} more than once; column names must be unique.`);
  }
}

/** The header checked against the request: the key's position, SQL names, user types. */
export function planColumns(header: string[], input: ImportRequest) {
  checkHeader(header);
  const keyIndex = header.indexOf(input.key.trim());
  if (keyIndex === -1) throw unknownKey(input.key);
  const unknown = Object.keys(input.types ?? {}).filter((name) => !header.includes(name));
  if (unknown.length > 0) {
    throw new HttpError(422, "invalid_types", `The types name ${unknown.map((u) => JSON.stringify(u)).join(", ")}, which ${unknown.length === 1 ? "is" : "are"} not in the header row.`);
  }
  const keyType = input.types?.[header[keyIndex]!];
  if (keyType !== undefined && keyType !== "text") {
    throw new HttpError(422, "invalid_types", `The key column ${JSON.stringify(header[keyIndex])} is always text (keys keep their leading zeros); it cannot be ${keyType}.`);
  }
  return { keyIndex, sqlNames: sqlColumnNames(header) };
}

/** The column types: the user's where given, the inferred ones elsewhere, the key always text. */
export function chooseTypes(header: string[], keyIndex: number, inferred: ColumnType[], given: Record<string, ColumnType> = {}) {
  const types = header.map((name, i) => (i === keyIndex ? "text" : (given[name] ?? inferred[i]!)));
  const isInferred = header.map((name, i) => i !== keyIndex && given[name] === undefined);
  return { types, isInferred };
}

export const storedColumns = (shape: TableShape): StoredColumn[] =>
  shape.header.map((name, i) => ({ name, type: shape.types[i]!, sqlName: shape.sqlNames[i]! }));

/** CREATE TABLE for one import attempt; the key is NOT NULL (COPY then refuses an empty one). */
export function createTable(tableName: string, shape: TableShape): SQL {
  const defs = sql.join(
    storedColumns(shape).map((c, i) =>
      i === shape.keyIndex
        ? sql`${sql.identifier(c.sqlName)} ${sqlTypes[c.type]} NOT NULL`
        : sql`${sql.identifier(c.sqlName)} ${sqlTypes[c.type]}`,
    ),
    sql`, `,
  );
  return sql`CREATE TABLE ${datasetTable({ tableName })} (${defs})`;
}

/** The JS path's plan: CREATE TABLE, then COPY text from the row encoder. */
export function tablePlan(tableName: string, shape: TableShape): WriterPlan {
  const table = datasetTable({ tableName });
  return {
    setup: [createTable(tableName, shape)],
    copy: (source) => (source === "stdin" ? sql`COPY ${table} FROM STDIN` : sql`COPY ${table} FROM '/dev/blob'`),
  };
}

export class DuplicateKey extends Error {
  constructor(readonly value: string) {
    super("duplicate key");
  }
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "23505";

/**
 * Inside the import's transaction, after the load: the key's unique index (a duplicate is
 * found here, in one pass, rather than by remembering every key in Node), then the catalogue.
 */
export async function finishTable(run: SqlRunner, input: ImportRequest, loaded: LoadedTable) {
  const { tableName, rowCount } = loaded;
  const columns = storedColumns(loaded);
  const table = datasetTable({ tableName });
  const keyCol = sql.identifier(columns[loaded.keyIndex]!.sqlName);
  await run(sql`SAVEPOINT key_index`);
  try {
    await run(sql`CREATE UNIQUE INDEX ${sql.identifier(`${tableName}_key`)} ON ${table} (${keyCol})`);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await run(sql`ROLLBACK TO SAVEPOINT key_index`);
    const [dup] = await run(sql`SELECT ${keyCol} AS value FROM ${table} GROUP BY ${keyCol} HAVING count(*) > 1 LIMIT 1`);
    throw new DuplicateKey(String(dup?.value));
  }
  const { id, name, projectId, key, userId } = { id: newId(), ...input };
  const values = { id, projectId, name, keyColumn: key.trim(), tableName, columns, rowCount, createdBy: userId };
  let created: Record<string, unknown> | undefined;
  try {
    [created] = await run(sql`INSERT INTO ${datasets} (${sql.identifier("id")}, ${sql.identifier("project_id")}, ${sql.identifier("name")}, ${sql.identifier("key_column")}, ${sql.identifier("table_name")}, ${sql.identifier("columns")}, ${sql.identifier("row_count")}, ${sql.identifier("created_by")})
      VALUES (${id}, ${projectId}, ${name}, ${values.keyColumn}, ${tableName}, ${JSON.stringify(columns)}::jsonb, ${rowCount}, ${userId})
      RETURNING ${sql.identifier("created_at")} AS created_at`);
  } catch (err) {
    if (isUniqueViolation(err)) throw datasetNameTaken(name);
    throw err;
  }
  const createdAt = created?.created_at;
  return { ...values, summary: null, createdAt: createdAt instanceof Date ? createdAt : new Date(String(createdAt)) };
}

/** The line of a duplicate key's second appearance, found by reading the spool again. */
export async function duplicateKeyError(spool: Spool, header: string[], keyIndex: number, value: string) {
  let seenHeader = false;
  let firstLine = 0;
  let secondLine = 0;
  await readCsv(spool.read(), (fields, endLine) => {
    if (!seenHeader) {
      seenHeader = true;
      return;
    }
    if (secondLine || fields[keyIndex] !== value) return;
    const line = fieldLine(fields, keyIndex, endLine);
    if (firstLine) secondLine = line;
    else firstLine = line;
  });
  return new CsvFormatError(
    secondLine || firstLine,
    header[keyIndex]!,
    `the key ${JSON.stringify(value)} appears more than once (first on line ${firstLine}); keys must be unique.`,
  );
}
