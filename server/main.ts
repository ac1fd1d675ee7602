import type { AppConfig } from "../app/lib/env.server";
import { createAppServer } from "./app";
import { boot } from "./boot";

function describeDatabase(config: AppConfig): string {
  if (config.database.kind === "pglite") return `embedded PGlite in ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  return `Postgres at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

async function main() {
  const { config, database } = await boot();
  const app = await createAppServer({
    config,
    db: database.db,
    dev: config.nodeEnv === "development",
  });
  app.server.listen(config.port, config.host, () => {
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    database.recordUrl(url);
    console.log(`Thicket is running at ${url} (database: ${describeDatabase(config)})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
