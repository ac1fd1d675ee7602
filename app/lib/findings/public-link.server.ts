/**
 * An owner's public link to an accepted finding: anyone with it sees the latest accepted version
 * (title, claim, segment numbers, quotes, already redacted) and nothing else of the project.
 * Only the token's SHA-256 is stored; a new link replaces the old one.
 */
import { eq } from "drizzle-orm";
import { findings } from "../../../db/schema";
import { generateSecretToken, hashToken } from "../auth/crypto.server";
import { conflict, notFound } from "../http/errors.server";
import { recordAudit } from "../services/audit.server";
import type { AppServices } from "../services.server";
import type { FindingVersion } from "./types";
import { findingRow } from "./findings.server";
import { latestAccepted } from "./versions.server";

export const publicPath = (token: string) => `/share/${token}`;

export async function publishFinding(services: AppServices, findingId: string, actorId: string, origin: string): Promise<{ token: string; url: string }> {
  const row = await findingRow(services.db, findingId);
  if (!(await latestAccepted(services, findingId))) {
    throw conflict("not_accepted", "Only an accepted finding can have a public link. Take it through review first.");
  }
  const token = generateSecretToken();
  await services.db.transaction(async (tx) => {
    await tx.update(findings).set({ publicTokenHash: hashToken(token) }).where(eq(findings.id, findingId));
    await recordAudit(tx, { projectId: row.projectId, actorId, action: "finding.published", detail: { findingId, title: row.title } });
  });
  return { token, url: `${origin}${publicPath(token)}` };
}

export async function unpublishFinding(services: AppServices, findingId: string, actorId: string): Promise<void> {
  const row = await findingRow(services.db, findingId);
  if (!row.publicTokenHash) throw notFound("This finding has no public link.");
  await services.db.transaction(async (tx) => {
    await tx.update(findings).set({ publicTokenHash: null }).where(eq(findings.id, findingId));
    await recordAudit(tx, { projectId: row.projectId, actorId, action: "finding.unpublished", detail: { findingId, title: row.title } });
  });
}

export interface PublicFinding {
  title: string;
  claim: string;
  version: number;
  acceptedAt: string;
  evidence: FindingVersion["evidence"];
}

/** What the public link shows, or 404 for an unknown or revoked token. */
export async function publicFinding(services: AppServices, token: string): Promise<PublicFinding> {
  const [row] = await services.db.select({ id: findings.id }).from(findings).where(eq(findings.publicTokenHash, hashToken(token)));
  if (!row) throw notFound("This link does not exist or was turned off by the project's owner.");
  const version = await latestAccepted(services, row.id);
  if (!version) throw notFound("This link does not exist or was turned off by the project's owner.");
  return {
    title: version.title,
    claim: version.claim,
    version: version.version,
    acceptedAt: version.acceptedAt,
    evidence: publicEvidence(version.evidence),
  };
}

/**
 * Only what a reader needs: no ids of codings, documents, codes or segments. Segments get
 * stand-in ids ("segment-1"…) so a code's counts per segment still say which segment they are.
 */
function publicEvidence(evidence: FindingVersion["evidence"]): FindingVersion["evidence"] {
  const alias = new Map<string, string>();
  const aliasOf = (id: string) => {
    if (!alias.has(id)) alias.set(id, `segment-${alias.size + 1}`);
    return alias.get(id)!;
  };
  for (const e of evidence) if (e.kind === "segment" && e.segment) aliasOf(e.segment.id);
  return evidence.map((e) => {
    if (e.kind === "excerpt") return { ...e, codingId: "", documentId: null, start: null, end: null, savedQuote: null };
    if (e.kind === "segment") return e.segment ? { ...e, segment: { ...e.segment, id: aliasOf(e.segment.id), datasetId: "" } } : e;
    const bySegment = e.counts.bySegment.map((s) => ({ ...s, segmentId: aliasOf(s.segmentId) }));
    return { ...e, code: e.code ? { ...e.code, id: "" } : null, counts: { ...e.counts, bySegment } };
  });
}
