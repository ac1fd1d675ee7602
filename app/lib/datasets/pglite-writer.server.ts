import type { PGlite, Transaction } from "@electric-sql/pglite";
import { compile, type DatasetWriter, type SqlRunner, type WriterPlan } from "./writer.server";

/** PGlite loads a batch of COPY text per statement; a few MB keeps statement overhead small. */
const BATCH_CHARS = 4 << 20;

class Aborted extends Error {}

/**
 * The PGlite writer: one `client.transaction` held open for the whole import (PGlite runs one
 * transaction at a time, so nothing else interleaves), loading batches with COPY from a blob.
 */
export async function openPgliteWriter(client: PGlite, plan: WriterPlan): Promise<DatasetWriter> {
  let finishWith!: (job: ((tx: Transaction) => Promise<void>) | Aborted) => void;
  const outcome = new Promise<((tx: Transaction) => Promise<void>) | Aborted>((resolve) => (finishWith = resolve));
  let txReady!: (tx: Transaction) => void;
  const ready = new Promise<Transaction>((resolve) => (txReady = resolve));

  const done = client.transaction(async (tx) => {
    txReady(tx);
    const job = await outcome;
    if (job instanceof Aborted) throw job;
    await job(tx);
  });
  const tx = await Promise.race([ready, done.then(() => Promise.reject(new Error("transaction ended early")))]);

  const run: SqlRunner = async (query) => {
    const { sql, params } = compile(query);
    return (await tx.query<Record<string, unknown>>(sql, params)).rows;
  };
  const copySql = compile(plan.copy("blob")).sql;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async () => {
    if (pendingChars === 0) return;
    const blob = new Blob(pending);
    pending = [];
    pendingChars = 0;
    await tx.query(copySql, [], { blob });
  };

  try {
    for (const statement of plan.setup) await run(statement);
  } catch (err) {
    finishWith(new Aborted());
    await done.catch(() => {});
    throw err;
  }

  return {
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= BATCH_CHARS) await flush();
    },
    async commit(finish) {
      let result: Awaited<ReturnType<typeof finish>> | undefined;
      let failure: unknown = null;
      finishWith(async () => {
        try {
          await flush();
          result = await finish(run);
        } catch (err) {
          failure = err;
          throw err;
        }
      });
      try {
        await done;
      } catch (err) {
        throw failure ?? err;
      }
      return result as Awaited<ReturnType<typeof finish>>;
    },
    async abort() {
      pending = [];
      finishWith(new Aborted());
      await done.catch(() => {});
    },
  };
}
