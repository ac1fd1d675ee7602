import { Link } from "@remix-run/react";
import type { SearchDocument, SearchHit } from "~/lib/search/search.server";

/**
 * Search hits as keyword-in-context lines, grouped by document. User text only ever goes in
 * as React text nodes; each line opens the document in the editor on that range.
 */
export function KwicResults(props: { projectId: string; hits: SearchHit[]; documents: SearchDocument[] }) {
  const counts = new Map(props.documents.map((d) => [d.id, d.hits]));
  const groups: Array<{ id: string; title: string; hits: SearchHit[] }> = [];
  for (const hit of props.hits) {
    const last = groups[groups.length - 1];
    if (last?.id === hit.documentId) last.hits.push(hit);
    else groups.push({ id: hit.documentId, title: hit.documentTitle, hits: [hit] });
  }
  return (
    <div className="kwic">
      {groups.map((g) => (
        <section key={`${g.id}:${g.hits[0]!.start}`} aria-label={g.title}>
          <h3>
            {g.title} <span className="muted">({counts.get(g.id) ?? g.hits.length} hits)</span>
          </h3>
          <ul style={{ listStyle: "none", padding: 0, fontFamily: "monospace" }}>
            {g.hits.map((h) => (
              <li key={h.start} style={{ display: "flex", whiteSpace: "pre" }}>
                <Link
                  to={`/projects/${props.projectId}/documents/${h.documentId}?from=${h.start}&to=${h.end}`}
                  style={{ display: "flex", width: "100%", color: "inherit" }}
                  data-testid="kwic-line"
                >
                  <span style={{ flex: "1 1 0", textAlign: "right", overflow: "hidden", direction: "rtl" }}>
                    <bdi>{h.before}</bdi>
                  </span>
                  <mark style={{ fontWeight: "bold" }}>{h.match}</mark>
                  <span style={{ flex: "1 1 0", overflow: "hidden" }}>{h.after}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
