/** What each figure means, in plain words: the tooltips of the agreement page. */
export type Figure = "percentAgreement" | "cohenKappa" | "fleissKappa" | "krippendorffAlpha" | "unitizedAlpha";

export const figureNames: Record<Figure, string> = {
  percentAgreement: "Percent agreement",
  cohenKappa: "Cohen's kappa",
  fleissKappa: "Fleiss' kappa",
  krippendorffAlpha: "Krippendorff's alpha",
  unitizedAlpha: "Unitized alpha",
};

const reading = "Conventional reading: above 0.8 strong, 0.67–0.8 tentative, below 0.67 weak.";

export const figureExplanations: Record<Figure, string> = {
  percentAgreement:
    "Percent agreement: how often two coders made the same call (code applied or not) on a unit, over every pair of coders. It does not allow for agreement by chance, so rare codes look better than they are.",
  cohenKappa: `Cohen's kappa: agreement between the two coders beyond what chance would give; 1 is perfect, 0 is chance level, below 0 worse than chance. ${reading}`,
  fleissKappa: `Fleiss' kappa: agreement among three or more coders beyond what chance would give; 1 is perfect, 0 is chance level, below 0 worse than chance. ${reading}`,
  krippendorffAlpha: `Krippendorff's alpha: how far the coders' disagreement is below what chance would give, over the units (nominal); 1 is perfect, 0 is chance level. ${reading}`,
  unitizedAlpha:
    "Krippendorff's unitized alpha: compares where each coder's highlighted spans of this code start and end, character by character; disagreement about segment boundaries lowers it. 1 is exact agreement, 0 is chance placement.",
};

export const unitExplanations: Record<"paragraph" | "sentence" | "character", string> = {
  paragraph: "each paragraph (text between blank lines, or each line) is one yes/no call per coder and code",
  sentence: "each sentence is one call, for a finer view of where coders differ",
  character: "every character counts, so coding a few more or fewer words is a disagreement too",
};

export const undefinedExplanation =
  "Not defined here: every judgement was the same (for example no coder applied the code, or every coder applied it everywhere), so there is no variation to measure agreement beyond chance.";

/** Three decimals, or a percentage for percent agreement. */
export function formatFigure(figure: Figure, value: number): string {
  return figure === "percentAgreement" ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

/** A hint colour for chance-corrected figures, by the conventional thresholds. */
export function figureLevel(figure: Figure, value: number): "low" | "tentative" | "good" | null {
  if (figure === "percentAgreement") return null;
  return value >= 0.8 ? "good" : value >= 0.667 ? "tentative" : "low";
}
