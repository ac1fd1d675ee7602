import { once } from "node:events";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { compile, type DatasetWriter, type SqlRunner, type WriterPlan } from "./writer.server";

/**
 * The Postgres server writer: COPY FROM STDIN on a connection of its own, fed COPY text with
 * backpressure, so Node parses while Postgres loads on another core and memory stays flat.
 */
export async function openCopyWriter(pool: pg.Pool, plan: WriterPlan): Promise<DatasetWriter> {
  const client = await pool.connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  const run: SqlRunner = async (query) => {
    const { sql, params } = compile(query);
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  };
  let copy: ReturnType<typeof copyFrom>;
  try {
    await client.query("BEGIN");
    for (const statement of plan.setup) await run(statement);
    copy = client.query(copyFrom(compile(plan.copy("stdin")).sql));
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    release();
    throw err;
  }
  let copyError: Error | null = null;
  copy.on("error", (err: Error) => (copyError ??= err));

  return {
    async write(text) {
      if (copyError) throw copyError;
      if (!copy.write(text)) await once(copy, "drain");
    },
    async commit(finish) {
      try {
        copy.end();
        await finished(copy);
        const result = await finish(run);
        await client.query("COMMIT");
        release();
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        release();
        throw err;
      }
    },
    async abort() {
      // A COPY cut off half-way leaves the connection mid-protocol: discard it; the server
      // rolls the transaction back (table and all) when the connection closes.
      copy.destroy();
      release(new Error("dataset import aborted"));
    },
  };
}
