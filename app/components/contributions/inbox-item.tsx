import { Link, useFetcher } from "@remix-run/react";
import { documentKindLabels, type DocumentKind, type SubmissionStatus } from "../../../db/kinds";
import { LocalTime } from "../documents/local-time";
import { inboxStatusLabels } from "./contribution-status";
import { RejectDialog } from "./reject-dialog";
import { TagEditor } from "./tag-editor";

export interface InboxRow {
  id: string;
  formTitle: string;
  formVersion: number;
  documentId: string | null;
  documentTitle: string | null;
  kind: DocumentKind | null;
  caseKey: string | null;
  excerpt: string | null;
  length: number | null;
  status: SubmissionStatus;
  tags: string[];
  rejectReason: string | null;
  submittedAt: string | Date;
  decidedAt: string | Date | null;
  submitterName: string | null;
  deciderName: string | null;
}

interface Failure {
  ok: false;
  message: string;
}

/** One contribution in the inbox: what it says, where it came from, and the decisions on it. */
export function InboxItem({ item, projectId, knownTags }: { item: InboxRow; projectId: string; knownTags: string[] }) {
  const fetcher = useFetcher<Failure | { ok: true }>();
  const busy = fetcher.state !== "idle";
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const withdrawn = item.status === "withdrawn";
  const title = item.documentTitle ?? item.formTitle;
  const decide = (intent: "accept" | "pending", label: string, className = "btn btn--small") => (
    <fetcher.Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="submissionId" value={item.id} />
      <button type="submit" className={className} disabled={busy}>
        {label}
      </button>
    </fetcher.Form>
  );
  return (
    <li className={`inbox-item inbox-item--${item.status}`} data-testid="inbox-item" aria-busy={busy}>
      <div className="inbox-item__head">
        <span className={`status-pill status-pill--${item.status}`}>{inboxStatusLabels[item.status]}</span>
        <h3 className="inbox-item__title">
          {item.documentId ? <Link to={`/projects/${projectId}/documents/${item.documentId}`}>{title}</Link> : title}
        </h3>
      </div>
      <p className="meta">
        <span>
          {item.formTitle} <span title="Form version">v{item.formVersion}</span>
        </span>
        <span>·</span>
        <LocalTime value={item.submittedAt} />
        <span>·</span>
        <span>{item.submitterName ? `from ${item.submitterName}` : "anonymous"}</span>
        {item.kind ? <span className={`kind kind--${item.kind}`}>{documentKindLabels[item.kind]}</span> : null}
        {item.caseKey ? <code className="case-key" title="Case key">{item.caseKey}</code> : null}
      </p>
      {withdrawn ? (
        <p className="inbox-item__excerpt inbox-item__excerpt--gone">Withdrawn by the contributor: its text and everything made from it are deleted.</p>
      ) : (
        <p className="inbox-item__excerpt">
          {item.excerpt}
          {item.length !== null && item.excerpt !== null && item.length > item.excerpt.length ? "…" : ""}
        </p>
      )}
      {item.status === "rejected" && item.rejectReason ? (
        <p className="inbox-item__reason">
          <span className="meta">Rejected{item.deciderName ? ` by ${item.deciderName}` : ""}:</span> {item.rejectReason}
        </p>
      ) : item.status === "accepted" && item.deciderName ? (
        <p className="meta">Accepted by {item.deciderName}{item.decidedAt ? <> on <LocalTime value={item.decidedAt} /></> : null}</p>
      ) : null}
      {!withdrawn ? <TagEditor key={item.tags.join("|")} submissionId={item.id} tags={item.tags} known={knownTags} fetcher={fetcher} editable /> : null}
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      {!withdrawn ? (
        <div className="button-row inbox-item__actions">
          {item.documentId ? (
            <Link className="btn btn--secondary btn--small" to={`/projects/${projectId}/documents/${item.documentId}`}>
              Open and code
            </Link>
          ) : null}
          {item.status !== "accepted" ? decide("accept", "Accept") : null}
          {item.status !== "rejected" ? <RejectDialog submissionId={item.id} title={title} fetcher={fetcher} /> : null}
          {item.status !== "pending" ? decide("pending", "Back to waiting", "btn btn--ghost btn--small") : null}
        </div>
      ) : null}
    </li>
  );
}
