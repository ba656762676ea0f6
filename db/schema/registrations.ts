import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, json, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ecefColumnSql, geographyPoint } from "../postgis";
import { locationMethod, playbackFormat, recordingMode, registrationStatus } from "./enums";
import { users } from "./users";

/**
 * One registered camera system at one address. Contact columns are PII: reads
 * of them go through audited code paths, and they are nulled (contactsErasedAt)
 * once the agency's retention after withdrawal has passed.
 */
export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: registrationStatus("status").notNull().default("pending_review"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verifiedBy: uuid("verified_by").references(() => users.id),
    needsReview: boolean("needs_review").notNull().default(true),
    reviewReason: text("review_reason"),
    source: text("source").notNull().default("public_form"),

    ownerName: text("owner_name"),
    businessName: text("business_name"),
    ownerPhone: text("owner_phone"),
    ownerEmail: text("owner_email"),
    alternateName: text("alternate_name"),
    alternatePhone: text("alternate_phone"),
    alternateEmail: text("alternate_email"),
    contactsErasedAt: timestamp("contacts_erased_at", { withTimezone: true }),

    addressLine1: text("address_line1").notNull(),
    addressUnit: text("address_unit"),
    addressCity: text("address_city").notNull(),
    addressState: text("address_state").notNull(),
    addressZip: text("address_zip").notNull(),
    /** Normalized one-line address (USPS abbreviations, upper case) for matching and de-duplication. */
    addressNormalized: text("address_normalized"),

    location: geographyPoint("location"),
    locationMethod: locationMethod("location_method"),
    locationSource: text("location_source"),
    locationConfidence: real("location_confidence"),
    matchedAddress: text("matched_address"),
    pinConfirmedBy: text("pin_confirmed_by"),
    pinConfirmedAt: timestamp("pin_confirmed_at", { withTimezone: true }),

    cameraLocations: text("camera_locations").array().notNull().default([]),
    cameraCount: integer("camera_count").notNull(),
    retentionDays: integer("retention_days"),
    playback: playbackFormat("playback").notNull().default("unknown"),
    /** Motion-only or scheduled systems may not have recorded at the incident's time. */
    recordingMode: recordingMode("recording_mode").notNull().default("unknown"),
    recordsStreetTraffic: boolean("records_street_traffic").notNull().default(false),
    streetView: text("street_view"),
    notes: text("notes"),
    /**
     * The site's cameras as the investigation search answers them (lib/investigation/find-sites.ts), in the
     * owner's order: one GiST scan of registrations then answers a radius search without reading a camera row.
     * Kept by PostgreSQL itself (migration 0016: triggers on cameras, and on street_centerlines for
     * coneCrossesStreet), in the same transaction as every camera write, so it is never stale. Written by
     * nothing else. Stored as `json` (text), not `jsonb`: the triggers build it as jsonb and store jsonb's text,
     * so the search answers it as it is stored (`::text` costs nothing) instead of printing a jsonb value per site
     * found (migration 0017: ~1/3 of the statement's time at the 1M density).
     */
    searchCameras: json("search_cameras").$type<SearchCamera[]>().notNull().default(sql`'[]'::json`),
    /**
     * The site faces the street: its owner says it records street traffic, or one of its cameras records the
     * street or has a cone that crosses a street centerline (the ranking's facesStreet). Computed by PostgreSQL
     * from the row on every write (a stored generated column, migration 0017), so the search reads it instead of
     * testing each site's cameras per search.
     */
    facesStreet: boolean("faces_street")
      .notNull()
      .generatedAlwaysAs(
        sql`records_street_traffic or search_cameras::jsonb @> '[{"recordsStreet": true}]' or search_cameras::jsonb @> '[{"coneCrossesStreet": true}]'`,
      ),

    /**
     * The location's longitude and latitude (ST_X/ST_Y of `location`, exactly), stored so the search answers them
     * without casting each found site's geography to geometry (migration 0018).
     */
    locationLng: doublePrecision("location_lng").generatedAlwaysAs(sql`ST_X(location::geometry)`),
    locationLat: doublePrecision("location_lat").generatedAlwaysAs(sql`ST_Y(location::geometry)`),
    /**
     * The location in Earth-centred, Earth-fixed metres on the WGS 84 ellipsoid (lib/geo/ecef.ts's `ecefOf`, the
     * same formula): the radius search's distance to each site is the geodesic worked out from the straight line
     * between the two (arcFromChord), to about a micrometre of PostGIS's spheroid ST_Distance at a fraction of
     * its cost (migration 0018).
     */
    locationEcefX: doublePrecision("location_ecef_x").generatedAlwaysAs(sql.raw(ecefColumnSql("x"))),
    locationEcefY: doublePrecision("location_ecef_y").generatedAlwaysAs(sql.raw(ecefColumnSql("y"))),
    locationEcefZ: doublePrecision("location_ecef_z").generatedAlwaysAs(sql.raw(ecefColumnSql("z"))),

    /** The resident's language (a messages/<locale>.json code): e-mails go out in it, staff see it beside the contact. */
    locale: text("locale").notNull().default("en"),

    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    termsVersion: text("terms_version").notNull(),
    lastConfirmedAt: timestamp("last_confirmed_at", { withTimezone: true }).notNull().defaultNow(),
    manageTokenHash: text("manage_token_hash"),
    manageTokenRotatedAt: timestamp("manage_token_rotated_at", { withTimezone: true }),
    inactiveSince: timestamp("inactive_since", { withTimezone: true }),
    /** Set when staff merged this registration into another (the duplicate keeps its history). */
    mergedIntoId: uuid("merged_into_id"),
    /** Last re-confirmation reminder e-mailed to the owner, so reminders are not repeated daily. */
    reconfirmReminderSentAt: timestamp("reconfirm_reminder_sent_at", { withTimezone: true }),
    /**
     * A public submission for an address that was already registered is never merged into the
     * existing registration: it is held as its own pending_review registration pointing here,
     * for staff to merge or keep.
     */
    duplicateOfId: uuid("duplicate_of_id"),
    /** Last fresh link e-mailed from the lost-link page (at most one per LOST_LINK_RESEND_MIN). */
    lostLinkSentAt: timestamp("lost_link_sent_at", { withTimezone: true }),
    /** Last "someone registered your address again" e-mail to this owner (at most one a day). */
    duplicateNoticeSentAt: timestamp("duplicate_notice_sent_at", { withTimezone: true }),

    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registrations_location_gist").using("gist", t.location),
    index("registrations_status_idx").on(t.status),
    index("registrations_address_normalized_idx").on(t.addressNormalized),
    uniqueIndex("registrations_manage_token_idx").on(t.manageTokenHash),
  ],
);

/** Every status change, with who made it and why; kept after contacts are erased. */
export const registrationStatusHistory = pgTable(
  "registration_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    fromStatus: registrationStatus("from_status"),
    toStatus: registrationStatus("to_status").notNull(),
    reason: text("reason"),
    actor: text("actor").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("registration_status_history_reg_idx").on(t.registrationId)],
);

export type Registration = typeof registrations.$inferSelect;
export type NewRegistration = typeof registrations.$inferInsert;

/** One camera in registrations.search_cameras (built by the SQL function camera_search_entry, migration 0016). */
export interface SearchCamera {
  id: string;
  position: string;
  bearingDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  recordsStreet: boolean;
  coneCrossesStreet: boolean;
  note: string | null;
  /** The cone's apex (the camera's point) as [lng, lat]; null when the camera has no stored cone. */
  coneOrigin: [number, number] | null;
}
