/**
 * Code frequencies: per code, how many codings and in how many documents, overall and per
 * column — each document, or each value of a document attribute (a crosstab). Reads the
 * codings projection, documents in analysis only.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { codes } from "../../../db/schema";
import { inAnalysis } from "../contributions/analysis-scope.server";
import { hierarchyOrder } from "../datasets/matrix.server";
import { queryRows } from "../datasets/query.server";
import { HttpError } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { documentScope } from "./cooccurrence.server";
import { NO_VALUE_LABEL, type FrequenciesQuery, type FrequencyGrouping } from "./frequencies-query";

export interface FrequencyColumn {
  /** The document id, or the attribute value as text; null is the "(no value)" column. */
  key: string | null;
  label: string;
  /** Documents in the column (coded or not): what the counts are out of. */
  documents: number;
}
export interface FrequencyCode {
  id: string;
  name: string;
  parentId: string | null;
  color: string;
  codings: number;
  documents: number;
}
/** Only non-empty cells are listed. */
export interface FrequencyCell {
  codeId: string;
  column: string | null;
  codings: number;
  documents: number;
}
export interface Frequencies {
  by: "document" | "attribute";
  attribute: string | null;
  /** The attribute names the project's documents in analysis carry, for a picker. */
  attributes: string[];
  columns: FrequencyColumn[];
  codes: FrequencyCode[];
  cells: FrequencyCell[];
  totals: { documents: number; codings: number };
}

/** The column a document falls in. An attribute that is missing, null or blank is "no value". */
function columnSql(by: FrequencyGrouping): SQL {
  return by.kind === "document" ? sql`d.id` : sql`nullif(btrim(d.attributes ->> ${by.name}::text), '')`;
}

async function attributeNames(services: AppServices, projectId: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    services.db,
    sql`select distinct k.name as "name"
        from documents d cross join lateral jsonb_object_keys(case when jsonb_typeof(d.attributes) = 'object' then d.attributes else '{}'::jsonb end) as k(name)
        where d.project_id = ${projectId} and ${inAnalysis("d")}`,
  );
  return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b));
}

const byValue = (a: FrequencyColumn, b: FrequencyColumn) =>
  a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label, undefined, { numeric: true });

export async function frequencies(services: AppServices, projectId: string, query: FrequenciesQuery): Promise<Frequencies> {
  // API reads show the live state: write any codings still waiting for the projection.
  await services.collab.flush();
  const [scope, attributes] = await Promise.all([
    documentScope(services, projectId, query.documents),
    attributeNames(services, projectId),
  ]);
  const { by } = query;
  if (by.kind === "attribute" && !attributes.includes(by.name)) {
    const message = `no document in analysis has an attribute named "${by.name}".`;
    throw new HttpError(400, "invalid_request", `by: ${message}`, {}, { by: message });
  }
  const column = columnSql(by);
  const [codeRows, columnRows, countRows] = await Promise.all([
    services.db
      .select({ id: codes.id, name: codes.name, parentId: codes.parentId, color: codes.color })
      .from(codes)
      .where(eq(codes.projectId, projectId)),
    queryRows<{ key: string | null; label: string; documents: number }>(
      services.db,
      sql`select ${column} as "key", min(d.title) as "label", count(*)::int as "documents"
          from documents d where ${scope} group by 1`,
    ),
    // Every count in one grouped pass over the codings of the documents in scope.
    queryRows<FrequencyCell>(
      services.db,
      sql`select c.code_id as "codeId", ${column} as "column", count(*)::int as "codings",
                 count(distinct c.document_id)::int as "documents"
          from codings c join documents d on d.id = c.document_id
          where not c.orphaned and ${scope}
          group by 1, 2`,
    ),
  ]);
  const columns: FrequencyColumn[] = columnRows
    .map((r) => ({ key: r.key, label: by.kind === "document" ? r.label : (r.key ?? NO_VALUE_LABEL), documents: r.documents }))
    .sort(by.kind === "document" ? (a, b) => a.label.localeCompare(b.label) || String(a.key).localeCompare(String(b.key)) : byValue);
  const known = new Set(codeRows.map((c) => c.id));
  const cells = countRows.filter((cell) => known.has(cell.codeId));
  // A document sits in exactly one column, so a code's totals are its cells' sums.
  const totals = new Map<string, { codings: number; documents: number }>();
  for (const cell of cells) {
    const t = totals.get(cell.codeId) ?? { codings: 0, documents: 0 };
    totals.set(cell.codeId, { codings: t.codings + cell.codings, documents: t.documents + cell.documents });
  }
  return {
    by: by.kind,
    attribute: by.kind === "attribute" ? by.name : null,
    attributes,
    columns,
    codes: hierarchyOrder(codeRows).map((c) => ({ ...c, ...(totals.get(c.id) ?? { codings: 0, documents: 0 }) })),
    cells,
    totals: {
      documents: columns.reduce((n, c) => n + c.documents, 0),
      codings: cells.reduce((n, c) => n + c.codings, 0),
    },
  };
}
