import { useEffect, useState } from "react";
import type { CodeEstimates } from "~/lib/sandwich/schemas";
import { IntervalBar } from "./interval-bar";

export interface SampleChoice {
  id: string;
  name: string;
}

type Load = { state: "loading" } | { state: "error"; message: string } | { state: "done"; estimates: CodeEstimates };

/**
 * A code's prevalence in all the rows of a sample's dataset: overall and per stratum, each a share
 * with its interval bar, or the plain reason there is no number. Read from the estimates API.
 */
export function PrevalencePanel({ codeId, codeName, samples }: { codeId: string; codeName: string; samples: SampleChoice[] }) {
  const [sampleId, setSampleId] = useState(samples[0]?.id ?? "");
  const [load, setLoad] = useState<Load>({ state: "loading" });
  useEffect(() => {
    if (!sampleId) return;
    let live = true;
    setLoad({ state: "loading" });
    fetch(`/api/v1/samples/${encodeURIComponent(sampleId)}/estimates?codeId=${encodeURIComponent(codeId)}&subcodes=true`, {
      headers: { accept: "application/json" },
    })
      .then(async (res) => {
        const body = await res.json();
        if (!live) return;
        if (!res.ok) setLoad({ state: "error", message: body?.error?.message ?? "The estimates could not be read." });
        else setLoad({ state: "done", estimates: body as CodeEstimates });
      })
      .catch(() => live && setLoad({ state: "error", message: "The estimates could not be read. Check the connection and try again." }));
    return () => {
      live = false;
    };
  }, [sampleId, codeId]);
  const headingId = `prevalence-${codeId}`;
  return (
    <section className="est-panel" aria-labelledby={headingId} aria-busy={load.state === "loading"}>
      <h3 id={headingId}>Prevalence of {codeName} in all rows</h3>
      {samples.length > 1 ? (
        <label className="meta">
          Sample{" "}
          <select value={sampleId} onChange={(e) => setSampleId(e.target.value)}>
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="meta">From the done documents of sample {samples[0]?.name}, counting sub-codes in their parent; 95% intervals.</p>
      )}
      {load.state === "loading" ? <p className="meta">Reading the estimates…</p> : null}
      {load.state === "error" ? (
        <p className="alert alert--error" role="alert">
          {load.message}
        </p>
      ) : null}
      {load.state === "done" ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Rows</th>
              <th scope="col">Share with the code</th>
              <th scope="col">Coded</th>
            </tr>
          </thead>
          <tbody>
            {[{ label: "All rows", value: "all", ...load.estimates.overall }, ...load.estimates.groups].map((g) => (
              <tr key={g.label}>
                <th scope="row">{g.label}</th>
                <td>
                  <IntervalBar figure={g} />
                </td>
                <td className="meta">
                  {g.positives} of {g.done}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
