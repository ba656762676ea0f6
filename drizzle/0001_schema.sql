CREATE TYPE "public"."camera_position" AS ENUM('front', 'rear', 'side', 'garage_alley', 'parking_lot', 'other');--> statement-breakpoint
CREATE TYPE "public"."canvass_outcome" AS ENUM('not_contacted', 'no_answer', 'notice_left', 'footage_requested', 'footage_collected', 'no_relevant_footage', 'overwritten', 'declined');--> statement-breakpoint
CREATE TYPE "public"."contact_method" AS ENUM('visit', 'phone', 'email');--> statement-breakpoint
CREATE TYPE "public"."contact_which" AS ENUM('primary', 'alternate');--> statement-breakpoint
CREATE TYPE "public"."incident_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."location_method" AS ENUM('address_point', 'interpolated', 'intersection', 'manual', 'remote');--> statement-breakpoint
CREATE TYPE "public"."playback_format" AS ENUM('standard', 'proprietary', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('pending_review', 'active', 'inactive', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('detective', 'supervisor', 'admin');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"last_failed_sign_in_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"from_status" "registration_status",
	"to_status" "registration_status" NOT NULL,
	"reason" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "registration_status" DEFAULT 'pending_review' NOT NULL,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"needs_review" boolean DEFAULT true NOT NULL,
	"review_reason" text,
	"source" text DEFAULT 'public_form' NOT NULL,
	"owner_name" text,
	"business_name" text,
	"owner_phone" text,
	"owner_email" text,
	"alternate_name" text,
	"alternate_phone" text,
	"alternate_email" text,
	"contacts_erased_at" timestamp with time zone,
	"address_line1" text NOT NULL,
	"address_unit" text,
	"address_city" text NOT NULL,
	"address_state" text NOT NULL,
	"address_zip" text NOT NULL,
	"address_normalized" text,
	"location" geography(Point,4326),
	"location_method" "location_method",
	"location_source" text,
	"location_confidence" real,
	"matched_address" text,
	"pin_confirmed_by" text,
	"pin_confirmed_at" timestamp with time zone,
	"camera_locations" text[] DEFAULT '{}' NOT NULL,
	"camera_count" integer NOT NULL,
	"retention_days" integer,
	"playback" "playback_format" DEFAULT 'unknown' NOT NULL,
	"records_street_traffic" boolean DEFAULT false NOT NULL,
	"street_view" text,
	"notes" text,
	"consent_at" timestamp with time zone NOT NULL,
	"terms_version" text NOT NULL,
	"last_confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"manage_token_hash" text,
	"manage_token_rotated_at" timestamp with time zone,
	"inactive_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"position" "camera_position" NOT NULL,
	"location" geography(Point,4326),
	"bearing_deg" real,
	"fov_deg" real,
	"range_m" real,
	"records_street" boolean DEFAULT false NOT NULL,
	"view_cone" geography(Polygon,4326),
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "canvass_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"outcome" "canvass_outcome" DEFAULT 'not_contacted' NOT NULL,
	"clock_offset_s" integer,
	"notes" text,
	"footage_notes" text,
	"distance_m" real,
	"walk_order" integer,
	"assigned_to" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"canvass_entry_id" uuid NOT NULL,
	"contact" "contact_which" NOT NULL,
	"method" "contact_method" NOT NULL,
	"note" text,
	"by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_number" text,
	"title" text,
	"status" "incident_status" DEFAULT 'open' NOT NULL,
	"point" geography(Point,4326),
	"route" geography(LineString,4326),
	"radius_m" real,
	"width_m" real,
	"occurred_from" timestamp with time zone NOT NULL,
	"occurred_to" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "address_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"add_number" integer NOT NULL,
	"add_num_suf" text,
	"st_predir" text,
	"st_name" text NOT NULL,
	"st_postyp" text,
	"st_posdir" text,
	"unit" text,
	"city" text,
	"state" text,
	"zip" text,
	"location" geography(Point,4326) NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "street_centerlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"st_predir" text,
	"st_name" text NOT NULL,
	"st_postyp" text,
	"st_posdir" text,
	"from_addr_l" integer,
	"to_addr_l" integer,
	"from_addr_r" integer,
	"to_addr_r" integer,
	"parity_l" text,
	"parity_r" text,
	"zip_l" text,
	"zip_r" text,
	"city_l" text,
	"city_r" text,
	"geom" geography(LineString,4326) NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_status_history" ADD CONSTRAINT "registration_status_history_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canvass_entries" ADD CONSTRAINT "canvass_entries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canvass_entries" ADD CONSTRAINT "canvass_entries_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canvass_entries" ADD CONSTRAINT "canvass_entries_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canvass_entries" ADD CONSTRAINT "canvass_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_canvass_entry_id_canvass_entries_id_fk" FOREIGN KEY ("canvass_entry_id") REFERENCES "public"."canvass_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "registration_status_history_reg_idx" ON "registration_status_history" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "registrations_location_gist" ON "registrations" USING gist ("location");--> statement-breakpoint
CREATE INDEX "registrations_status_idx" ON "registrations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "registrations_address_normalized_idx" ON "registrations" USING btree ("address_normalized");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_manage_token_idx" ON "registrations" USING btree ("manage_token_hash");--> statement-breakpoint
CREATE INDEX "cameras_registration_idx" ON "cameras" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "cameras_view_cone_gist" ON "cameras" USING gist ("view_cone");--> statement-breakpoint
CREATE UNIQUE INDEX "canvass_entries_incident_registration_idx" ON "canvass_entries" USING btree ("incident_id","registration_id");--> statement-breakpoint
CREATE INDEX "canvass_entries_assigned_idx" ON "canvass_entries" USING btree ("assigned_to");--> statement-breakpoint
CREATE INDEX "contact_attempts_entry_idx" ON "contact_attempts" USING btree ("canvass_entry_id");--> statement-breakpoint
CREATE INDEX "incidents_point_gist" ON "incidents" USING gist ("point");--> statement-breakpoint
CREATE INDEX "incidents_created_at_idx" ON "incidents" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "address_points_location_gist" ON "address_points" USING gist ("location");--> statement-breakpoint
CREATE INDEX "address_points_street_number_idx" ON "address_points" USING btree ("st_name","add_number");--> statement-breakpoint
CREATE INDEX "address_points_st_name_trgm" ON "address_points" USING gin ("st_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "street_centerlines_geom_gist" ON "street_centerlines" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "street_centerlines_st_name_idx" ON "street_centerlines" USING btree ("st_name");--> statement-breakpoint
CREATE INDEX "street_centerlines_st_name_trgm" ON "street_centerlines" USING gin ("st_name" gin_trgm_ops);