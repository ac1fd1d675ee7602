import { LocalTime } from "../documents/local-time";

export interface ReportEntry {
  /** The anchor of its section ("finding-1"): numbered, so the document shows no ids. */
  anchor: string;
  title: string;
  version: number;
}

/** The report's first page: what it is, for which project, when, and its contents. */
export function ReportCover({ projectName, generatedAt, entries }: { projectName: string; generatedAt: string; entries: ReportEntry[] }) {
  return (
    <header className="report-cover" data-testid="report-cover">
      <p className="report-cover__kicker">Findings report</p>
      <h1 className="report-cover__title">{projectName}</h1>
      <p className="report-cover__meta">
        <LocalTime value={generatedAt} withTime={false} /> · {entries.length} accepted finding{entries.length === 1 ? "" : "s"}
      </p>
      <p className="report-cover__note">
        Each finding is shown as it was last accepted in review. Quotes that were later redacted or withdrawn by their
        contributors are left out, and the report says so where they stood.
      </p>
      <nav className="report-toc" aria-labelledby="report-toc-heading">
        <h2 id="report-toc-heading">Contents</h2>
        <ol>
          {entries.map((e) => (
            <li key={e.anchor}>
              <a href={`#${e.anchor}`}>{e.title}</a> <span className="report-toc__version">(version {e.version})</span>
            </li>
          ))}
        </ol>
      </nav>
    </header>
  );
}
