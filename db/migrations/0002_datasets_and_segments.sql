CREATE TABLE "code_segment_links" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"code_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"key_column" text NOT NULL,
	"table_name" text NOT NULL,
	"columns" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"summary" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "datasets_table_name_unique" UNIQUE("table_name")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"size" integer NOT NULL,
	"stats" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "code_segment_links" ADD CONSTRAINT "code_segment_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_segment_links" ADD CONSTRAINT "code_segment_links_code_id_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_segment_links" ADD CONSTRAINT "code_segment_links_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_segment_links" ADD CONSTRAINT "code_segment_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "code_segment_links_pair_idx" ON "code_segment_links" USING btree ("code_id","segment_id");--> statement-breakpoint
CREATE INDEX "code_segment_links_segment_idx" ON "code_segment_links" USING btree ("segment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_project_name_idx" ON "datasets" USING btree ("project_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_project_name_idx" ON "segments" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "segments_dataset_id_idx" ON "segments" USING btree ("dataset_id");--> statement-breakpoint
-- Each dataset's rows are a typed table in this schema (see datasets.table_name).
CREATE SCHEMA IF NOT EXISTS "datasets";
