import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { bytea } from "./column-types";
import { newId } from "./ids";

import {
  documentKinds,
  formAccesses,
  formStatuses,
  memoTargets,
  submissionStatuses,
  type ColumnType,
  type FormField,
} from "./kinds";
import { projectRoles } from "./roles";

export { projectRoles, type ProjectRole } from "./roles";
export { documentKinds, type DocumentKind, columnTypes, type ColumnType } from "./kinds";
export { formFieldTypes, type FormField, type FormFieldType } from "./kinds";

export const projectRole = pgEnum("project_role", projectRoles);

const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const users = pgTable("users", {
  id: text("id").primaryKey().$defaultFn(newId),
  /** Stored lower-cased and trimmed, so lookups are exact. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
});

/**
 * Lucia-style sessions: the id is the SHA-256 of the cookie's token, never the token. The id is
 * never shown to anyone: the account page and the API name a session by `publicId`, which has
 * nothing to do with its token.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    /** Random, unrelated to the token; a database default so sessions made before it get one too. */
    publicId: text("public_id").notNull().unique().default(sql`gen_random_uuid()::text`),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
    /** Updated at most once a minute; null for sessions made before it was kept. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }),
    /** What signed in, so the person can tell their sessions apart (at most 512 characters). */
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/** Personal access tokens: only the SHA-256 of the token is kept. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("api_tokens_user_id_idx").on(t.userId)],
);

export const projects = pgTable("projects", {
  id: text("id").primaryKey().$defaultFn(newId),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  createdAt: createdAt(),
});

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: projectRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index("project_members_user_id_idx").on(t.userId),
  ],
);

/**
 * What happened in a project and who did it (membership changes now; exports, withdrawals
 * and review decisions later). `detail` never holds withdrawn content.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_project_id_idx").on(t.projectId, t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type ProjectMember = typeof projectMembers.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Documents, codebook and codings. The live state of a document is its Y.Doc (doc_updates +
// doc_snapshots); `documents.text` and `codings` are the relational projection of it that
// analyses, exports and API reads use.


export const documentKind = pgEnum("document_kind", documentKinds);
export const memoTarget = pgEnum("memo_target", memoTargets);

export const documents = pgTable(
  "documents",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: documentKind("kind").notNull(),
    caseKey: text("case_key"),
    attributes: jsonb("attributes").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    /** Projection of the Y.Doc's `text`, kept within a second of the live state. */
    text: text("text").notNull().default(""),
    /**
     * A coder's word that the document is fully coded (issue 16): only done documents count in
     * a sample's estimates and train its models. `doneAt` is the server's time of the last change.
     */
    done: boolean("done").notNull().default(false),
    doneAt: timestamp("done_at", { withTimezone: true, mode: "date" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("documents_project_id_idx").on(t.projectId), index("documents_case_key_idx").on(t.projectId, t.caseKey)],
);

export const codes = pgTable(
  "codes",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Parent in the code hierarchy; kept consistent by the codebook service (no cycles). */
    parentId: text("parent_id"),
    color: text("color").notNull(),
    description: text("description").notNull().default(""),
    /**
     * False for a folder: a code that only groups others (REFI-QDA `isCodable="false"`, as
     * imported from NVivo or ATLAS.ti). It is never applied to text (ADR 0144).
     */
    codable: boolean("codable").notNull().default(true),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("codes_project_id_idx").on(t.projectId)],
);

/** Projection of each document's `codings` Y.Map, with absolute offsets and the quoted text. */
export const codings = pgTable(
  "codings",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    codeId: text("code_id")
      .notNull()
      .references(() => codes.id, { onDelete: "cascade" }),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    quote: text("quote").notNull(),
    authorId: text("author_id"),
    memo: text("memo").notNull().default(""),
    /** The coded text was deleted entirely: kept and shown, not silently dropped. */
    orphaned: boolean("orphaned").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("codings_document_id_idx").on(t.documentId), index("codings_code_id_idx").on(t.codeId)],
);

/** Append-only Yjs update log: every update lands here before it is compacted. */
export const docUpdates = pgTable(
  "doc_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    docName: text("doc_name").notNull(),
    update: bytea("update").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("doc_updates_doc_name_idx").on(t.docName, t.id)],
);

