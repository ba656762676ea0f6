/**
 * The value lists of every database enum, as plain tuples with no imports, so
 * the zod schemas and client components can share them without pulling
 * drizzle into the browser bundle. db/schema/enums.ts builds the pgEnums from
 * these; a value added here needs a migration (`npm run db:generate`).
 */
export const REGISTRATION_STATUSES = ["pending_review", "active", "inactive", "withdrawn"] as const;
export const PLAYBACK_FORMATS = ["standard", "proprietary", "unknown"] as const;
/** How a system records: always, only on motion, on a schedule, or the owner does not know. */
export const RECORDING_MODES = ["continuous", "motion", "scheduled", "unknown"] as const;
export const CAMERA_POSITIONS = ["front", "rear", "side", "garage_alley", "parking_lot", "other"] as const;
export const LOCATION_METHODS = ["address_point", "interpolated", "intersection", "manual", "remote"] as const;
export const STAFF_ROLES = ["detective", "supervisor", "admin"] as const;
export const CANVASS_OUTCOMES = [
  "not_contacted",
  "no_answer",
  "notice_left",
  "footage_requested",
  "footage_collected",
  "no_relevant_footage",
  "overwritten",
  "declined",
] as const;
export const CONTACT_WHICH = ["primary", "alternate"] as const;
export const CONTACT_METHODS = ["visit", "phone", "email"] as const;
export const INCIDENT_STATUSES = ["open", "closed"] as const;
/** A footage request's stored state; "expired" is also derived from expires_at on read. */
export const FOOTAGE_REQUEST_STATES = ["sent", "opened", "uploading", "received", "declined", "expired", "revoked"] as const;
export const FOOTAGE_DELIVERIES = ["link", "email", "sms"] as const;
export const FOOTAGE_DECLINE_REASONS = ["no_footage", "overwritten", "in_person", "other"] as const;
export const EVIDENCE_SOURCES = ["owner_upload", "in_person"] as const;
/** uploading: bytes still arriving (never listed as received); quarantined: flagged by the virus scanner. */
export const EVIDENCE_STATUSES = ["uploading", "received", "quarantined", "purged"] as const;
/**
 * The virus scan of a received item (null: no scanner was configured). pending: received, scan not
 * finished (or the app stopped during it); not_scanned: clamd could not give a verdict; both are
 * scanned again before the file is released. infected items are also status "quarantined".
 */
export const EVIDENCE_SCAN_STATUSES = ["pending", "clean", "infected", "not_scanned"] as const;
