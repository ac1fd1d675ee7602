/**
 * Independent coding rounds: chosen coders code chosen documents, each in a layer of their own
 * (a Y.Doc per coder and document, holding a copy of the text), so nobody sees another's
 * codings until a researcher reveals the round and its codings join the documents.
 * Re-exported by schema.ts, which drizzle-kit reads.
 */
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { newId } from "./ids";
import { codes, documents, projects, users } from "./schema";

export const roundStatuses = ["open", "revealed"] as const;
export type RoundStatus = (typeof roundStatuses)[number];
export const roundStatus = pgEnum("round_status", roundStatuses);

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const codingRounds = pgTable(
  "coding_rounds",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    instructions: text("instructions").notNull().default(""),
    status: roundStatus("status").notNull().default("open"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull().defaultNow(),
    revealedBy: text("revealed_by").references(() => users.id, { onDelete: "set null" }),
    revealedAt: at("revealed_at"),
  },
  (t) => [index("coding_rounds_project_id_idx").on(t.projectId)],
);

export const codingRoundCoders = pgTable(
  "coding_round_coders",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => codingRounds.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] })],
);

export const codingRoundDocuments = pgTable(
  "coding_round_documents",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => codingRounds.id, { onDelete: "cascade" }),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.documentId] }), index("coding_round_documents_document_idx").on(t.documentId)],
);

/** Projection of each coder's layer: their codings, with offsets into the round's copy of the text. */
export const roundCodings = pgTable(
  "round_codings",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => codingRounds.id, { onDelete: "cascade" }),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    coderId: text("coder_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeId: text("code_id")
      .notNull()
      .references(() => codes.id, { onDelete: "cascade" }),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    quote: text("quote").notNull(),
    memo: text("memo").notNull().default(""),
    createdAt: at("created_at").notNull(),
  },
  (t) => [index("round_codings_layer_idx").on(t.roundId, t.documentId, t.coderId)],
);

export type CodingRound = typeof codingRounds.$inferSelect;
export type RoundCodingRow = typeof roundCodings.$inferSelect;
