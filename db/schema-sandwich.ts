/**
 * The sandwich (issue 16, ADR 0180): a stratified random sample of a dataset's text column,
 * each drawn row a `record` document; models trained on its done documents; and the durable
 * jobs that draw, train and score. Re-exported by schema.ts, which drizzle-kit reads.
 */
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bytea } from "./column-types";
import { newId } from "./ids";
import { codes, datasets, documents, projects, users } from "./schema";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/** Status of a background job (API: GET /api/v1/jobs/:jobId). */
export const jobStatuses = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/**
 * What a member sees of a background job. The queue library runs the work; this row is the
 * project-scoped, durable face of it: status, progress, result or error.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** e.g. `sample.draw`, `model.train`, `dataset.import`. */
    kind: text("kind").notNull(),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    /** 0–1. */
    progress: doublePrecision("progress").notNull().default(0),
    /** What the job was asked to do (validated before it was queued). */
    input: jsonb("input").$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb("result").$type<unknown>(),
    /** A plain sentence for the person who started it. */
    error: text("error"),
    /** Set by DELETE /api/v1/jobs/:id; the worker checks it between batches. */
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("jobs_project_idx").on(t.projectId, t.createdAt), index("jobs_status_idx").on(t.status)],
);

/** A stratified random sample of one dataset's text column. */
export const samples = pgTable(
  "samples",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Header names of the dataset's columns, as the API shows them. */
    textColumn: text("text_column").notNull(),
    strataColumn: text("strata_column"),
    /** Rows drawn by design so far, over all waves (hand-picked rows are not counted). */
    size: integer("size").notNull(),
    /**
     * Rows are drawn in the order of a seeded hash of their key within each stratum, so a second
     * wave takes the next rows of the same order and the whole remains one simple random sample
     * per stratum.
     */
    seed: integer("seed").notNull(),
    /** Minimum rows per stratum requested (0: proportional only). */
    minPerStratum: integer("min_per_stratum").notNull().default(0),
    /** Rows whose text was empty: skipped, counted here and in the answer. */
    emptySkipped: integer("empty_skipped").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("samples_project_name_idx").on(t.projectId, t.name), index("samples_dataset_idx").on(t.datasetId)],
);

/** One stratum of a sample's design: its population (non-empty rows) and how many were drawn. */
export const sampleStrata = pgTable(
  "sample_strata",
  {
    sampleId: text("sample_id")
      .notNull()
      .references(() => samples.id, { onDelete: "cascade" }),
    /** 0-based, in the order the strata are shown. */
    position: integer("position").notNull(),
    /** The stratum's value as text; null for rows whose strata column is empty (and for "all rows"). */
    value: text("value"),
    population: integer("population").notNull(),
    sampled: integer("sampled").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.position] })],
);

/** A drawn (or hand-picked) row of a sample and the `record` document made from it. */
export const sampleRows = pgTable(
  "sample_rows",
  {
    sampleId: text("sample_id")
      .notNull()
      .references(() => samples.id, { onDelete: "cascade" }),
    /** The dataset row's key (the key column is unique per dataset). */
    rowKey: text("row_key").notNull(),
    stratum: integer("stratum").notNull(),
    /** 1 for the first draw, 2 for the first extension, ... */
    wave: integer("wave").notNull().default(1),
    /** Picked by a person ("find more like this"): kept out of the design-based estimate. */
    handPicked: boolean("hand_picked").notNull().default(false),
    /** Null once the document is deleted: the estimate's denominators follow. */
    documentId: text("document_id").references(() => documents.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.rowKey] }), index("sample_rows_document_idx").on(t.documentId)],
);

/** A model of one code, trained on a sample's done documents and applied to every row. */
export const codeModels = pgTable(
  "code_models",
  {
    id: text("id").primaryKey().$defaultFn(newId),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    sampleId: text("sample_id")
      .notNull()
      .references(() => samples.id, { onDelete: "cascade" }),
    codeId: text("code_id")
      .notNull()
      .references(() => codes.id, { onDelete: "cascade" }),
    /** The dataset column the scores were written to (header name); null until applied. */
    column: text("column"),
    trainedOn: integer("trained_on").notNull(),
    positives: integer("positives").notNull(),
    /** Cross-validated precision, recall, F1 (out-of-fold, threshold 0.5). */
    cv: jsonb("cv").$type<{ precision: number; recall: number; f1: number }>().notNull(),
    /** The terms that weigh most for and against the code. */
    terms: jsonb("terms").$type<{ for: { term: string; weight: number }[]; against: { term: string; weight: number }[] }>().notNull(),
    /** Out-of-fold probability of each training row, by row key: what cross-PPI corrects with. */
    outOfFold: jsonb("out_of_fold").$type<Record<string, number>>().notNull(),
    /** serializeModel() bytes (app/lib/classifier). */
    model: bytea("model").notNull(),
    jobId: text("job_id").references(() => jobs.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    appliedAt: timestamp("applied_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("code_models_sample_code_idx").on(t.sampleId, t.codeId, t.createdAt)],
);

export type JobRow = typeof jobs.$inferSelect;
export type SampleRow = typeof samples.$inferSelect;
export type SampleStratumRow = typeof sampleStrata.$inferSelect;
export type SampleRowRow = typeof sampleRows.$inferSelect;
export type CodeModelRow = typeof codeModels.$inferSelect;
