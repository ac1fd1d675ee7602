-- REFI-QDA fidelity (ADRs 0141-0144): folders that cannot be applied (codes.codable), the file
-- author of an imported memo who matched no member (memos.author_name, author_origin), and the
-- GUIDs imported objects had in their file (refi_guids), so an export names them as before.
CREATE TABLE "refi_guids" (
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"object_id" text NOT NULL,
	"guid" text NOT NULL,
	CONSTRAINT "refi_guids_project_id_kind_object_id_pk" PRIMARY KEY("project_id","kind","object_id")
);
--> statement-breakpoint
ALTER TABLE "codes" ADD COLUMN "codable" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "memos" ADD COLUMN "author_name" text;--> statement-breakpoint
ALTER TABLE "memos" ADD COLUMN "author_origin" text;--> statement-breakpoint
ALTER TABLE "refi_guids" ADD CONSTRAINT "refi_guids_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;