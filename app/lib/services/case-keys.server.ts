import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { documents } from "../../../db/schema";
import { HttpError } from "../http/errors.server";
import { recordAudit } from "./audit.server";
import type { AppServices } from "../services.server";

/** One data line of a case-key CSV: which document, and the key it should carry. */
export interface CaseKeyLine {
  /** 1-based line of the file, as an editor shows it. */
  line: number;
  /** A document id or an exact title, as written. */
  document: string;
  /** The new key; null clears it. */
  caseKey: string | null;
}

export interface CaseKeyChange {
  line: number;
  documentId: string;
  title: string;
  from: string | null;
  to: string | null;
}

/** What applying a CSV would do (the preview), or did. */
export interface CaseKeyPlan {
  changes: CaseKeyChange[];
  unchanged: CaseKeyChange[];
  unmatched: { line: number; document: string }[];
  /** A title that several documents share: it is not guessed which one was meant. */
  ambiguous: { line: number; document: string; matches: number }[];
}

/** API.md-style answer of POST /projects/:id/case-keys. */
export interface CaseKeyResult {
  updated: number;
  unchanged: number;
  unmatched: CaseKeyPlan["unmatched"];
  ambiguous: CaseKeyPlan["ambiguous"];
}

export const MAX_CASE_KEY_LINES = 20_000;
const MAX_KEY_LENGTH = 200;
const DOCUMENT_HEADERS = new Set(["document", "documentid", "document_id", "document id", "id", "title"]);
const KEY_HEADERS = new Set(["casekey", "case_key", "case key", "key"]);

const badCsv = (message: string) => new HttpError(400, "invalid_csv", message);

/**
 * Parses `document,caseKey` lines. A first row that names the columns is recognised and
 * skipped; blank lines are ignored; anything else that is not two columns is a 400 naming the
 * line, since guessing what a malformed line meant could put a key on the wrong document.
 */
export function parseCaseKeyCsv(text: string): CaseKeyLine[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended in the file.
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw badCsv(`The CSV could not be read${e.lines ? ` at line ${e.lines}` : ""}: ${e.message ?? "malformed"}.`);
  }
  if (records.length > MAX_CASE_KEY_LINES + 1) {
    throw badCsv(`The CSV has more than ${MAX_CASE_KEY_LINES.toLocaleString("en-GB")} lines: split it.`);
  }
  const out: CaseKeyLine[] = [];
  records.forEach(({ record, info }, i) => {
    const cells = record.length === 3 && record[2] === "" ? record.slice(0, 2) : record; // a trailing comma
    if (i === 0 && cells.length === 2 && isHeader(cells[0]!, cells[1]!)) return;
    if (cells.length === 1 && cells[0] === "") return;
    if (cells.length !== 2) {
      const hint = cells.length > 2 ? ": put a title that contains a comma in double quotes" : "";
      throw badCsv(`Line ${info.lines}: expected two columns (document, case key), found ${cells.length}${hint}.`);
    }
    const [document, key] = cells as [string, string];
    if (document === "") throw badCsv(`Line ${info.lines}: the document column is empty.`);
    if (key.length > MAX_KEY_LENGTH) throw badCsv(`Line ${info.lines}: a case key holds at most ${MAX_KEY_LENGTH} characters.`);
    out.push({ line: info.lines, document, caseKey: key === "" ? null : key });
  });
  if (out.length === 0) throw badCsv("The CSV has no lines of document and case key.");
  return out;
}

function isHeader(first: string, second: string) {
  return DOCUMENT_HEADERS.has(first.toLowerCase()) && KEY_HEADERS.has(second.toLowerCase());
}

/**
 * Matches each line to a document of the project: by id first, else by exact title. A
 * document named twice with different keys is a 400 (which line should win is not ours to say).
 */
export async function planCaseKeys(db: Database, projectId: string, lines: CaseKeyLine[]): Promise<CaseKeyPlan> {
  const docs = await db
    .select({ id: documents.id, title: documents.title, caseKey: documents.caseKey })
    .from(documents)
    .where(eq(documents.projectId, projectId));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const byTitle = new Map<string, typeof docs>();
  for (const d of docs) byTitle.set(d.title, [...(byTitle.get(d.title) ?? []), d]);

  const plan: CaseKeyPlan = { changes: [], unchanged: [], unmatched: [], ambiguous: [] };
  const seen = new Map<string, CaseKeyLine>();
  for (const line of lines) {
    const titled = byTitle.get(line.document) ?? [];
    const doc = byId.get(line.document) ?? (titled.length === 1 ? titled[0] : undefined);
    if (!doc) {
      if (titled.length > 1) plan.ambiguous.push({ line: line.line, document: line.document, matches: titled.length });
      else plan.unmatched.push({ line: line.line, document: line.document });
      continue;
    }
    const earlier = seen.get(doc.id);
    if (earlier) {
      if (earlier.caseKey === line.caseKey) continue;
      throw badCsv(`Line ${line.line}: “${doc.title}” was already given the key “${earlier.caseKey ?? ""}” on line ${earlier.line}.`);
    }
    seen.set(doc.id, line);
    const change = { line: line.line, documentId: doc.id, title: doc.title, from: doc.caseKey, to: line.caseKey };
    (doc.caseKey === line.caseKey ? plan.unchanged : plan.changes).push(change);
  }
  return plan;
}

/** Writes the matched changes, all or none, in one statement per thousand documents. */
async function writeChanges(db: Database, changes: CaseKeyChange[]) {
  for (let i = 0; i < changes.length; i += 1000) {
    const values = sql.join(
      changes.slice(i, i + 1000).map((c) => sql`(${c.documentId}::text, ${c.to}::text)`),
      sql`, `,
    );
    await db.execute(sql`
      update ${documents} set case_key = v.case_key, updated_at = now()
      from (values ${values}) as v(id, case_key)
      where ${documents.id} = v.id`);
  }
}

/**
 * Sets case keys from a CSV in one transaction: the matching is done inside it, so the
 * preview's counts are what happened. Unmatched and ambiguous lines are reported, not fatal.
 */
export async function applyCaseKeys(services: AppServices, projectId: string, actorId: string, csv: string): Promise<CaseKeyResult> {
  const lines = parseCaseKeyCsv(csv);
  return services.db.transaction(async (tx) => {
    const plan = await planCaseKeys(tx as unknown as Database, projectId, lines);
    await writeChanges(tx as unknown as Database, plan.changes);
    // Case keys decide which cases every segment and finding counts: who changed them is kept.
    if (plan.changes.length > 0) {
      await recordAudit(tx, { projectId, actorId, action: "documents.case_keys_set", detail: { updated: plan.changes.length } });
    }
    return { updated: plan.changes.length, unchanged: plan.unchanged.length, unmatched: plan.unmatched, ambiguous: plan.ambiguous };
  });
}

/** The preview the page shows before anything is written. */
export async function previewCaseKeys(services: AppServices, projectId: string, csv: string): Promise<CaseKeyPlan> {
  return planCaseKeys(services.db, projectId, parseCaseKeyCsv(csv));
}
