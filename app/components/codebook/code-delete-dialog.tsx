import { Form } from "@remix-run/react";
import { useRef, useState } from "react";

interface Impact {
  codings: number;
  documents: number;
  children: number;
}

const n = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;

/**
 * Deleting a code first asks what it would touch (GET /api/v1/codes/:id answers the impact)
 * and says so: its codings go, its sub-codes move up a level. Nothing is sent until the person
 * confirms, and the confirm button waits for the answer.
 */
export function CodeDeleteDialog({ code, parentName }: { code: { id: string; name: string }; parentName: string | null }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [impact, setImpact] = useState<Impact | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function open() {
    setImpact(null);
    setProblem(null);
    ref.current?.showModal();
    try {
      const res = await fetch(`/api/v1/codes/${encodeURIComponent(code.id)}`, { headers: { accept: "application/json" } });
      const body = (await res.json()) as { impact?: Impact; error?: { message: string } };
      if (!res.ok || !body.impact) throw new Error(body.error?.message ?? "The code could not be checked.");
      setImpact(body.impact);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "The code could not be checked.");
    }
  }

  return (
    <>
      <button type="button" className="btn btn--ghost btn--small code-row__delete" onClick={() => void open()}>
        Delete<span className="visually-hidden"> {code.name}</span>
      </button>
      <dialog ref={ref} aria-label={`Delete “${code.name}”?`} className="code-dialog">
        <h2>Delete “{code.name}”?</h2>
        <div aria-live="polite" data-testid="code-impact">
          {problem ? (
            <p className="field-error">{problem}</p>
          ) : !impact ? (
            <p className="meta">Checking what this would remove…</p>
          ) : (
            <ul className="impact-list">
              <li>
                {impact.codings > 0
                  ? `${n(impact.codings, "coding")} in ${n(impact.documents, "document")} ${impact.codings === 1 ? "is" : "are"} removed.`
                  : "No text is coded with it, so no codings are removed."}
              </li>
              {impact.children > 0 ? (
                <li>
                  {n(impact.children, "sub-code")} {impact.children === 1 ? "moves" : "move"} up a level
                  {parentName ? `, under “${parentName}”.` : ", to the top level."}
                </li>
              ) : null}
              <li>This cannot be undone.</li>
            </ul>
          )}
        </div>
        <Form method="post" onSubmit={() => ref.current?.close()}>
          <input type="hidden" name="intent" value="delete-code" />
          <input type="hidden" name="codeId" value={code.id} />
          <div className="dialog-actions">
            <button type="button" className="btn btn--secondary" onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="btn btn--danger" disabled={!impact}>
              Delete code
            </button>
          </div>
        </Form>
      </dialog>
    </>
  );
}
