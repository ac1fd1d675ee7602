/**
 * Full-text search over a project's documents in analysis. Postgres finds the documents (a GIN
 * expression index on to_tsvector('simple', text), migration 0007), then the exact ranges of
 * each occurrence are found in JS on the document's text, so they are UTF-16 offsets that
 * codings and the editor share. Works alike on a Postgres server and embedded PGlite.
 */
import { sql, type SQL } from "drizzle-orm";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { queryRows } from "../datasets/query.server";
import type { AppServices } from "../services.server";
import { findMatches, kwic, parseQuery, positiveTerms, type KwicHit, type SearchTerm } from "./kwic";



export interface SearchHit extends KwicHit {
  documentId: string;
  documentTitle: string;
}
export interface SearchDocument {
  id: string;
  title: string;
  hits: number;
}
export interface SearchResult {
  query: string;
  total: number;
  offset: number;
  limit: number;
  documents: SearchDocument[];
  hits: SearchHit[];
}

/** A tsquery for one term; user words only ever reach Postgres as parameters. */
function termQuery(term: SearchTerm): SQL {
  const words = term.words;
  let q: SQL;
  if (term.prefix) {
    // Letters and digits only (see parseQuery), so `word:*` cannot carry tsquery operators.
    const last = sql`to_tsquery('simple', ${`${words[words.length - 1]}:*`})`;
    q = words.length > 1 ? sql`(plainto_tsquery('simple', ${words.slice(0, -1).join(" ")}) && ${last})` : last;
  } else {
    q = words.length > 1 ? sql`phraseto_tsquery('simple', ${words.join(" ")})` : sql`plainto_tsquery('simple', ${words[0]})`;
  }
  return term.negated ? sql`(!! ${q})` : q;
}

export const isSearchable = (q: string) => positiveTerms(parseQuery(q)).length > 0;

interface DocRow {
  id: string;
  title: string;
  text: string;
}

/** Every document of the project in analysis that holds the query, with its hits, by title. */
export async function searchAll(services: AppServices, projectId: string, q: string) {
  const terms = parseQuery(q);
  if (!positiveTerms(terms).length) return [];
  await services.collab.flush();
  const tsq = sql.join(terms.map(termQuery), sql` && `);
  const rows = await queryRows<DocRow>(
    services.db,
    sql`select d.id, d.title, d.text from documents d
        where d.project_id = ${projectId} and ${inAnalysis("d")}
          and to_tsvector('simple'::regconfig, d.text) @@ (${tsq})
        order by d.title, d.id`,
  );
  return rows
    .map((d) => ({ ...d, ranges: findMatches(d.text, terms) }))
    .filter((d) => d.ranges.length > 0);
}

export async function searchProject(
  services: AppServices,
  projectId: string,
  q: string,
  page: { offset: number; limit: number },
): Promise<SearchResult> {
  const docs = await searchAll(services, projectId, q);
  const hits: SearchHit[] = [];
  let seen = 0;
  const end = page.offset + page.limit;
  for (const d of docs) {
    for (const [s, e] of d.ranges) {
      if (seen >= page.offset && seen < end) hits.push({ documentId: d.id, documentTitle: d.title, ...kwic(d.text, s, e) });
      seen++;
    }
  }
  return {
    query: q,
    total: seen,
    offset: page.offset,
    limit: page.limit,
    documents: docs.map((d) => ({ id: d.id, title: d.title, hits: d.ranges.length })),
    hits,
  };
}
