import { useFetcher } from "@remix-run/react";
import { useState } from "react";

interface Code {
  id: string;
  name: string;
}
type ActionData =
  | { intent: "code"; coded: number; skippedAlreadyCoded: number; codingIds: string[]; codeName: string }
  | { intent: "undo"; removed: number }
  | { error: string };

/** "Code all N hits with [code]": a confirmation naming count and code, then a banner with Undo. */
export function CodeAllHits(props: { q: string; total: number; codes: Code[] }) {
  const fetcher = useFetcher<ActionData>();
  const [codeId, setCodeId] = useState(props.codes[0]?.id ?? "");
  const [confirming, setConfirming] = useState(false);
  const code = props.codes.find((c) => c.id === codeId);
  const data = fetcher.data;
  const busy = fetcher.state !== "idle";
  if (!props.codes.length) return <p className="muted">Add a code to the codebook to code these hits.</p>;
  return (
    <div className="code-all-hits">
      <label>
        Code all {props.total} hits with{" "}
        <select value={codeId} onChange={(e) => setCodeId(e.target.value)} aria-label="Code">
          {props.codes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>{" "}
      <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
        Code all hits…
      </button>
      {confirming && code ? (
        <div role="dialog" aria-label="Confirm coding">
          <p>
            Code {props.total} passages with “{code.name}”?
          </p>
          <fetcher.Form method="post" onSubmit={() => setConfirming(false)}>
            <input type="hidden" name="intent" value="code" />
            <input type="hidden" name="q" value={props.q} />
            <input type="hidden" name="codeId" value={code.id} />
            <button type="submit">Code {props.total} passages</button>{" "}
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </fetcher.Form>
        </div>
      ) : null}
      {busy ? <p role="status">Working…</p> : null}
      {data && "error" in data ? <p role="alert">{data.error}</p> : null}
      {data && "intent" in data && data.intent === "code" ? (
        <div role="status" className="banner">
          Coded {data.coded} passages with {data.codeName}.
          {data.skippedAlreadyCoded ? ` ${data.skippedAlreadyCoded} already had it.` : ""}{" "}
          {data.coded ? (
            <fetcher.Form method="post" style={{ display: "inline" }}>
              <input type="hidden" name="intent" value="undo" />
              <input type="hidden" name="codingIds" value={data.codingIds.join(",")} />
              <button type="submit">Undo</button>
            </fetcher.Form>
          ) : null}
        </div>
      ) : null}
      {data && "intent" in data && data.intent === "undo" ? (
        <div role="status" className="banner">
          Undone: removed {data.removed} codings.
        </div>
      ) : null}
    </div>
  );
}
