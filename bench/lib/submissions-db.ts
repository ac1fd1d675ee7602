/** What the submissions bench checks and counts in its database, over a direct pg connection. */
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface RowCounts {
  submissions: number;
  documents: number;
  /** Documents of the project whose Y.Doc state is stored (a snapshot or update log rows). */
  documentsWithState: number;
}

export function countRows(url: string, projectId: string, formId: string): Promise<RowCounts> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ submissions: number; documents: number; logged: number }>(
      "select (select count(*)::int from submissions where form_id = $2) as submissions, " +
        "(select count(*)::int from documents where project_id = $1) as documents, " +
        "(select count(*)::int from documents d where d.project_id = $1 and (" +
        "exists (select 1 from doc_snapshots s where s.doc_name = d.id) or " +
        "exists (select 1 from doc_updates u where u.doc_name = d.id))) as logged",
      [projectId, formId],
    );
    const row = rows[0]!;
    return { submissions: row.submissions, documents: row.documents, documentsWithState: row.logged };
  });
}

/**
 * Counts once the server has finished what it was sent: polls until `expected` submissions are
 * stored, or the counts stop changing for a second.
 */
export async function settledRows(url: string, projectId: string, formId: string, expected: number): Promise<RowCounts> {
  let last = await countRows(url, projectId, formId);
  let stableSince = Date.now();
  while (last.submissions < expected && Date.now() - stableSince < 1000) {
    await sleep(100);
    const next = await countRows(url, projectId, formId);
    if (JSON.stringify(next) !== JSON.stringify(last)) stableSince = Date.now();
    last = next;
  }
  return last;
}

/** Masked text is what must be stored: the document's text holds the placeholders and no address. */
export async function checkStoredMasked(url: string, documentId: string): Promise<void> {
  const text = await withClient(url, async (c) => {
    const { rows } = await c.query<{ text: string }>("select text from documents where id = $1", [documentId]);
    return rows[0]?.text;
  });
  if (text === undefined) throw new Error(`document ${documentId} was not stored`);
  if (!text.includes("[EMAIL]") || !text.includes("[PHONE]") || text.includes("@") || text.includes("900123")) {
    throw new Error(`document ${documentId} is not masked as expected: ${text.slice(0, 300)}`);
  }
}

/** Empties the tables submissions fill, so the next server starts from the same empty tables. */
export function emptySubmissionTables(url: string): Promise<void> {
  return withClient(url, async (c) => {
    await c.query("truncate submissions, documents, doc_updates, doc_snapshots cascade");
  });
}

/**
 * Transactions committed in the database so far. Backends report their counts when they exit
 * (or at most every few seconds while busy), so read it only once the server has stopped.
 */
export async function committedTransactions(url: string, database: string): Promise<number> {
  await sleep(300); // let the stopped server's backends exit and report
  return withClient(url, async (c) => {
    await c.query("select pg_stat_clear_snapshot()");
    const { rows } = await c.query<{ n: string }>("select xact_commit::text as n from pg_stat_database where datname = $1", [
      database,
    ]);
    return Number(rows[0]?.n ?? 0);
  });
}
