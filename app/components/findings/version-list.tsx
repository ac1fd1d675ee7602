import { Link } from "@remix-run/react";
import { LocalTime } from "~/components/documents/local-time";
import type { Person } from "~/lib/findings/types";

/** The accepted versions of a finding, newest first, each linking to its frozen page. */
export function VersionList({ base, versions }: { base: string; versions: { version: number; acceptedAt: string; acceptedBy: Person | null }[] }) {
  if (versions.length === 0) return <p className="hint">No version has been accepted yet.</p>;
  return (
    <ol className="fd-versions" data-testid="version-list">
      {[...versions].reverse().map((v) => (
        <li key={v.version}>
          <Link to={`${base}/versions/${v.version}`}>Version {v.version}</Link>{" "}
          <span className="fd-muted">
            accepted on <LocalTime value={v.acceptedAt} withTime={false} />
            {v.acceptedBy ? ` by ${v.acceptedBy.name}` : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}
