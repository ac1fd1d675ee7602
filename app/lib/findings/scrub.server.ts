/**
 * Consent comes first: when a document is redacted or its contributor withdraws it, the quotes
 * that findings saved from it (and the frozen versions' copies) are cleared in the same
 * transaction, so nothing taken back survives in a finding, a report or a public link.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/client";
import type { ScrubReason } from "../../../db/finding-kinds";
import { findingEvidence } from "../../../db/schema";

export const WITHDRAWN_LABEL = "A withdrawn contribution";


/**
 * `containing`: for a redaction, only the quotes that hold the redacted text (a withdrawal
 * clears every quote of the document).
 */
export async function scrubQuotesOf(tx: Database, documentId: string, reason: ScrubReason, containing?: string): Promise<void> {
  const holds = (quote: SQL) => (containing === undefined ? sql`true` : sql`strpos(${quote}, ${containing}) > 0`);
  await tx
    .update(findingEvidence)
    // A withdrawn document's title goes too: it can name the person.
    .set({ quote: "", scrubbed: reason, ...(reason === "withdrawn" && { documentId: null, label: WITHDRAWN_LABEL }) })
    .where(and(eq(findingEvidence.documentId, documentId), holds(sql`${findingEvidence.quote}`)));
  // Frozen versions hold their evidence as JSON: clear the quote of each excerpt from this document.
  const cleared =
    reason === "withdrawn"
      ? JSON.stringify({ quote: "", savedQuote: null, documentTitle: null, documentId: null, label: WITHDRAWN_LABEL, state: "withdrawn" })
      : JSON.stringify({ quote: "", savedQuote: null, state: "redacted" });
  await tx.execute(sql`
    update finding_versions v
    set evidence = (
      select coalesce(jsonb_agg(case when e->>'documentId' = ${documentId} and ${holds(sql`coalesce(e->>'quote', '')`)} then e || ${cleared}::jsonb else e end order by i), '[]'::jsonb)
      from jsonb_array_elements(v.evidence) with ordinality as x(e, i)
    )
    where v.evidence @> ${JSON.stringify([{ documentId }])}::jsonb`);
}
