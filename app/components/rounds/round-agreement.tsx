import { Link } from "@remix-run/react";
import { safeColor } from "~/components/editor/colors";

export interface RoundAgreementData {
  overall: { percentAgreement: number | null; krippendorffAlpha: number | null };
  perCode: {
    codeId: string;
    name: string;
    color: string | null;
    percentAgreement: number | null;
    kappa: number | null;
    krippendorffAlpha: number | null;
  }[];
}

const fixed = (v: number | null, digits = 2) => (v === null ? "—" : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);

/**
 * A revealed round's agreement by paragraph, at a glance, with the way to the full page
 * (other units, the disagreement list, the passages in the editor).
 */
export function RoundAgreement({
  data,
  twoCoders,
  detailsHref,
}: {
  data: RoundAgreementData | null;
  twoCoders: boolean;
  detailsHref: string;
}) {
  return (
    <section className="card" aria-labelledby="round-agreement-heading" data-testid="round-agreement">
      <h3 id="round-agreement-heading">Agreement between the coders</h3>
      {!data || data.perCode.length === 0 ? (
        <p className="hint">No codings were made in this round, so there is nothing to compare.</p>
      ) : (
        <>
          <div className="rd-figures">
            <div className="rd-figure">
              <span className="rd-figure__value">{percent(data.overall.percentAgreement)}</span>
              <span className="rd-figure__label" title="Share of paragraph-and-code judgements on which every coder agreed">
                paragraphs agreed on, over all codes
              </span>
            </div>
            <div className="rd-figure">
              <span className="rd-figure__value">{fixed(data.overall.krippendorffAlpha)}</span>
              <span className="rd-figure__label" title="Krippendorff's alpha: 1 is perfect agreement, 0 what chance would give">
                Krippendorff&apos;s alpha
              </span>
            </div>
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="round-agreement-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col" className="num">Agreement</th>
                  <th scope="col" className="num" title={twoCoders ? "Cohen's kappa: agreement beyond chance, two coders" : "Fleiss' kappa: agreement beyond chance, three or more coders"}>
                    {twoCoders ? "Cohen's κ" : "Fleiss' κ"}
                  </th>
                  <th scope="col" className="num">Krippendorff&apos;s α</th>
                </tr>
              </thead>
              <tbody>
                {data.perCode.map((c) => (
                  <tr key={c.codeId}>
                    <td>
                      <span className="rd-swatch" style={{ background: safeColor(c.color) }} aria-hidden="true" /> {c.name}
                    </td>
                    <td className="num">{percent(c.percentAgreement)}</td>
                    <td className="num">{fixed(c.kappa)}</td>
                    <td className="num">{fixed(c.krippendorffAlpha)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p>
        <Link to={detailsHref} className="btn btn--secondary" data-testid="round-agreement-details">
          Agreement in detail and where the coders disagree
        </Link>
      </p>
    </section>
  );
}
