import { computeAgreement } from "../agreement/agreement.server";
import type { AppServices } from "../services.server";
import { listCodes } from "../services/codes.server";
import type { RoundView } from "./rounds.server";

/**
 * A revealed round's agreement by paragraph, for its page: the round's coders over its
 * documents, with the codes' names. Null while the round is open (nothing is compared before
 * the reveal) or when it has no documents left.
 */
export async function roundAgreement(services: AppServices, round: RoundView) {
  if (round.status !== "revealed" || round.documents.length === 0 || round.coders.length < 2) return null;
  const [agreement, codes] = await Promise.all([
    computeAgreement(services, round.projectId, {
      coders: round.coders.map((c) => c.id),
      unit: "paragraph",
      documents: round.documents.map((d) => d.id),
    }).catch(() => null), // a coder who left the project: the page still shows the round
    listCodes(services, round.projectId),
  ]);
  if (!agreement) return null;
  const byId = new Map(codes.map((c) => [c.id, c]));
  return {
    overall: agreement.overall,
    perCode: agreement.perCode.map((p) => ({
      codeId: p.codeId,
      name: byId.get(p.codeId)?.name ?? "A deleted code",
      color: byId.get(p.codeId)?.color ?? null,
      percentAgreement: p.percentAgreement,
      kappa: round.coders.length === 2 ? p.cohenKappa : p.fleissKappa,
      krippendorffAlpha: p.krippendorffAlpha,
    })),
  };
}

/** The agreement page's address for this round's coders and documents. */
export function agreementHref(round: RoundView): string {
  const query = new URLSearchParams({
    coders: round.coders.map((c) => c.id).join(","),
    unit: "paragraph",
    documents: round.documents.map((d) => d.id).join(","),
  });
  return `/projects/${round.projectId}/analysis/agreement?${query}`;
}
