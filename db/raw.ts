import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { Database } from "./client";

/**
 * The driver under a Database, for the few jobs drizzle cannot do: streaming COPY into a
 * dataset table on a Postgres server, batched inserts on PGlite. Everything else goes through
 * drizzle.
 */
export type RawDriver = { kind: "postgres"; pool: pg.Pool } | { kind: "pglite"; client: PGlite };

// Shared through globalThis: the server build bundles its own copy of this module, while the
// process that opened the database (server/main.ts, the tests) uses the source one.
const registry = globalThis as unknown as Record<symbol, WeakMap<Database, RawDriver> | undefined>;
const key = Symbol.for("thicket.rawDrivers");
const drivers = (registry[key] ??= new WeakMap<Database, RawDriver>());

export function registerRawDriver(db: Database, driver: RawDriver): void {
  drivers.set(db, driver);
}

export function rawDriver(db: Database): RawDriver {
  const driver = drivers.get(db);
  if (!driver) throw new Error("This Database was not opened with openDatabase().");
  return driver;
}
