/**
 * Findings: a claim with its evidence (segments, codes, excerpts), its review (reviewers asked,
 * transitions, comment threads) and its accepted versions; and the in-app notifications the
 * review sends. Re-exported by schema.ts, which drizzle-kit reads.
 */
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { evidenceKinds, findingStatuses, notificationKinds, scrubReasons } from "./finding-kinds";
import { newId } from "./ids";
import { codes, documents, projects, segments, users } from "./schema";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => at("created_at").notNull().defaultNow();

export const findingStatus = pgEnum("finding_status", findingStatuses);
export const evidenceKind = pgEnum("evidence_kind", evidenceKinds);
export const scrubReason = pgEnum("scrub_reason", scrubReasons);
export const notificationKind = pgEnum("notification_kind", notificationKinds);

export const findings = pgTable(
  "findings",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Markdown, rendered without raw HTML. */
    claim: text("claim").notNull().default(""),
    status: findingStatus("status").notNull().default("draft"),
    /** The version being worked on; accepting freezes it and the next edit starts the next one. */
    version: integer("version").notNull().default(1),
    /** SHA-256 of the public link's token, when the owner has published the finding. */
    publicTokenHash: text("public_token_hash").unique(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("findings_project_idx").on(t.projectId, t.status, t.updatedAt)],
);

/**
 * One piece of evidence. `label` and `quote` keep what was chosen, so the page can say when a
 * segment or coding has since changed or gone; a redaction or withdrawal clears `quote`
 * (`scrubbed` says which) so nothing a contributor took back survives here.
 */
export const findingEvidence = pgTable(
  "finding_evidence",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    findingId: text("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    kind: evidenceKind("kind").notNull(),
    position: integer("position").notNull(),
    segmentId: text("segment_id").references(() => segments.id, { onDelete: "set null" }),
    codeId: text("code_id").references(() => codes.id, { onDelete: "set null" }),
    /** Codings are a projection rewritten by id, so no foreign key: a missing one means it was removed. */
    codingId: text("coding_id"),
    documentId: text("document_id").references(() => documents.id, { onDelete: "set null" }),
    label: text("label").notNull(),
    quote: text("quote").notNull().default(""),
    scrubbed: scrubReason("scrubbed"),
    note: text("note").notNull().default(""),
    addedBy: text("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("finding_evidence_finding_idx").on(t.findingId, t.position),
    index("finding_evidence_document_idx").on(t.documentId),
  ],
);

/** An accepted version, frozen: title, claim and a snapshot of its evidence as it was shown. */
export const findingVersions = pgTable(
  "finding_versions",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    findingId: text("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    claim: text("claim").notNull(),
    evidence: jsonb("evidence").$type<unknown[]>().notNull(),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: createdAt(),
  },
  (t) => [uniqueIndex("finding_versions_version_idx").on(t.findingId, t.version)],
);

/** The people asked to review a finding. */
export const findingReviewers = pgTable(
  "finding_reviewers",
  {
    findingId: text("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    requestedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.userId] }), index("finding_reviewers_user_idx").on(t.userId)],
);

/** Every status change, with who, when and why. */
export const findingTransitions = pgTable(
  "finding_transitions",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    findingId: text("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    fromStatus: findingStatus("from_status").notNull(),
    toStatus: findingStatus("to_status").notNull(),
    version: integer("version").notNull(),
    note: text("note").notNull().default(""),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("finding_transitions_finding_idx").on(t.findingId, t.createdAt)],
);

/** Threads on a finding, or on one piece of its evidence; a reply points at its thread's first comment. */
export const findingComments = pgTable(
  "finding_comments",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    findingId: text("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    evidenceId: text("evidence_id").references(() => findingEvidence.id, { onDelete: "set null" }),
    parentId: text("parent_id").references((): AnyPgColumn => findingComments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("finding_comments_finding_idx").on(t.findingId, t.createdAt)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    findingId: text("finding_id").references(() => findings.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** A short sentence made when it was sent, e.g. "Ana requested changes". Shown as text. */
    message: text("message").notNull(),
    readAt: at("read_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

export type FindingRow = typeof findings.$inferSelect;
export type FindingEvidenceRow = typeof findingEvidence.$inferSelect;
export type FindingVersionRow = typeof findingVersions.$inferSelect;
export type FindingCommentRow = typeof findingComments.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
