import { existsSync } from "node:fs";
import { ConfigError, loadConfig, type AppConfig } from "../app/lib/env.server";
import { openDatabase, type DatabaseHandle } from "../db/client";

/**
 * What every entry point (the server, `npm run demo`) does first: read `.env`, check the
 * configuration (a bad value stops the process naming the variable), open the database and
 * apply the migrations.
 */
export async function boot(): Promise<{ config: AppConfig; database: DatabaseHandle }> {
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
  const database = openDatabase(config.database);
  await database.migrate();
  return { config, database };
}
