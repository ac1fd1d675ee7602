import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../db/client";

export type TestDbKind = "pglite" | "postgres";

/** The server-side database tests create their throwaway databases from (CI: the `test` db). */
export const adminDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function testDbKind(): TestDbKind {
  const kind = process.env.THICKET_TEST_DB ?? "pglite";
  if (kind !== "pglite" && kind !== "postgres") throw new Error(`THICKET_TEST_DB=${kind}?`);
  return kind;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The database's URL on the Postgres server (null on PGlite). */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: in-memory PGlite, or a new database on the Postgres server that
 * is dropped afterwards, so test files never see each other's rows.
 */
export async function createTestDatabase(kind: TestDbKind = testDbKind()): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = openDatabase({ kind: "pglite", dataDir: null });
    await handle.migrate();
    return { handle, url: null, drop: () => handle.close() };
  }
  const name = `thicket_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 });
  await handle.migrate();
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether the Postgres server answers, for deciding which database projects run. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
