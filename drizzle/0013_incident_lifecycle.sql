ALTER TABLE "incidents" ADD COLUMN "offense" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;