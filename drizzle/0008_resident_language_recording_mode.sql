CREATE TYPE "public"."recording_mode" AS ENUM('continuous', 'motion', 'scheduled', 'unknown');--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "recording_mode" "recording_mode" DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "lost_link_sent_at" timestamp with time zone;