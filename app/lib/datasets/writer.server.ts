import { PgDialect } from "drizzle-orm/pg-core";
import { SQL } from "drizzle-orm";

const dialect = new PgDialect();

/** Runs drizzle-built SQL on the writer's own connection, inside its transaction. */
export type SqlRunner = (query: SQL | CompiledQuery) => Promise<Record<string, unknown>[]>;

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

/** drizzle SQL (or a query builder's `toSQL()`) as text and parameters for a raw connection. */
export function compile(query: SQL | CompiledQuery): CompiledQuery {
  if (!(query instanceof SQL)) return query;
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql, params };
}

/**
 * Loads one dataset table in one transaction on one connection: `setup` (CREATE TABLE) runs
 * first, then rows arrive as COPY text, then `commit` runs the finishing statements and
 * commits. `abort` rolls everything back, so a failed import leaves nothing behind.
 */
export interface DatasetWriter {
  write(copyText: string): Promise<void>;
  commit<T>(finish: (run: SqlRunner) => Promise<T>): Promise<T>;
  abort(): Promise<void>;
}

export interface WriterPlan {
  setup: SQL[];
  /** `COPY <table> FROM STDIN` for a server, `FROM '/dev/blob'` for PGlite. */
  copy: (source: "stdin" | "blob") => SQL;
}
