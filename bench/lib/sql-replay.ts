/**
 * A baseline for read paths: the SQL a service call sends, recorded once and replayed with bare
 * pg on one connection, one statement after another. Recording patches pg.Client.prototype.query
 * for the duration of the call; every pg client of this process (drizzle's pool included) goes
 * through it, so nothing is missed, and nothing else should run meanwhile.
 */
import pg from "pg";

export interface Statement {
  text: string;
  values: unknown[];
}

type Query = (...args: unknown[]) => unknown;

export async function recordSql(fn: () => Promise<unknown>): Promise<Statement[]> {
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  const seen: Statement[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const config = typeof first === "string" ? { text: first, values: undefined } : (first as { text: string; values?: unknown[] });
    seen.push({ text: config.text, values: Array.isArray(second) ? second : (config.values ?? []) });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

/**
 * Runs the statements in the order they were sent (a transaction's begin…commit included);
 * with `perStatement`, adds each one's time (ms) to its slot.
 */
export async function replaySql(client: pg.Client, statements: Statement[], perStatement?: number[][]): Promise<void> {
  for (const [i, s] of statements.entries()) {
    const t = performance.now();
    await client.query(s.text, s.values);
    perStatement?.[i]?.push(performance.now() - t);
  }
}
