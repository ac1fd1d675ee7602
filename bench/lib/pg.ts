import { randomBytes } from "node:crypto";
import pg from "pg";
import { onCleanup } from "./cleanup";

/** The local server's admin connection (trust auth over TCP). */
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty, uniquely named database; `drop()` removes it even if connections linger. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `thicket_bench_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`create database "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    unregister();
    await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
  };
  const unregister = onCleanup(drop);
  return { name, url: url.toString(), drop };
}
