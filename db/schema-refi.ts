/**
 * The REFI-QDA GUIDs objects had in the file they were imported from (ADR 0143), so an export
 * names them as the tool that wrote the file knows them and re-importing there matches them
 * instead of duplicating them. Objects made in Thicket have no row: their GUIDs are derived
 * from their ids (app/lib/refi/guid.ts). Re-exported by schema.ts, which drizzle-kit reads.
 */
import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { projects } from "./schema";

/**
 * What `objectId` names, by kind: `user` a Thicket user (a member the file's user matched),
 * `file_user` the name kept on memos of a file's user who matched nobody, `code`, `source` (a
 * document), `note` (a memo), and for a coding (by its id) `selection`, `coding` and
 * `coding_note` (the note its memo came from). Several codings may share one selection GUID:
 * a REFI selection coded with several codes becomes one coding per code.
 */
export const refiGuidKinds = ["user", "file_user", "code", "source", "note", "selection", "coding", "coding_note"] as const;
export type RefiGuidKind = (typeof refiGuidKinds)[number];

export const refiGuids = pgTable(
  "refi_guids",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").$type<RefiGuidKind>().notNull(),
    objectId: text("object_id").notNull(),
    /** As the file wrote it (case and braces kept): the schema's GUIDType. */
    guid: text("guid").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.kind, t.objectId] })],
);

export type RefiGuidRow = typeof refiGuids.$inferSelect;
