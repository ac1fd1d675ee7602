CREATE TYPE "public"."round_status" AS ENUM('open', 'revealed');--> statement-breakpoint
CREATE TABLE "coding_round_coders" (
	"round_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "coding_round_coders_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "coding_round_documents" (
	"round_id" text NOT NULL,
	"document_id" text NOT NULL,
	CONSTRAINT "coding_round_documents_round_id_document_id_pk" PRIMARY KEY("round_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "coding_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"status" "round_status" DEFAULT 'open' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revealed_by" text,
	"revealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "round_codings" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"document_id" text NOT NULL,
	"coder_id" text NOT NULL,
	"code_id" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"quote" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coding_round_coders" ADD CONSTRAINT "coding_round_coders_round_id_coding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."coding_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_round_coders" ADD CONSTRAINT "coding_round_coders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_round_documents" ADD CONSTRAINT "coding_round_documents_round_id_coding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."coding_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_round_documents" ADD CONSTRAINT "coding_round_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_rounds" ADD CONSTRAINT "coding_rounds_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_rounds" ADD CONSTRAINT "coding_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coding_rounds" ADD CONSTRAINT "coding_rounds_revealed_by_users_id_fk" FOREIGN KEY ("revealed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_codings" ADD CONSTRAINT "round_codings_round_id_coding_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."coding_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_codings" ADD CONSTRAINT "round_codings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_codings" ADD CONSTRAINT "round_codings_coder_id_users_id_fk" FOREIGN KEY ("coder_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_codings" ADD CONSTRAINT "round_codings_code_id_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coding_round_documents_document_idx" ON "coding_round_documents" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "coding_rounds_project_id_idx" ON "coding_rounds" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "round_codings_layer_idx" ON "round_codings" USING btree ("round_id","document_id","coder_id");