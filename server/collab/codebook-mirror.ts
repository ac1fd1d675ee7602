import { asc, eq } from "drizzle-orm";
import type * as Y from "yjs";
import { codebookOf, type CodebookEntry } from "../../app/lib/collab/doc-model";
import type { Database } from "../../db/client";
import { codes } from "../../db/schema";
import { SERVER_ORIGIN } from "./shared-doc";

/** Brings a codebook doc in line with the project's codes table, changing only what differs. */
export async function mirrorCodebook(db: Database, projectId: string, doc: Y.Doc): Promise<void> {
  const rows = await db
    .select({ id: codes.id, name: codes.name, parentId: codes.parentId, color: codes.color, description: codes.description, codable: codes.codable })
    .from(codes)
    .where(eq(codes.projectId, projectId))
    .orderBy(asc(codes.createdAt));
  const map = codebookOf(doc);
  const wanted = new Map<string, CodebookEntry>(
    rows.map(({ id, ...entry }) => [id, entry]),
  );
  doc.transact(() => {
    for (const id of [...map.keys()]) if (!wanted.has(id)) map.delete(id);
    for (const [id, entry] of wanted) {
      const current = map.get(id);
      if (!current || JSON.stringify(current) !== JSON.stringify(entry)) map.set(id, entry);
    }
  }, SERVER_ORIGIN);
}
