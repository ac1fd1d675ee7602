/**
 * REFI-QDA import (API.md: POST /api/v1/projects/import?name=N): a .qdpx file becomes a new
 * project owned by the person importing it. The file is read whole (up to MAX_IMPORT_BYTES:
 * a zip cannot be read before its end, where its directory is), parsed, planned, and written
 * in one transaction, so a file that fails anywhere leaves nothing behind.
 */
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { DRAIN_FACTOR, payloadTooLarge } from "../http/body.server";
import { CODE_PALETTE } from "../services/codes.server";
import type { AppServices } from "../services.server";
import { planImport } from "./import-plan.server";
import type { ImportReport } from "./import-report";
import { writeImport } from "./import-write.server";
import { QdpxArchive } from "./qdpx-archive.server";
import { readQde } from "./qde-reader.server";

/** The body's bytes; past `limit` it is a 413 (the rest is read and dropped, up to a point, so the client sees the answer). */
export async function readBodyBytes(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit * DRAIN_FACTOR) {
      await reader.cancel();
      break;
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) throw payloadTooLarge(limit);
  return Buffer.concat(chunks);
}

export interface ImportInput {
  userId: string;
  /** How the report names the importer: “you” in the API, for instance. */
  importerLabel?: string;
  name: string;
  bytes: Uint8Array;
}

export async function importQdpx(services: AppServices, input: ImportInput): Promise<{ id: string; report: ImportReport }> {
  const archive = await QdpxArchive.open(input.bytes);
  const project = readQde(archive.qde, archive.qdeName);
  // The new project's only member: the file's users are matched against the importer.
  const members = await services.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, input.userId));
  const plan = await planImport(project, archive, { palette: CODE_PALETTE, importer: { id: input.userId, label: input.importerLabel ?? "you" }, members });
  const written = await writeImport(services.db, {
    name: input.name,
    description: project.description.slice(0, 5000),
    ownerId: input.userId,
    origin: project.origin,
    plan,
  });
  return {
    id: written.projectId,
    report: { codes: plan.codes.length, sources: plan.documents.length, codings: written.codings, skipped: plan.skipped.toJSON(), warnings: plan.warnings },
  };
}
