import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * Records the export in the audit log (the route's action, intent=exported), then opens the
 * browser's print dialog once the answer is back. Printing with the browser's own command
 * (Ctrl+P) is recorded too, from its `beforeprint` event.
 * Disabled until the page's script runs: before that the click could do nothing, and the
 * charts (drawn in the browser) would not be on the page yet.
 */
export function PrintButton() {
  const fetcher = useFetcher<{ ok: boolean }>();
  const [ready, setReady] = useState(false);
  const printing = useRef(false);
  const fromButton = useRef(false);
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  useEffect(() => setReady(true), []);
  useEffect(() => {
    const record = () => {
      if (!fromButton.current) submit.current({ intent: "exported" }, { method: "post" });
    };
    window.addEventListener("beforeprint", record);
    return () => window.removeEventListener("beforeprint", record);
  }, []);
  useEffect(() => {
    if (printing.current && fetcher.state === "idle") {
      printing.current = false;
      // Already recorded: the beforeprint that window.print() fires must not record it again.
      fromButton.current = true;
      window.print();
      fromButton.current = false;
    }
  }, [fetcher.state]);
  return (
    <button
      type="button"
      className="btn report-print"
      data-testid="print-report"
      disabled={!ready || fetcher.state !== "idle"}
      onClick={() => {
        printing.current = true;
        fetcher.submit({ intent: "exported" }, { method: "post" });
      }}
    >
      Print or save as PDF
    </button>
  );
}
