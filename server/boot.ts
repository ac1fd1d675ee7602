import { existsSync } from "node:fs";
import { ConfigError, loadConfig, type AppConfig } from "../app/lib/env.server";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { DataDirInUseError } from "../db/data-dir-lock";

/**
 * What every entry point (the server, `npm run demo`) does first: read `.env`, check the
 * configuration (a bad value stops the process naming the variable), open the database and
 * apply the migrations. An embedded data directory another process owns stops it too, naming
 * that process, followed by `inUseHint` (what to do instead).
 */
export async function boot(opts: { inUseHint?: string } = {}): Promise<{ config: AppConfig; database: DatabaseHandle }> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  let database: DatabaseHandle;
  try {
    database = openDatabase(config.database);
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      console.error([err.message, opts.inUseHint].filter(Boolean).join("\n"));
      process.exit(1);
    }
    throw err;
  }
  await database.migrate();
  return { config, database };
}
