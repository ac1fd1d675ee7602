import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Writable } from "node:stream";
import { CopyFeed } from "./copy-feed.server";
import type { ValueScanner } from "./value-scanner.server";
import { compile, type DatasetWriter, type SqlRunner } from "./writer.server";
import type { SQL } from "drizzle-orm";

/** Why Postgres did not load the file as sent; the caller then reads the spool to find out more. */
export type CopyRefusal =
  | { kind: "rejected"; message: string; line: number | null }
  /** A `\.` line, which this server would take as the end of the data. */
  | { kind: "end-marker" }
  /** Values or quoting Postgres would take but the JS rules would not (value-scanner.server.ts). */
  | { kind: "unlike-js" };

export type CopyOutcome =
  | { ok: true; rowCount: number; commit: DatasetWriter["commit"] }
  | { ok: false; refusal: CopyRefusal };

/** Waits until `stream` wants more, or has failed (the failure is picked up by the caller). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("error", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("error", done);
    stream.on("close", done);
  });
}

function refusalOf(err: unknown): CopyRefusal {
  const { message, where } = err as { message?: string; where?: string };
  const line = /\bline (\d+)/.exec(where ?? "");
  return { kind: "rejected", message: String(message ?? err), line: line ? Number(line[1]) : null };
}

/**
 * The Postgres fast path: in one transaction on a connection of its own, runs `setup` (CREATE
 * TABLE), streams the upload's raw bytes into `copy` (COPY … FROM STDIN, CSV) with
 * backpressure, so Postgres parses every value itself, while a ValueScanner checks
 * the same bytes against the JS rules Postgres does not apply. `chunks` is read to its end even
 * after Postgres has refused the data, so the spool behind it holds the whole upload.
 *
 * Loaded: `commit` runs the finishing statements in the same transaction and commits.
 * Refused: the transaction is gone (the connection is discarded) and the refusal says why.
 * An error from `chunks` itself (a 413) also discards everything and is rethrown.
 */
export async function copyCsv(
  pool: pg.Pool,
  steps: { setup: SQL[]; copy: SQL; scanner: ValueScanner },
  chunks: AsyncIterable<Buffer>,
): Promise<CopyOutcome> {
  const client = await pool.connect();
  let released = false;
  // A COPY cut off half-way leaves the connection mid-protocol: it is discarded, and the
  // server rolls the transaction back (table and all) when it closes.
  const discard = () => {
    if (released) return;
    released = true;
    client.release(new Error("dataset COPY abandoned"));
  };
  const run: SqlRunner = async (query) => {
    const { sql, params } = compile(query);
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  };

  let copy: ReturnType<typeof copyFrom>;
  let refused: unknown = null;
  try {
    await client.query("BEGIN");
    for (const statement of steps.setup) await run(statement);
    copy = client.query(copyFrom(compile(steps.copy).sql));
    copy.on("error", (err: Error) => (refused ??= err));
  } catch (err) {
    discard();
    throw err;
  }

  const feed = new CopyFeed();
  const { scanner } = steps;
  const stopped = () => refused || feed.endMarker || scanner.failed;
  const send = async (pieces: Buffer[]) => {
    for (const piece of pieces) {
      scanner.push(piece);
      if (stopped()) return;
      if (!copy.write(piece)) await drained(copy);
    }
  };
  try {
    for await (const chunk of chunks) {
      if (stopped()) continue; // keep reading: the spool needs the rest
      await send(feed.push(chunk));
    }
    await send(feed.end());
    scanner.end();
  } catch (err) {
    copy.destroy();
    discard();
    throw err;
  }

  if (!stopped()) {
    const ended = new Promise<void>((resolve) => copy.once("finish", resolve));
    copy.end();
    await Promise.race([ended, new Promise((resolve) => copy.once("error", resolve))]);
  }

  if (stopped()) {
    copy.destroy();
    discard();
    const refusal: CopyRefusal = refused ? refusalOf(refused) : feed.endMarker ? { kind: "end-marker" } : { kind: "unlike-js" };
    return { ok: false, refusal };
  }

  return {
    ok: true,
    rowCount: copy.rowCount,
    async commit(finish) {
      try {
        const result = await finish(run);
        await client.query("COMMIT");
        released = true;
        client.release();
        return result;
      } catch (err) {
        discard();
        throw err;
      }
    },
  };
}
