CREATE TYPE "public"."evidence_source" AS ENUM('owner_upload', 'in_person');--> statement-breakpoint
CREATE TYPE "public"."evidence_status" AS ENUM('uploading', 'received', 'quarantined', 'purged');--> statement-breakpoint
CREATE TYPE "public"."footage_decline_reason" AS ENUM('no_footage', 'overwritten', 'in_person', 'other');--> statement-breakpoint
CREATE TYPE "public"."footage_delivery" AS ENUM('link', 'email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."footage_request_state" AS ENUM('sent', 'opened', 'uploading', 'received', 'declined', 'expired', 'revoked');--> statement-breakpoint
CREATE TABLE "evidence_custody" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evidence_item_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"event" text NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"reason" text,
	"sha256" text,
	"ip" text,
	"user_agent" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"footage_request_id" uuid,
	"canvass_entry_id" uuid,
	"incident_id" uuid NOT NULL,
	"source" "evidence_source" NOT NULL,
	"status" "evidence_status" DEFAULT 'uploading' NOT NULL,
	"original_name" text NOT NULL,
	"declared_type" text,
	"detected_type" text,
	"type_mismatch" boolean DEFAULT false NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text,
	"media" jsonb,
	"has_poster" boolean DEFAULT false NOT NULL,
	"scan_result" text,
	"uploaded_by" uuid,
	"client_ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "footage_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"canvass_entry_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"state" "footage_request_state" DEFAULT 'sent' NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"window_to" timestamp with time zone NOT NULL,
	"clock_offset_s" integer,
	"cameras" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"delivery" "footage_delivery" NOT NULL,
	"delivered_to" text,
	"delivery_result" text,
	"expires_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"decline_reason" "footage_decline_reason",
	"decline_note" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "footage_requests_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_footage_request_id_footage_requests_id_fk" FOREIGN KEY ("footage_request_id") REFERENCES "public"."footage_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_canvass_entry_id_canvass_entries_id_fk" FOREIGN KEY ("canvass_entry_id") REFERENCES "public"."canvass_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "footage_requests" ADD CONSTRAINT "footage_requests_canvass_entry_id_canvass_entries_id_fk" FOREIGN KEY ("canvass_entry_id") REFERENCES "public"."canvass_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "footage_requests" ADD CONSTRAINT "footage_requests_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "footage_requests" ADD CONSTRAINT "footage_requests_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "footage_requests" ADD CONSTRAINT "footage_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_custody_item_idx" ON "evidence_custody" USING btree ("evidence_item_id","at");--> statement-breakpoint
CREATE INDEX "evidence_items_request_idx" ON "evidence_items" USING btree ("footage_request_id");--> statement-breakpoint
CREATE INDEX "evidence_items_incident_idx" ON "evidence_items" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "evidence_items_entry_idx" ON "evidence_items" USING btree ("canvass_entry_id");--> statement-breakpoint
CREATE INDEX "footage_requests_entry_idx" ON "footage_requests" USING btree ("canvass_entry_id");--> statement-breakpoint
CREATE INDEX "footage_requests_incident_idx" ON "footage_requests" USING btree ("incident_id");--> statement-breakpoint
-- ==== hand-written (keep when regenerating): the chain of custody is append-only ====
-- As audit_log: the database itself refuses UPDATE, DELETE and TRUNCATE, on PGlite and on a server.
CREATE OR REPLACE FUNCTION evidence_custody_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence_custody is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_custody_no_update_delete
  BEFORE UPDATE OR DELETE ON evidence_custody
  FOR EACH ROW EXECUTE FUNCTION evidence_custody_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_custody_no_truncate
  BEFORE TRUNCATE ON evidence_custody
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_custody_refuse_change();
-- ==== end hand-written ====
