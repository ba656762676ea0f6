import { pgEnum } from "drizzle-orm/pg-core";
import {
  CAMERA_POSITIONS,
  CANVASS_OUTCOMES,
  CONTACT_METHODS,
  CONTACT_WHICH,
  EVIDENCE_SCAN_STATUSES,
  EVIDENCE_SOURCES,
  EVIDENCE_STATUSES,
  FOOTAGE_DECLINE_REASONS,
  FOOTAGE_DELIVERIES,
  FOOTAGE_REQUEST_STATES,
  INCIDENT_STATUSES,
  LOCATION_METHODS,
  PLAYBACK_FORMATS,
  RECORDING_MODES,
  REGISTRATION_STATUSES,
  STAFF_ROLES,
} from "./enum-values";

export const registrationStatus = pgEnum("registration_status", REGISTRATION_STATUSES);
export const playbackFormat = pgEnum("playback_format", PLAYBACK_FORMATS);
export const recordingMode = pgEnum("recording_mode", RECORDING_MODES);
export const cameraPosition = pgEnum("camera_position", CAMERA_POSITIONS);
export const locationMethod = pgEnum("location_method", LOCATION_METHODS);
export const staffRole = pgEnum("staff_role", STAFF_ROLES);
export const canvassOutcome = pgEnum("canvass_outcome", CANVASS_OUTCOMES);
export const contactWhich = pgEnum("contact_which", CONTACT_WHICH);
export const contactMethod = pgEnum("contact_method", CONTACT_METHODS);
export const incidentStatus = pgEnum("incident_status", INCIDENT_STATUSES);
export const footageRequestState = pgEnum("footage_request_state", FOOTAGE_REQUEST_STATES);
export const footageDelivery = pgEnum("footage_delivery", FOOTAGE_DELIVERIES);
export const footageDeclineReason = pgEnum("footage_decline_reason", FOOTAGE_DECLINE_REASONS);
export const evidenceSource = pgEnum("evidence_source", EVIDENCE_SOURCES);
export const evidenceStatus = pgEnum("evidence_status", EVIDENCE_STATUSES);
export const evidenceScanStatus = pgEnum("evidence_scan_status", EVIDENCE_SCAN_STATUSES);
