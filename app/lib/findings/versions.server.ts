/** A finding's accepted versions, frozen when they were accepted. */
import { asc, eq } from "drizzle-orm";
import { findingVersions, users } from "../../../db/schema";
import { notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import { personOf, type Evidence, type FindingVersion } from "./types";

export async function listVersions(services: AppServices, findingId: string): Promise<FindingVersion[]> {
  const rows = await services.db
    .select({ v: findingVersions, acceptedByName: users.name })
    .from(findingVersions)
    .leftJoin(users, eq(users.id, findingVersions.acceptedBy))
    .where(eq(findingVersions.findingId, findingId))
    .orderBy(asc(findingVersions.version));
  return rows.map(({ v, acceptedByName }) => ({
    version: v.version,
    title: v.title,
    claim: v.claim,
    evidence: v.evidence as Evidence[],
    acceptedBy: personOf(v.acceptedBy, acceptedByName),
    acceptedAt: v.acceptedAt.toISOString(),
  }));
}

export async function getVersion(services: AppServices, findingId: string, version: number): Promise<FindingVersion> {
  const all = await listVersions(services, findingId);
  const found = all.find((v) => v.version === version);
  if (!found) throw notFound(`Version ${version} of this finding was never accepted.`);
  return found;
}

export async function latestAccepted(services: AppServices, findingId: string): Promise<FindingVersion | null> {
  const all = await listVersions(services, findingId);
  return all.at(-1) ?? null;
}

