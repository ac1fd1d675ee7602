import { Link, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Field } from "~/components/forms";
import type { ColumnType, CsvPreview, DatasetInfo } from "~/lib/datasets/types";
import { FileDrop } from "./file-drop";
import { formatMegabytes } from "./format";
import { fileHead, guessKeyColumn, nameFromFile } from "./import-defaults";
import { importProblem, type ImportProblem } from "./import-problem";
import { PreviewTable } from "./preview-table";
import { UploadCancelled, uploadFile, type Upload } from "./upload";
import { UploadProgress, type UploadStage } from "./upload-progress";

interface ImportFormProps {
  projectId: string;
  /** The largest file the server takes, so an oversized one is refused before it is sent. */
  maxBytes: number | null;
}

/**
 * Choose a CSV, check the preview and the types, name it and pick its key, import. The whole
 * file goes to the server once, on Import; before that only its first rows are sent (for
 * the preview). Every choice survives a refused import, so the person can fix and retry.
 */
export function ImportForm({ projectId, maxBytes }: ImportFormProps) {
  const navigate = useNavigate();
  const fileHintId = useId();
  const [hydrated, setHydrated] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [reading, setReading] = useState(false);
  /** Only the types the person changed: these, and nothing else, are sent with the import. */
  const [overrides, setOverrides] = useState<Record<string, ColumnType>>({});
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [key, setKey] = useState("");
  const [progress, setProgress] = useState<UploadStage | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const upload = useRef<Upload | null>(null);
  /** Which file the latest preview request was for, so a slow answer for an old file is dropped. */
  const latestFile = useRef<File | null>(null);

  // The file input only works once React is running; until then it stays disabled.
  useEffect(() => setHydrated(true), []);
  useEffect(() => () => upload.current?.abort(), []);

  const busy = progress !== null;

  async function choose(chosen: File) {
    latestFile.current = chosen;
    setFile(chosen);
    setProblem(null);
    setNotice(null);
    if (!nameTouched) setName(nameFromFile(chosen.name));
    if (chosen.size === 0) {
      setPreview(null);
      setProblem({ about: "file", message: `“${chosen.name}” is empty.` });
      return;
    }
    setReading(true);
    try {
      const res = await fetch(`/api/v1/projects/${encodeURIComponent(projectId)}/datasets/preview`, {
        method: "POST",
        headers: { "Content-Type": "text/csv", Accept: "application/json" },
        body: await fileHead(chosen),
      });
      const body: unknown = await res.json().catch(() => null);
      if (latestFile.current !== chosen) return;
      if (!res.ok) {
        setPreview(null);
        setProblem(importProblem(res.status, body, chosen, name));
        return;
      }
      const next = body as CsvPreview;
      setPreview(next);
      // A corrected file with the same columns keeps the types and key already chosen.
      const names = new Set(next.columns.map((c) => c.name));
      setOverrides((old) => Object.fromEntries(Object.entries(old).filter(([column]) => names.has(column))));
      setKey((old) => (names.has(old) ? old : guessKeyColumn(next.columns) ?? ""));
    } catch {
      if (latestFile.current === chosen) {
        setPreview(null);
        setProblem({
          about: "file",
          message: "The first rows could not be sent for a preview. Check your connection and choose the file again.",
        });
      }
    } finally {
      if (latestFile.current === chosen) setReading(false);
    }
  }

  function changeType(column: string, type: ColumnType) {
    const detected = preview?.columns.find((c) => c.name === column)?.type;
    setOverrides((old) => {
      const next = { ...old };
      if (type === detected) delete next[column];
      else next[column] = type;
      return next;
    });
  }

  async function start(e: FormEvent) {
    e.preventDefault();
    if (!file || !preview || busy) return;
    setNotice(null);
    const trimmed = name.trim();
    if (!trimmed) return setProblem({ about: "name", message: "Give the dataset a name." });
    if (!key) return setProblem({ about: "key", message: "Choose the key column." });
    if (maxBytes !== null && file.size > maxBytes) {
      return setProblem({
        about: "file",
        message: `“${file.name}” is ${formatMegabytes(file.size)}; the most a dataset file may be is ${formatMegabytes(
          maxBytes
        )}.`,
      });
    }
    setProblem(null);
    const params = new URLSearchParams({ name: trimmed, key });
    // The key is always stored as text, so a type chosen for it would only be refused.
    const types = Object.fromEntries(Object.entries(overrides).filter(([column]) => column !== key));
    if (Object.keys(types).length > 0) params.set("types", JSON.stringify(types));

    setProgress({ stage: "sending", loaded: 0, total: file.size });
    const current = uploadFile(
      `/api/v1/projects/${encodeURIComponent(projectId)}/datasets?${params}`,
      file,
      "text/csv",
      {
        onProgress: (loaded, total) => setProgress({ stage: "sending", loaded, total }),
        onSent: () => setProgress({ stage: "finishing" }),
      }
    );
    upload.current = current;
    try {
      const { status, body } = await current.done;
      if (status === 201) {
        const dataset = body as DatasetInfo;
        // The form stays busy while the dataset page loads, so it cannot be sent twice.
        setProgress({ stage: "done", rows: dataset.rowCount });
        navigate(`/projects/${projectId}/data/${dataset.id}`);
        return;
      }
      setProgress(null);
      setProblem(importProblem(status, body, file, trimmed));
    } catch (err) {
      setProgress(null);
      if (err instanceof UploadCancelled) setNotice("Import cancelled. Nothing was imported.");
      else setProblem({ about: "form", message: err instanceof Error ? err.message : "The upload failed." });
    } finally {
      upload.current = null;
    }
  }

  const fileProblem = problem?.about === "file" ? problem : null;
  const keyError = problem?.about === "key" ? problem.message : undefined;
  const keyErrorId = `${fileHintId}-key-error`;

  return (
    <form className="form import-form" onSubmit={start} noValidate aria-busy={busy || reading}>
      <FileDrop
        file={file}
        disabled={!hydrated || busy}
        onFile={(f) => void choose(f)}
        describedBy={fileProblem ? fileHintId : undefined}
      />
      {reading ? (
        <p className="meta" role="status">
          Reading the first rows…
        </p>
      ) : null}
      {fileProblem ? (
        <div id={fileHintId} className="alert alert--error" role="alert">
          <strong>{fileProblem.where ? `${fileProblem.where}: ` : ""}</strong>
          {fileProblem.message}
          {preview ? " Nothing was imported. Correct the file, choose it again and retry." : ""}
        </div>
      ) : null}
      {notice ? (
        <div className="alert alert--warn" role="status">
          {notice}
        </div>
      ) : null}
      {problem?.about === "form" ? (
        <div className="alert alert--error" role="alert">
          {problem.message}
        </div>
      ) : null}

      {preview ? (
        <>
          <div className="form-row import-form__row">
            <Field
              label="Dataset name"
              name="name"
              value={name}
              maxLength={200}
              disabled={busy}
              autoComplete="off"
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameTouched(true);
              }}
              state={problem?.about === "name" ? { fieldErrors: { name: problem.message } } : undefined}
            />
            <div className="field">
              <label htmlFor={`${fileHintId}-key`}>Key column</label>
              <select
                id={`${fileHintId}-key`}
                value={key}
                disabled={busy}
                aria-invalid={keyError ? true : undefined}
                aria-describedby={keyError ? keyErrorId : `${keyErrorId}-hint`}
                onChange={(e) => setKey(e.currentTarget.value)}
              >
                <option value="">Choose a column…</option>
                {preview.columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
              <span id={`${keyErrorId}-hint`} className="hint">
                One value per row, never empty: a document’s case key matches it.
              </span>
              {keyError ? (
                <span id={keyErrorId} className="field-error" role="alert">
                  {keyError}
                </span>
              ) : null}
            </div>
          </div>

          <fieldset className="import-form__columns">
            <legend>Columns and types</legend>
            <PreviewTable preview={preview} overrides={overrides} keyColumn={key} disabled={busy} onType={changeType} />
          </fieldset>

          {progress ? (
            <UploadProgress progress={progress} onCancel={() => upload.current?.abort()} />
          ) : (
            <div className="button-row">
              <button type="submit" className="btn">
                Import dataset
              </button>
              <Link to={`/projects/${projectId}/data`} className="btn btn--secondary">
                Cancel
              </Link>
            </div>
          )}
        </>
      ) : null}
    </form>
  );
}
