ALTER TABLE "registrations" ADD COLUMN "duplicate_of_id" uuid;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "duplicate_notice_sent_at" timestamp with time zone;