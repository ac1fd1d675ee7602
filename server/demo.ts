/**
 * `npm run demo`: loads the demo project into the database `npm start` uses (DATABASE_URL, or
 * PGlite in DATA_DIR), for a demo user it creates or reuses, then prints how to log in.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "../app/lib/auth/password.server";
import { loadDemoProject } from "../app/lib/demo/load.server";
import { createServices } from "../app/lib/services.server";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { createCollabServer } from "./collab";
import { boot } from "./boot";

const DEMO_EMAIL = "demo@thicket.local";

/** The demo user: created with a fresh password, or reused (DEMO_PASSWORD resets its password). */
async function demoUser(db: Database): Promise<{ id: string; password: string | null; created: boolean }> {
  const wanted = process.env.DEMO_PASSWORD || null;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
  if (existing) {
    if (wanted) await db.update(users).set({ passwordHash: await hashPassword(wanted) }).where(eq(users.id, existing.id));
    return { id: existing.id, password: wanted, created: false };
  }
  const password = wanted ?? randomBytes(12).toString("base64url");
  const [user] = await db
    .insert(users)
    .values({ email: DEMO_EMAIL, name: "Demo user", passwordHash: await hashPassword(password) })
    .returning({ id: users.id });
  return { id: user!.id, password, created: true };
}

/** What to do when `npm start` holds the embedded database: the demo cannot write beside it. */
const IN_USE_HINT = [
  "To load the demo: stop the server (Ctrl+C where it runs), run `npm run demo`, then `npm start` again;",
  "or, with the server running, sign in and press Load demo project on the projects page.",
].join("\n");

async function main() {
  const { config, database } = await boot({ inUseHint: IN_USE_HINT });
  // The collaboration server's doc manager writes the documents' live state and projection;
  // closing it flushes everything before the process exits.
  const collab = createCollabServer(database.db);
  const services = createServices(database.db, config, collab.service);
  const started = Date.now();
  let loaded: { user: Awaited<ReturnType<typeof demoUser>>; projectId: string };
  try {
    const user = await demoUser(database.db);
    const { projectId } = await loadDemoProject(services, user.id);
    loaded = { user, projectId };
  } finally {
    await collab.close();
    await database.close();
  }
  const { user, projectId } = loaded;
  const where = config.database.kind === "pglite" ? `PGlite in ${config.database.dataDir}` : "the Postgres server in DATABASE_URL";
  console.log(`Demo project loaded into ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log("");
  console.log(`  Log in as: ${DEMO_EMAIL}`);
  if (user.password) console.log(`  Password:  ${user.password}`);
  else console.log("  Password:  unchanged (this user already existed; run with DEMO_PASSWORD=… to set a new one)");
  if (!user.created) console.log("  (Reused the existing demo user; the new project was added to their projects.)");
  console.log(`  Open:      http://localhost:${config.port}/projects/${projectId}/matrix`);
  console.log("");
  console.log("Start the app with `npm start` (or `npm run dev`) if it is not running.");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
