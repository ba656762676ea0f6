import { pgEnum } from "drizzle-orm/pg-core";

export const registrationStatus = pgEnum("registration_status", ["pending_review", "active", "inactive", "withdrawn"]);
export const playbackFormat = pgEnum("playback_format", ["standard", "proprietary", "unknown"]);
export const cameraPosition = pgEnum("camera_position", ["front", "rear", "side", "garage_alley", "parking_lot", "other"]);
export const locationMethod = pgEnum("location_method", ["address_point", "interpolated", "intersection", "manual", "remote"]);
export const staffRole = pgEnum("staff_role", ["detective", "supervisor", "admin"]);
export const canvassOutcome = pgEnum("canvass_outcome", [
  "not_contacted",
  "no_answer",
  "notice_left",
  "footage_requested",
  "footage_collected",
  "no_relevant_footage",
  "overwritten",
  "declined",
]);
export const contactWhich = pgEnum("contact_which", ["primary", "alternate"]);
export const contactMethod = pgEnum("contact_method", ["visit", "phone", "email"]);
export const incidentStatus = pgEnum("incident_status", ["open", "closed"]);
