/**
 * "This code explains this pattern": a researcher's explicit link between a code and a segment,
 * with a short note, shown on both the code and the segment.
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import { codeSegmentLinks, codes, segments } from "../../../db/schema";
import { conflict, notFound } from "../http/errors.server";
import type { AppServices } from "../services.server";
import type { CodeSegmentLink } from "./types";

const shape = {
  id: codeSegmentLinks.id,
  codeId: codeSegmentLinks.codeId,
  codeName: codes.name,
  codeColor: codes.color,
  segmentId: codeSegmentLinks.segmentId,
  segmentName: segments.name,
  note: codeSegmentLinks.note,
  createdBy: codeSegmentLinks.createdBy,
  createdAt: codeSegmentLinks.createdAt,
};

async function linksWhere(services: AppServices, where: SQL | undefined): Promise<CodeSegmentLink[]> {
  const rows = await services.db
    .select(shape)
    .from(codeSegmentLinks)
    .innerJoin(codes, eq(codes.id, codeSegmentLinks.codeId))
    .innerJoin(segments, eq(segments.id, codeSegmentLinks.segmentId))
    .where(where)
    .orderBy(asc(codes.name), asc(segments.name), asc(codeSegmentLinks.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export const linksForProject = (services: AppServices, projectId: string) =>
  linksWhere(services, eq(codeSegmentLinks.projectId, projectId));
export const linksForCode = (services: AppServices, codeId: string) => linksWhere(services, eq(codeSegmentLinks.codeId, codeId));
export const linksForSegment = (services: AppServices, segmentId: string) =>
  linksWhere(services, eq(codeSegmentLinks.segmentId, segmentId));

async function getLink(services: AppServices, linkId: string): Promise<CodeSegmentLink> {
  const [link] = await linksWhere(services, eq(codeSegmentLinks.id, linkId));
  if (!link) throw notFound("Link not found.");
  return link;
}

export async function linkCodeToSegment(
  services: AppServices,
  projectId: string,
  userId: string,
  input: { codeId: string; segmentId: string; note: string },
): Promise<CodeSegmentLink> {
  const inProject = async (table: typeof codes | typeof segments, id: string) =>
    (await services.db.select({ id: table.id }).from(table).where(and(eq(table.id, id), eq(table.projectId, projectId)))).length > 0;
  if (!(await inProject(codes, input.codeId))) throw notFound("Code not found.");
  if (!(await inProject(segments, input.segmentId))) throw notFound("Segment not found.");
  const [row] = await services.db
    .insert(codeSegmentLinks)
    .values({ projectId, codeId: input.codeId, segmentId: input.segmentId, note: input.note, createdBy: userId })
    .onConflictDoNothing()
    .returning({ id: codeSegmentLinks.id });
  if (!row) throw conflict("duplicate_link", "This code is already linked to this segment.");
  return getLink(services, row.id);
}

export async function updateLinkNote(services: AppServices, linkId: string, note: string): Promise<CodeSegmentLink> {
  const updated = await services.db
    .update(codeSegmentLinks)
    .set({ note })
    .where(eq(codeSegmentLinks.id, linkId))
    .returning({ id: codeSegmentLinks.id });
  if (updated.length === 0) throw notFound("Link not found.");
  return getLink(services, linkId);
}

export async function unlink(services: AppServices, linkId: string): Promise<void> {
  const deleted = await services.db.delete(codeSegmentLinks).where(eq(codeSegmentLinks.id, linkId)).returning({ id: codeSegmentLinks.id });
  if (deleted.length === 0) throw notFound("Link not found.");
}
