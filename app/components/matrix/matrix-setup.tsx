import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

interface Step {
  done: boolean;
  title: string;
  todo: ReactNode;
}

/**
 * The matrix needs four things before its cells can count anything: a dataset, a segment of it,
 * codes, and documents whose case key names a dataset row. This says which are missing and
 * where to add them (or who can, for people whose role cannot).
 */
export function MatrixSetup({
  projectId,
  datasets,
  segments,
  codes,
  documentsWithCaseKey,
  canEditData,
  canEditSegments,
  canEditCodes,
}: {
  projectId: string;
  datasets: number;
  segments: number;
  codes: number;
  documentsWithCaseKey: number;
  canEditData: boolean;
  canEditSegments: boolean;
  canEditCodes: boolean;
}) {
  const base = `/projects/${projectId}`;
  const steps: Step[] = [
    {
      done: datasets > 0,
      title: "Import a dataset",
      todo: canEditData ? (
        <>
          <Link to={`${base}/data/import`}>Import data</Link> from a CSV file: one row per case, with a key column.
        </>
      ) : (
        "An owner or researcher imports a CSV file of the cases’ numbers."
      ),
    },
    {
      done: segments > 0,
      title: "Define a segment",
      todo:
        canEditSegments && datasets > 0 ? (
          <>
            <Link to={`${base}/segments/new`}>Define a segment</Link>: a filter on the dataset, such as “churned is true”.
          </>
        ) : canEditSegments ? (
          "Once a dataset is imported, define a segment of it."
        ) : (
          "An owner or researcher defines segments of the dataset."
        ),
    },
    {
      done: codes > 0,
      title: "Add codes",
      todo: canEditCodes ? (
        <>
          Add codes in the <Link to={`${base}/codebook`}>codebook</Link> and apply them to documents.
        </>
      ) : (
        <>
          The <Link to={`${base}/codebook`}>codebook</Link> has no codes yet.
        </>
      ),
    },
    {
      done: documentsWithCaseKey > 0,
      title: "Set case keys",
      todo: (
        <>
          Give <Link to={`${base}/documents`}>documents</Link> a case key equal to a value of the dataset’s key column
          (on each document’s details), so their codings count for that row.
        </>
      ),
    },
  ];
  const missing = steps.filter((s) => !s.done);
  return (
    <div className="empty mx-setup" data-testid="matrix-setup">
      <h3>{missing.length === steps.length ? "The matrix is empty" : "Almost there"}</h3>
      <p>
        The matrix sets codes beside segments of your data. It needs {missing.length === 1 ? "one more thing" : "a few things"}:
      </p>
      <ol className="mx-setup__steps">
        {steps.map((step) => (
          <li key={step.title} className={step.done ? "mx-setup__done" : undefined}>
            <strong>{step.title}</strong>
            {step.done ? <span className="mx-setup__tick"> — done</span> : <span> — {step.todo}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
