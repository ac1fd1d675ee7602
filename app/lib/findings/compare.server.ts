/** The visible diff between two versions of a finding, or an accepted one and the working copy. */
import { HttpError, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { diffEvidence, diffText, type EvidenceChange, type TextChange } from "./diff";
import { getFinding } from "./findings.server";
import type { FindingVersion } from "./types";
import { listVersions } from "./versions.server";

export interface FindingDiff {
  from: number;
  /** An accepted version's number, or "current" for the working copy. */
  to: number | "current";
  title: TextChange[];
  claim: TextChange[];
  evidence: EvidenceChange[];
}

const versionNumber = (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new HttpError(400, "bad_request", "A version is a whole number from 1.");
  return n;
};

export async function findingDiff(services: AppServices, findingId: string, fromRaw: string | null, toRaw: string | null): Promise<FindingDiff> {
  const versions = await listVersions(services, findingId);
  if (versions.length === 0) throw notFound("This finding has no accepted version to compare with yet.");
  const pick = (n: number) => {
    const v = versions.find((x) => x.version === n);
    if (!v) throw notFound(`Version ${n} of this finding was never accepted.`);
    return v;
  };
  const before = fromRaw ? pick(versionNumber(fromRaw)) : versions.at(-1)!;
  const after = toRaw && toRaw !== "current" ? pick(versionNumber(toRaw)) : await getFinding(services, findingId);
  return compareVersions(before, after, toRaw && toRaw !== "current" ? versionNumber(toRaw) : "current");
}

/** The diff between an accepted version and a later one, or the working copy already read. */
export function compareVersions(
  before: FindingVersion,
  after: Pick<FindingVersion, "title" | "claim" | "evidence">,
  to: FindingDiff["to"],
): FindingDiff {
  return {
    from: before.version,
    to,
    title: diffText(before.title, after.title),
    claim: diffText(before.claim, after.claim),
    evidence: diffEvidence(before.evidence, after.evidence),
  };
}
