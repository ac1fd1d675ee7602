/**
 * Downloads of the project in exchange formats. Plain links to the API (the session cookie
 * authenticates them), so the browser saves each file under the name the server gives it.
 * The .qdpx holds everything and is for owners; the codebook and the codings are what every
 * reader sees in the app anyway.
 */
export function ExportPanel({ projectId, canExportProject }: { projectId: string; canExportProject: boolean }) {
  const base = `/api/v1/projects/${encodeURIComponent(projectId)}`;
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p className="meta">NVivo, ATLAS.ti and MAXQDA open a REFI-QDA project (.qdpx): texts, codebook, codings, memos and attributes.</p>
      <div className="button-row">
        {canExportProject ? (
          <a className="btn btn--small" href={`${base}/export.qdpx`} download>
            Download REFI-QDA project (.qdpx)
          </a>
        ) : null}
        <a className="btn btn--secondary btn--small" href={`${base}/codebook.qdc`} download>
          Codebook (.qdc)
        </a>
        <a className="btn btn--secondary btn--small" href={`${base}/codings.csv`} download>
          Codings (CSV)
        </a>
      </div>
    </section>
  );
}
