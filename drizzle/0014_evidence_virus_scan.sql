CREATE TYPE "public"."evidence_scan_status" AS ENUM('pending', 'clean', 'infected', 'not_scanned');--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "scan_status" "evidence_scan_status";--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "scanned_at" timestamp with time zone;