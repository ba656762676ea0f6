ALTER TABLE "registrations" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "reconfirm_reminder_sent_at" timestamp with time zone;