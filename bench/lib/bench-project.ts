import pg from "pg";
import { createBenchDatabase } from "./pg";
import { startThicket, type RunningServer } from "./thicket";
import { signupUser } from "./thicket-api";
import { getJson, postJson } from "./timing";

export interface BenchProject {
  server: RunningServer;
  /** A bare `pg` client on the bench database, connected: for seeding and baselines. */
  client: pg.Client;
  base: string;
  /** The owner's session cookie. */
  cookie: string;
  projectId: string;
  ownerId: string;
}

/**
 * The set-up the Postgres benches share: a fresh database, Thicket started on it (with `env`
 * added), an owner signed up with a project of `name`, and a bare client; all torn down after
 * `fn`, whatever it does.
 */
export async function withBenchProject<T>(
  serverRoot: string,
  opts: { name: string; env?: Record<string, string> },
  fn: (p: BenchProject) => Promise<T>,
): Promise<T> {
  const db = await createBenchDatabase();
  let server: RunningServer | null = null;
  const client = new pg.Client({ connectionString: db.url });
  try {
    server = await startThicket(serverRoot, { DATABASE_URL: db.url, ...opts.env });
    const base = server.baseUrl;
    const cookie = await signupUser(base, "owner@example.com", "correct horse battery", "Owner");
    const project = await postJson<{ id: string }>(base, cookie, "/api/v1/projects", { name: opts.name });
    const ownerId = (await getJson<{ user: { id: string } }>(base, cookie, "/api/v1/me")).json.user.id;
    await client.connect();
    return await fn({ server, client, base, cookie, projectId: project.id, ownerId });
  } finally {
    await client.end().catch(() => {});
    await server?.service.stop();
    await db.drop();
  }
}
