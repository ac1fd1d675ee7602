/**
 * The baseline for the submissions bench: POST /api/v1/forms/:formId/submissions with no
 * framework at all. It does the durable part of Thicket's job for a public form: parse the
 * JSON, check consent and the story, look up the form's current version (same join), mask the
 * story with the same pure `redact` function, and insert the document row and the submission
 * row in one transaction, into the same tables, over a pg.Pool of 10. It keeps no Y.Doc, writes
 * no update log row and has no rate limiter. PORT and DATABASE_URL come from the environment.
 */
import { createHash, randomBytes } from "node:crypto";
import type http from "node:http";
import { baselinePool, sendJson, serveBaseline } from "./lib/baseline-server";
import { redact } from "../app/lib/contributions/redact";
import { newId } from "../db/ids";

const FORM_QUERY =
  "select f.project_id, f.status, v.id as version_id, v.title from intake_forms f " +
  "inner join intake_form_versions v on v.form_id = f.id and v.version = f.current_version where f.id = $1";

const INSERT_DOCUMENT =
  "insert into documents (id, project_id, title, kind, case_key, attributes, text) values ($1, $2, $3, 'story', $4, $5, $6)";

const INSERT_SUBMISSION =
  "insert into submissions (id, project_id, form_id, form_version_id, document_id, receipt_token_hash, status, values, submitted_at) " +
  "values ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)";

const ROUTE = /^\/api\/v1\/forms\/([A-Za-z0-9_-]{1,64})\/submissions$/;
const MAX_BODY_BYTES = 1_048_576;

interface FormRow {
  project_id: string;
  status: string;
  version_id: string;
  title: string;
}

interface Body {
  consent?: unknown;
  values?: { story?: unknown; customer?: unknown; minutes?: unknown };
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

const send = sendJson;

async function readBody(req: http.IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, "payload_too_large");
    chunks.push(chunk);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    if (typeof body === "object" && body !== null) return body as Body;
  } catch {
    // answered below
  }
  throw new Refusal(400, "invalid_json");
}

const pool = baselinePool();

async function submit(req: http.IncomingMessage, res: http.ServerResponse, formId: string) {
  const body = await readBody(req);
  if (body.consent !== true) throw new Refusal(422, "consent_required");
  const { story, customer, minutes } = body.values ?? {};
  if (typeof story !== "string" || story.trim() === "") throw new Refusal(422, "invalid_field");
  const form = (await pool.query<FormRow>(FORM_QUERY, [formId])).rows[0];
  if (!form) throw new Refusal(404, "not_found");
  if (form.status === "closed") throw new Refusal(410, "form_closed");

  const text = redact(story).text;
  const caseKey = typeof customer === "string" ? customer : null;
  const attributes = typeof minutes === "number" ? { minutes } : {};
  const now = new Date();
  const title = `${form.title} · ${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const documentId = newId();
  const token = randomBytes(32).toString("base64url");
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const values = { story: text, ...(caseKey !== null ? { customer: caseKey } : {}), ...attributes };

  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(INSERT_DOCUMENT, [documentId, form.project_id, title, caseKey, attributes, text]);
    await client.query(INSERT_SUBMISSION, [newId(), form.project_id, formId, form.version_id, documentId, tokenHash, values, now]);
    await client.query("commit");
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
  send(res, 201, { documentId, receipt: { token, url: `${origin}/receipts/${token}` } });
}

/** A refusal answers its own status; anything else is the shared 500. */
async function submitOrRefuse(req: http.IncomingMessage, res: http.ServerResponse, formId: string) {
  try {
    await submit(req, res, formId);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    if (!res.headersSent) send(res, err.status, { error: { code: err.code } });
  }
}

serveBaseline(pool, 3101, (req, res) => {
  const match = req.method === "POST" ? ROUTE.exec(req.url ?? "") : null;
  return match ? submitOrRefuse(req, res, match[1]!) : false;
});
