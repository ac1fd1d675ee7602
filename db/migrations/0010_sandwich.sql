ALTER TYPE "public"."document_kind" ADD VALUE 'record';--> statement-breakpoint
CREATE TABLE "code_models" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"sample_id" text NOT NULL,
	"code_id" text NOT NULL,
	"column" text,
	"trained_on" integer NOT NULL,
	"positives" integer NOT NULL,
	"cv" jsonb NOT NULL,
	"terms" jsonb NOT NULL,
	"out_of_fold" jsonb NOT NULL,
	"model" "bytea" NOT NULL,
	"job_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sample_rows" (
	"sample_id" text NOT NULL,
	"row_key" text NOT NULL,
	"stratum" integer NOT NULL,
	"wave" integer DEFAULT 1 NOT NULL,
	"hand_picked" boolean DEFAULT false NOT NULL,
	"document_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sample_rows_sample_id_row_key_pk" PRIMARY KEY("sample_id","row_key")
);
--> statement-breakpoint
CREATE TABLE "sample_strata" (
	"sample_id" text NOT NULL,
	"position" integer NOT NULL,
	"value" text,
	"population" integer NOT NULL,
	"sampled" integer NOT NULL,
	CONSTRAINT "sample_strata_sample_id_position_pk" PRIMARY KEY("sample_id","position")
);
--> statement-breakpoint
CREATE TABLE "samples" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"name" text NOT NULL,
	"text_column" text NOT NULL,
	"strata_column" text,
	"size" integer NOT NULL,
	"seed" integer NOT NULL,
	"min_per_stratum" integer DEFAULT 0 NOT NULL,
	"empty_skipped" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "done" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "code_models" ADD CONSTRAINT "code_models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_models" ADD CONSTRAINT "code_models_sample_id_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_models" ADD CONSTRAINT "code_models_code_id_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_models" ADD CONSTRAINT "code_models_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_models" ADD CONSTRAINT "code_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_rows" ADD CONSTRAINT "sample_rows_sample_id_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_rows" ADD CONSTRAINT "sample_rows_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_strata" ADD CONSTRAINT "sample_strata_sample_id_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "code_models_sample_code_idx" ON "code_models" USING btree ("sample_id","code_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_project_idx" ON "jobs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "sample_rows_document_idx" ON "sample_rows" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "samples_project_name_idx" ON "samples" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "samples_dataset_idx" ON "samples" USING btree ("dataset_id");