import type { Agreement } from "~/lib/agreement/agreement.server";
import { figureExplanations, figureLevel, figureNames, formatFigure, undefinedExplanation, type Figure } from "./explanations";
import { ExplainedValue, FigureTip } from "./figure-tip";

export interface TableCode {
  id: string;
  name: string;
  color: string;
  depth: number;
}

const levelWords = { low: "weak (below 0.67)", tentative: "tentative (0.67–0.8)", good: "strong (above 0.8)" } as const;

/** One figure: its value to three decimals (coloured when low), or "—" explaining why none. */
export function FigureValue({ figure, value, about }: { figure: Figure; value: number | null; about: string }) {
  if (value === null) {
    return (
      <ExplainedValue className="ag-value ag-value--none" text={`${figureNames[figure]} ${about}: ${undefinedExplanation}`}>
        —
      </ExplainedValue>
    );
  }
  const level = figureLevel(figure, value);
  const verdict = level ? `, ${levelWords[level]}` : "";
  return (
    <ExplainedValue
      className={`ag-value${level ? ` ag-value--${level}` : ""}`}
      text={`${figureNames[figure]} ${about}: ${formatFigure(figure, value)}${verdict}. ${figureExplanations[figure]}`}
    >
      {formatFigure(figure, value)}
    </ExplainedValue>
  );
}

function Header({ figure }: { figure: Figure }) {
  return (
    <th scope="col" className="an-num">
      {figureNames[figure]} <FigureTip label={figureNames[figure]} text={figureExplanations[figure]} />
    </th>
  );
}

/** The overall figures, then one row per code the coders used, in codebook order. */
export function AgreementTable({ agreement, codes }: { agreement: Agreement; codes: TableCode[] }) {
  const kappa: Figure = agreement.coders.length === 2 ? "cohenKappa" : "fleissKappa";
  const hasUnitized = "unitizedAlpha" in agreement.overall;
  const figures: Figure[] = ["percentAgreement", kappa, "krippendorffAlpha", ...(hasUnitized ? (["unitizedAlpha"] as const) : [])];
  const byId = new Map(agreement.perCode.map((p) => [p.codeId, p]));
  const rows = codes.filter((c) => byId.has(c.id));
  return (
    <>
      <dl className="ag-overall" data-testid="agreement-overall">
        {(["percentAgreement", "krippendorffAlpha", ...(hasUnitized ? (["unitizedAlpha"] as const) : [])] as Figure[]).map((figure) => (
          <div key={figure}>
            <dt>
              {figureNames[figure]} <FigureTip label={`overall ${figureNames[figure]}`} text={figureExplanations[figure]} />
            </dt>
            <dd>
              <FigureValue figure={figure} value={agreement.overall[figure as keyof Agreement["overall"]] ?? null} about="over all codes" />
            </dd>
          </div>
        ))}
      </dl>
      <div className="mx-scroll">
        <table className="mx-table ag-table" data-testid="agreement-table">
          <caption className="visually-hidden">Agreement per code</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              {figures.map((f) => (
                <Header key={f} figure={f} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((code) => {
              const row = byId.get(code.id)!;
              return (
                <tr key={code.id} data-testid="agreement-row">
                  <th scope="row" className="mx-code" style={{ paddingLeft: `${8 + code.depth * 16}px` }}>
                    <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                    {code.name}
                  </th>
                  {figures.map((f) => (
                    <td key={f} className="an-num">
                      <FigureValue figure={f} value={(row as unknown as Record<string, number | null>)[f] ?? null} about={`for “${code.name}”`} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
