import { cellExcerpts } from "../datasets/matrix.server";
import { addEvidence } from "../findings/evidence.server";
import { createFinding } from "../findings/findings.server";
import type { AppServices } from "../services.server";

const CLAIM = `Customers who were **passed between teams three or more times** left more often than the rest.

- The churned segment's numbers sit beside the stories of being transferred.
- Next step: ask the contact centre how often first-line staff can resolve billing queries themselves.`;

/**
 * A draft finding on the demo's first code↔segment link, so a newcomer sees what a finding
 * looks like and can take it through review: the segment, the code and three of its excerpts
 * among that segment's customers.
 */
export async function addDemoFinding(services: AppServices, projectId: string, userId: string, link: { codeId: string; segmentId: string }) {
  const finding = await createFinding(services, projectId, userId, { title: "Being passed around drives churn", claim: CLAIM });
  await addEvidence(services, finding.id, projectId, userId, { kind: "segment", segmentId: link.segmentId });
  await addEvidence(services, finding.id, projectId, userId, { kind: "code", codeId: link.codeId });
  const { excerpts } = await cellExcerpts(services, projectId, link.codeId, link.segmentId, { offset: 0, limit: 3 });
  for (const excerpt of excerpts) {
    await addEvidence(services, finding.id, projectId, userId, { kind: "excerpt", codingId: excerpt.codingId });
  }
  return finding;
}
