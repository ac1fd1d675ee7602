import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import { registerRawDriver } from "./raw";
import * as schema from "./schema";

/** One query layer over both drivers: queries are written once against this type. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir: null` keeps the embedded database in memory (tests). */
  | { kind: "pglite"; dataDir: string | null };

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseTarget["kind"];
  /** Applies the committed migrations under db/migrations. */
  migrate(): Promise<void>;
  /**
   * PGlite in a directory: records in its lock where this process serves, so that another
   * process refused the directory is told. Does nothing otherwise.
   */
  recordUrl(url: string): void;
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection dropped by the server (a restart, a failover) is replaced on the next
    // query; without a listener the pool's error event would crash the process.
    pool.on("error", (err) => console.error("postgres: idle connection lost:", err.message));
    const db = drizzlePg(pool, { schema });
    registerRawDriver(db as unknown as Database, { kind: "postgres", pool });
    return {
      db: db as unknown as Database,
      kind: "postgres",
      migrate: () => migratePg(db, { migrationsFolder }),
      recordUrl: () => {},
      close: () => pool.end(),
    };
  }
  // One process per directory: a second one would write to a copy of its own and lose it all.
  // Taken before PGlite touches the directory; throws DataDirInUseError naming the owner.
  const lock = target.dataDir ? lockDataDir(target.dataDir) : null;
  const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  const db = drizzlePglite(client, { schema });
  registerRawDriver(db as unknown as Database, { kind: "pglite", client });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    recordUrl: (url) => lock?.setUrl(url),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
