/**
 * The baseline for the api-projects bench: GET /api/v1/projects with no framework at all.
 * It does the job Thicket does for that route (read the session cookie, SHA-256 it, resolve
 * the session, list the user's projects with the same SQL) over a pg.Pool of 10, and answers
 * the same JSON. Run as its own process: PORT and DATABASE_URL come from the environment.
 */
import { createHash } from "node:crypto";
import type http from "node:http";
import { baselinePool, sendJson, serveBaseline } from "./lib/baseline-server";

const SESSION_QUERY =
  "select sessions.expires_at, users.id, users.email, users.name from sessions " +
  "inner join users on users.id = sessions.user_id where sessions.id = $1 limit 1";

const PROJECTS_QUERY =
  "select p.id, p.name, p.description, pm.role, p.created_at, " +
  "(select count(*)::int from project_members m where m.project_id = p.id) as member_count " +
  "from project_members pm inner join projects p on p.id = pm.project_id " +
  "where pm.user_id = $1 order by p.name asc, p.id asc";

const TOKEN_PATTERN = /^[a-z2-7]{16,64}$/;

interface SessionRow {
  expires_at: Date;
  id: string;
}

interface ProjectRow {
  id: string;
  name: string;
  role: string;
}

function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== "thicket_session") continue;
    const value = decodeURIComponent(part.slice(eq + 1).trim());
    return TOKEN_PATTERN.test(value) ? value : null;
  }
  return null;
}

const send = sendJson;

const pool = baselinePool();

async function listProjects(req: http.IncomingMessage, res: http.ServerResponse) {
  const token = sessionToken(req.headers.cookie);
  if (!token) return send(res, 401, { error: { code: "unauthorized" } });
  const sessionId = createHash("sha256").update(token).digest("hex");
  const session = await pool.query<SessionRow>(SESSION_QUERY, [sessionId]);
  const row = session.rows[0];
  if (!row || row.expires_at.getTime() <= Date.now()) return send(res, 401, { error: { code: "unauthorized" } });
  const projects = await pool.query<ProjectRow>(PROJECTS_QUERY, [row.id]);
  send(res, 200, { projects: projects.rows.map(({ id, name, role }) => ({ id, name, role })) });
}

serveBaseline(pool, 3100, (req, res) =>
  req.method === "GET" && req.url === "/api/v1/projects" ? listProjects(req, res) : false,
);
