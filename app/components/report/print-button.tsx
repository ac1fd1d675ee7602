import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * Records the export in the audit log (the route's action, intent=exported), then opens the
 * browser's print dialog once the answer is back, so the log never misses a printed copy.
 * Disabled until the page's script runs: before that the click could do nothing, and the
 * charts (drawn in the browser) would not be on the page yet.
 */
export function PrintButton() {
  const fetcher = useFetcher<{ ok: boolean }>();
  const [ready, setReady] = useState(false);
  const printing = useRef(false);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (printing.current && fetcher.state === "idle") {
      printing.current = false;
      window.print();
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