/** The merged state of a doc up to and including update `upTo`. */
export const docSnapshots = pgTable("doc_snapshots", {
  docName: text("doc_name").primaryKey(),
  state: bytea("state").notNull(),
  upTo: bigint("up_to", { mode: "number" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Memos on documents and codes (memos on codings live in the coding itself). */
export const memos = pgTable(
  "memos",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    targetType: memoTarget("target_type").notNull(),
    targetId: text("target_id").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * For a memo imported from a REFI-QDA file whose writer matched no member: the name the
     * file gives them, and the tool that wrote the file (e.g. "NVivo"). Null otherwise.
     */
    authorName: text("author_name"),
    authorOrigin: text("author_origin"),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("memos_target_idx").on(t.targetType, t.targetId)],
);

export type DocumentRow = typeof documents.$inferSelect;
export type Code = typeof codes.$inferSelect;
export type CodingRow = typeof codings.$inferSelect;
export type Memo = typeof memos.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Quantitative data. Each dataset's rows live in a real, typed table of its own in the
// `datasets` schema (created by migration), named by `tableName`; this table is its catalogue.

/** A dataset column: the header as the user wrote it, its type, and its SQL identifier. */
export interface StoredColumn {
  name: string;
  type: ColumnType;
  /** Lower-case identifier made from the header, unique in the table; always quoted in SQL. */
  sqlName: string;
}

export const datasets = pgTable(
  "datasets",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The key column's header name: documents whose caseKey equals its value are that case. */
    keyColumn: text("key_column").notNull(),
    /** Unqualified table name in the `datasets` schema, generated (never from user text). */
    tableName: text("table_name").notNull().unique(),
    columns: jsonb("columns").$type<StoredColumn[]>().notNull(),
    rowCount: integer("row_count").notNull(),
    /** Per-column summaries, computed on first view and kept (datasets do not change). */
    summary: jsonb("summary").$type<unknown>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("datasets_project_name_idx").on(t.projectId, t.name)],
);

/** A structured filter over one dataset; its size and numbers are computed when it is saved. */
export const segments = pgTable(
  "segments",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    filter: jsonb("filter").$type<unknown>().notNull(),
    size: integer("size").notNull(),
    /** Numbers inside vs outside the segment, computed when it is saved. */
    stats: jsonb("stats").$type<unknown>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("segments_project_name_idx").on(t.projectId, t.name), index("segments_dataset_id_idx").on(t.datasetId)],
);

/** "This code explains this pattern": a researcher's explicit link, with a short note. */
export const codeSegmentLinks = pgTable(
  "code_segment_links",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    codeId: text("code_id")
      .notNull()
      .references(() => codes.id, { onDelete: "cascade" }),
    segmentId: text("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("code_segment_links_pair_idx").on(t.codeId, t.segmentId),
    index("code_segment_links_segment_idx").on(t.segmentId),
  ],
);

export type DatasetRow = typeof datasets.$inferSelect;
export type SegmentRow = typeof segments.$inferSelect;
export type CodeSegmentLinkRow = typeof codeSegmentLinks.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Contributions: intake forms and what people submit through them. A form's definition lives
// in versions so a submission always points at the exact questions its contributor answered.

export const formAccess = pgEnum("form_access", formAccesses);
export const formStatus = pgEnum("form_status", formStatuses);
export const submissionStatus = pgEnum("submission_status", submissionStatuses);

export const intakeForms = pgTable(
  "intake_forms",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    access: formAccess("access").notNull(),
    status: formStatus("status").notNull().default("open"),
    /** The version new submissions answer; older versions stay for older submissions. */
    currentVersion: integer("current_version").notNull().default(1),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("intake_forms_project_id_idx").on(t.projectId)],
);

export const intakeFormVersions = pgTable(
  "intake_form_versions",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    formId: text("form_id")
      .notNull()
      .references(() => intakeForms.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    prompt: text("prompt").notNull().default(""),
    consentText: text("consent_text").notNull(),
    fields: jsonb("fields").$type<FormField[]>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("intake_form_versions_form_version_idx").on(t.formId, t.version)],
);

/** A value as stored: already redacted; numbers typed; a location as latitude/longitude. */
export type StoredSubmissionValue = string | number | string[] | { lat: number; lng: number } | null;

export const submissions = pgTable(
  "submissions",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    formId: text("form_id")
      .notNull()
      .references(() => intakeForms.id, { onDelete: "cascade" }),
    /** Restrict: a version that has answers must never disappear from under them. */
    formVersionId: text("form_version_id")
      .notNull()
      .references(() => intakeFormVersions.id, { onDelete: "restrict" }),
    /** The document made from it; null once withdrawn (the document is deleted). */
    documentId: text("document_id").references(() => documents.id, { onDelete: "set null" }),
    submitterId: text("submitter_id").references(() => users.id, { onDelete: "set null" }),
    /** SHA-256 of the receipt token; the token itself is only ever in the contributor's link. */
    receiptTokenHash: text("receipt_token_hash").notNull().unique(),
    status: submissionStatus("status").notNull().default("pending"),
    rejectReason: text("reject_reason"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    values: jsonb("values").$type<Record<string, StoredSubmissionValue>>().notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("submissions_inbox_idx").on(t.projectId, t.status, t.submittedAt),
    index("submissions_form_id_idx").on(t.formId),
    // The documents list and the matrix look a document's review state up by it.
    index("submissions_document_id_idx").on(t.documentId),
    index("submissions_submitter_idx").on(t.submitterId, t.submittedAt),
  ],
);

export type IntakeFormRow = typeof intakeForms.$inferSelect;
export type IntakeFormVersionRow = typeof intakeFormVersions.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;
export * from "./schema-findings";
export * from "./schema-rounds";
export * from "./schema-refi";
export * from "./schema-sandwich";
