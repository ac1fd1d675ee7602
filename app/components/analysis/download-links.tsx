/**
 * "Download CSV / XLSX" for an analysis view: plain links to the API route with the view's own
 * query, so the file holds exactly what the page shows (the session cookie authenticates).
 */
export function DownloadLinks({ href, what }: { href: (format: "csv" | "xlsx") => string; what: string }) {
  return (
    <p className="an-downloads">
      <a className="btn btn--secondary btn--small" href={href("csv")} download data-testid="download-csv">
        Download CSV<span className="visually-hidden"> of the {what}</span>
      </a>
      <a className="btn btn--secondary btn--small" href={href("xlsx")} download data-testid="download-xlsx">
        Download XLSX<span className="visually-hidden"> of the {what}</span>
      </a>
    </p>
  );
}
