import { useId } from "react";
import type { Representation } from "~/lib/datasets/types";
import { formatNumber, formatP, formatPercent } from "../segments/format";

const verdictWords: Record<Representation["verdict"], string> = {
  over: "Over-represented",
  under: "Under-represented",
  no_difference: "No clear difference",
  not_enough_data: "Not enough data to tell",
};

/** "over-represented: 40 % of the segment's cases vs 10 % of the rest, p = 0.003". */
export function verdictSentence(r: Representation): string {
  const shares = `${formatPercent(r.inside.share)} of the segment's cases vs ${formatPercent(r.outside.share)} of the rest`;
  if (r.verdict === "not_enough_data") {
    return `${verdictWords.not_enough_data}: ${r.inside.cases} case${r.inside.cases === 1 ? "" : "s"} with documents inside the segment and ${r.outside.cases} outside it.`;
  }
  return `${verdictWords[r.verdict]}: ${shares}, ${formatP(r.pValue)}.`;
}

/**
 * Whether the code is typical of the segment or anecdotal: share of cases with the code inside
 * vs outside the segment, their ratio and Fisher's exact test, with what the test means.
 */
export function RepresentationSummary({ representation: r, codeName }: { representation: Representation; codeName: string }) {
  const tipId = useId();
  return (
    <section className={`mx-rep mx-rep--${r.verdict}`} aria-labelledby={`${tipId}-h`} data-testid="representation">
      <div className="mx-rep__head">
        <h3 id={`${tipId}-h`}>Over- or under-represented?</h3>
        <span className="tip">
          <button type="button" className="tip__button" aria-describedby={tipId}>
            <span aria-hidden="true">?</span>
            <span className="visually-hidden">How is this tested?</span>
          </button>
          <span role="tooltip" id={tipId} className="tip__text">
            Counted over cases (dataset rows with at least one document in this project): how many inside the segment,
            and how many in the rest, have at least one “{codeName}” coding. Fisher’s exact test gives the chance of a
            split at least this uneven if the code were spread evenly; p below 0.05 is usually read as a real difference,
            and with few cases even a big gap may be chance.
          </span>
        </span>
      </div>
      <p className="mx-rep__verdict" data-testid="representation-verdict">
        {verdictSentence(r)}
      </p>
      <dl className="mx-rep__figures">
        <div>
          <dt>Inside the segment</dt>
          <dd>
            {r.inside.withCode} of {r.inside.cases} cases ({formatPercent(r.inside.share)})
          </dd>
        </div>
        <div>
          <dt>Rest of the dataset</dt>
          <dd>
            {r.outside.withCode} of {r.outside.cases} cases ({formatPercent(r.outside.share)})
          </dd>
        </div>
        <div>
          <dt>Ratio</dt>
          <dd>{r.ratio === null ? "–" : `${formatNumber(r.ratio)}×`}</dd>
        </div>
        <div>
          <dt>Fisher’s exact test</dt>
          <dd>{formatP(r.pValue)}</dd>
        </div>
      </dl>
    </section>
  );
}
