import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { evidenceScanStatus, evidenceSource, evidenceStatus, footageDeclineReason, footageDelivery, footageRequestState } from "./enums";
import { canvassEntries, incidents } from "./incidents";
import { users } from "./users";

/** One camera the owner is asked to look at, as the request described it when sent. */
export interface RequestedCamera {
  position: string;
  bearingDeg: number | null;
  recordsStreet: boolean;
  coversIncident: boolean;
}

/**
 * A request to a site's owner for the incident's video, with one private upload
 * link. Only the SHA-256 of the link's token is stored: the token itself is shown
 * once (to the detective, or in the message sent) and never written anywhere.
 * The window and the recorder's clock offset are copied at sending time, so the
 * request reads as the owner saw it even if the canvass entry changes later.
 */
export const footageRequests = pgTable(
  "footage_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    canvassEntryId: uuid("canvass_entry_id")
      .notNull()
      .references(() => canvassEntries.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    state: footageRequestState("state").notNull().default("sent"),
    windowFrom: timestamp("window_from", { withTimezone: true }).notNull(),
    windowTo: timestamp("window_to", { withTimezone: true }).notNull(),
    /** Recorder clock minus true time, seconds, as recorded on the stop when the request was sent. */
    clockOffsetS: integer("clock_offset_s"),
    cameras: jsonb("cameras").$type<RequestedCamera[]>().notNull().default([]),
    note: text("note"),
    delivery: footageDelivery("delivery").notNull(),
    /** The e-mail address or phone number the link went to (null for "link"). */
    deliveredTo: text("delivered_to"),
    /** "sent", "failed: …" or null for "link". */
    deliveryResult: text("delivery_result"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    declineReason: footageDeclineReason("decline_reason"),
    declineNote: text("decline_note"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("footage_requests_entry_idx").on(t.canvassEntryId), index("footage_requests_incident_idx").on(t.incidentId)],
);

/**
 * One file received as evidence. The bytes live on disk named by this id
 * (never by the uploaded name, which is kept as data only). Rows in
 * "uploading" are partial and are never shown as received.
 */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    footageRequestId: uuid("footage_request_id").references(() => footageRequests.id, { onDelete: "set null" }),
    canvassEntryId: uuid("canvass_entry_id").references(() => canvassEntries.id, { onDelete: "set null" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    source: evidenceSource("source").notNull(),
    status: evidenceStatus("status").notNull().default("uploading"),
    originalName: text("original_name").notNull(),
    /** What the uploader said it is (Upload-Metadata filetype). */
    declaredType: text("declared_type"),
    /** What the first bytes say it is (file-type); null when unrecognised (e.g. text). */
    detectedType: text("detected_type"),
    /** The content is not what its name or declared type claims. */
    typeMismatch: boolean("type_mismatch").notNull().default(false),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256"),
    /** ffprobe facts for video: duration, codec, resolution, creation time. */
    media: jsonb("media").$type<Record<string, unknown>>(),
    hasPoster: boolean("has_poster").notNull().default(false),
    /** The virus scan (clamd); null when no scanner was configured at receipt. */
    scanStatus: evidenceScanStatus("scan_status"),
    /** The signature clamd found, or why it gave no verdict, or the engine/database version that passed it. */
    scanResult: text("scan_result"),
    scannedAt: timestamp("scanned_at", { withTimezone: true }),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp("received_at", { withTimezone: true }),
  },
  (t) => [
    index("evidence_items_request_idx").on(t.footageRequestId),
    index("evidence_items_incident_idx").on(t.incidentId),
    index("evidence_items_entry_idx").on(t.canvassEntryId),
  ],
);

/**
 * The chain of custody: append-only, like audit_log (a trigger refuses UPDATE,
 * DELETE and TRUNCATE). No foreign key to the item, so the log outlives a purge.
 */
export const evidenceCustody = pgTable(
  "evidence_custody",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    evidenceItemId: uuid("evidence_item_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** received, collected_in_person, scanned, not_scanned, quarantined, viewed, downloaded, download_refused, exported, purged */
    event: text("event").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    reason: text("reason"),
    sha256: text("sha256"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("evidence_custody_item_idx").on(t.evidenceItemId, t.at)],
);

/**
 * A legal hold on an incident's evidence: while a row exists, the retention
 * purge leaves every item of the incident alone. Set and cleared by a
 * supervisor; each change is in the audit trail (this row is only the current state).
 */
export const evidenceLegalHolds = pgTable("evidence_legal_holds", {
  incidentId: uuid("incident_id")
    .primaryKey()
    .references(() => incidents.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  setBy: uuid("set_by").references(() => users.id),
  setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
});

export type FootageRequest = typeof footageRequests.$inferSelect;
export type EvidenceItem = typeof evidenceItems.$inferSelect;
export type EvidenceCustodyEvent = typeof evidenceCustody.$inferSelect;
export type EvidenceLegalHold = typeof evidenceLegalHolds.$inferSelect;
