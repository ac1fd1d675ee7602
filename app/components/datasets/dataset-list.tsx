import { Link } from "@remix-run/react";
import type { DatasetInfo, SegmentInfo } from "~/lib/datasets/types";
import { ConfirmDialog } from "../confirm-dialog";
import { LocalTime } from "../documents/local-time";
import { formatInteger, formatPercent, plural } from "./format";

export interface DatasetListItem extends DatasetInfo {
  /** Who imported it; null when that account is gone. */
  importedBy: string | null;
}

function SegmentList({ projectId, segments }: { projectId: string; segments: SegmentInfo[] }) {
  if (segments.length === 0) return <p className="meta">No segments of this dataset yet.</p>;
  return (
    <ul className="segment-list" aria-label="Segments">
      {segments.map((s) => (
        <li key={s.id} data-testid="segment-row">
          <Link to={`/projects/${projectId}/segments/${s.id}`} className="segment-list__name">
            {s.name}
          </Link>
          <span className="segment-list__size">
            {plural(s.size, "row")}
            {s.datasetRows > 0 ? (
              <span className="meta"> · {formatPercent(s.size / s.datasetRows)} of the dataset</span>
            ) : null}
          </span>
          <span className="share-bar" aria-hidden="true">
            <span style={{ width: `${s.datasetRows > 0 ? Math.round((s.size / s.datasetRows) * 100) : 0}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The project's datasets, each with its segments underneath. */
export function DatasetList({
  projectId,
  datasets,
  segments,
  canEditData,
  canEditSegments,
}: {
  projectId: string;
  datasets: DatasetListItem[];
  segments: SegmentInfo[];
  canEditData: boolean;
  canEditSegments: boolean;
}) {
  return (
    <div className="dataset-list">
      {datasets.map((d) => {
        const own = segments.filter((s) => s.datasetId === d.id);
        const headingId = `dataset-${d.id}`;
        return (
          <article key={d.id} className="card dataset-card" aria-labelledby={headingId} data-testid="dataset-card">
            <div className="dataset-card__head">
              <h3 id={headingId}>
                <Link to={`/projects/${projectId}/data/${d.id}`}>{d.name}</Link>
              </h3>
              <div className="dataset-card__actions">
                {canEditSegments ? (
                  <Link
                    to={`/projects/${projectId}/segments/new?datasetId=${encodeURIComponent(d.id)}`}
                    className="btn btn--secondary btn--small"
                  >
                    Add a segment<span className="visually-hidden"> of {d.name}</span>
                  </Link>
                ) : null}
                {canEditData ? (
                  <ConfirmDialog
                    trigger={
                      <>
                        Delete<span className="visually-hidden"> {d.name}</span>
                      </>
                    }
                    triggerClassName="btn btn--ghost btn--small btn--quiet-danger"
                    title={`Delete “${d.name}”?`}
                    confirmLabel="Delete dataset"
                    fields={{ intent: "delete-dataset", datasetId: d.id }}
                  >
                    <p>
                      Its {plural(d.rowCount, "row")}
                      {own.length > 0 ? ` and ${plural(own.length, "segment")} (with their links to codes)` : ""} are
                      removed for everyone in the project. Documents keep their case keys.
                    </p>
                  </ConfirmDialog>
                ) : null}
              </div>
            </div>
            <dl className="dataset-card__facts">
              <div>
                <dt>Rows</dt>
                <dd>{formatInteger(d.rowCount)}</dd>
              </div>
              <div>
                <dt>Columns</dt>
                <dd>{formatInteger(d.columns.length)}</dd>
              </div>
              <div>
                <dt>Key</dt>
                <dd>
                  <code className="case-key">{d.key}</code>
                </dd>
              </div>
              <div>
                <dt>Imported</dt>
                <dd>
                  <LocalTime value={d.createdAt} />
                  {d.importedBy ? ` by ${d.importedBy}` : ""}
                </dd>
              </div>
            </dl>
            <h4 className="dataset-card__segments-head">Segments</h4>
            <SegmentList projectId={projectId} segments={own} />
          </article>
        );
      })}
    </div>
  );
}
