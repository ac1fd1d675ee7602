import { Link } from "@remix-run/react";
import { LocalTime } from "~/components/documents/local-time";
import type { FindingView } from "~/lib/findings/types";
import { StatusBadge } from "./status-badge";

/** Title, status, which version this is and which was accepted, and who wrote it. */
export function FindingHeader({ finding, acceptedAt, listPath }: { finding: FindingView; acceptedAt: string | null; listPath: string }) {
  return (
    <header className="fd-header">
      <nav className="thk-breadcrumb" aria-label="Breadcrumb">
        <Link to={listPath}>Findings</Link>
        <span aria-hidden="true"> › </span>
      </nav>
      <div className="fd-header__title">
        <h2 data-testid="finding-title">{finding.title}</h2>
        <StatusBadge status={finding.status} />
      </div>
      <p className="meta fd-header__meta" data-testid="finding-version">
        <span>
          Version {finding.version}
          {finding.acceptedVersion !== null && acceptedAt ? (
            <>
              {" · "}Version {finding.acceptedVersion} accepted on <LocalTime value={acceptedAt} withTime={false} />
            </>
          ) : null}
        </span>
        <span>· by {finding.createdBy?.name ?? "a former member"}</span>
        <span>
          · updated <LocalTime value={finding.updatedAt} />
        </span>
      </p>
    </header>
  );
}
