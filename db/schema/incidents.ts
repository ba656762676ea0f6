import { index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { geographyLineString, geographyPoint } from "../postgis";
import { canvassOutcome, contactMethod, contactWhich, incidentStatus } from "./enums";
import { registrations } from "./registrations";
import type { SiteSnapshot } from "./site-snapshot";
import { users } from "./users";

/** An incident: a point with a radius, or a route of travel with a corridor width, and a time window. */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseNumber: text("case_number"),
    title: text("title"),
    /** What happened, in the department's words ("Burglary", "Hit and run"). */
    offense: text("offense"),
    description: text("description"),
    /** The incident's address: typed by the detective, or the nearest address point to the pin at the save. */
    address: text("address"),
    status: incidentStatus("status").notNull().default("open"),
    /** Who closed it and when; cleared again on reopening (the audit trail keeps every close and reopen). */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    point: geographyPoint("point"),
    route: geographyLineString("route"),
    radiusM: real("radius_m"),
    widthM: real("width_m"),
    occurredFrom: timestamp("occurred_from", { withTimezone: true }).notNull(),
    occurredTo: timestamp("occurred_to", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("incidents_point_gist").using("gist", t.point), index("incidents_created_at_idx").on(t.createdAt)],
);

/** One site on an incident's canvass. */
export const canvassEntries = pgTable(
  "canvass_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    outcome: canvassOutcome("outcome").notNull().default("not_contacted"),
    /** Recorder clock minus true time, in seconds (positive: the recorder runs fast). */
    clockOffsetS: integer("clock_offset_s"),
    notes: text("notes"),
    footageNotes: text("footage_notes"),
    distanceM: real("distance_m"),
    walkOrder: integer("walk_order"),
    assignedTo: uuid("assigned_to").references(() => users.id),
    /**
     * The site as the search found it when the incident was saved (address, cameras, retention…): the
     * canvass shows this, and later owner changes beside it as "updated since". Contacts are not kept here:
     * they stay current (that is who to call).
     */
    snapshot: jsonb("snapshot").$type<SiteSnapshot>(),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("canvass_entries_incident_registration_idx").on(t.incidentId, t.registrationId),
    index("canvass_entries_assigned_idx").on(t.assignedTo),
  ],
);

/** Each attempt to reach an owner or alternate contact during a canvass. */
export const contactAttempts = pgTable(
  "contact_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    canvassEntryId: uuid("canvass_entry_id")
      .notNull()
      .references(() => canvassEntries.id, { onDelete: "cascade" }),
    contact: contactWhich("contact").notNull(),
    method: contactMethod("method").notNull(),
    note: text("note"),
    by: uuid("by").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contact_attempts_entry_idx").on(t.canvassEntryId)],
);

export type Incident = typeof incidents.$inferSelect;
export type CanvassEntry = typeof canvassEntries.$inferSelect;
