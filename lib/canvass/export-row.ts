/**
 * The one row model behind every canvass file (CSV, GeoJSON, PDF): each stop
 * as the same named, typed fields, defined once here so the three writers
 * cannot drift apart. Times are ISO 8601 with the agency's UTC offset (exact,
 * sortable), each beside a `_local` display column in the agency's zone; codes
 * travel with their labels; the clock offset is signed integer seconds beside
 * words that never start with a sign. The site fields are the snapshot the
 * canvass keeps (what the search found at the save), with the owner's later
 * changes as "updated since"; contacts and the registrant's notes are current.
 * Pure: no database, no I/O.
 */
import type { FootageStatus } from "../investigation/footage-status";
import { formatAgencyIso, formatAgencyTime } from "@/lib/time/agency-time";
import { describeClockOffset, recorderTimeFor } from "./clock-offset";
import {
  describeCamera,
  fullAddress,
  OUTCOME_LABELS,
  PLAYBACK_LABELS,
  relevantCameras,
  type CanvassOutcome,
  type CanvassRow,
  type CanvassSheet,
} from "./canvass-types";

export const DEADLINE_STATUS_LABELS: Record<FootageStatus, string> = {
  available: "Footage retained",
  urgent: "Urgent: expires within 48 h",
  likely_overwritten: "Likely overwritten",
  unknown: "Retention unknown",
};

export const RECORDING_MODE_LABELS: Record<string, string> = {
  continuous: "Continuous",
  motion: "On motion only",
  scheduled: "On a schedule",
  unknown: "Not known",
};

export interface CanvassExportRow {
  case_number: string | null;
  incident_id: string;
  stop: number | null;
  address: string;
  city: string;
  block_face: string;
  distance_m: number | null;
  lat: number | null;
  lng: number | null;
  owner_name: string | null;
  business_name: string | null;
  owner_phone: string | null;
  owner_email: string | null;
  owner_language: string;
  alternate_name: string | null;
  alternate_phone: string | null;
  alternate_email: string | null;
  registrant_notes: string | null;
  cameras_street_or_spot: string;
  cameras_street_or_spot_count: number;
  cameras_all: number;
  sees_spot: boolean;
  faces_street: boolean;
  playback: string;
  playback_label: string;
  recording_mode: string;
  recording_mode_label: string;
  retention_days: number | null;
  footage_deadline: string | null;
  footage_deadline_local: string | null;
  deadline_status: FootageStatus;
  deadline_status_label: string;
  outcome: CanvassOutcome;
  outcome_label: string;
  clock_offset_s: number | null;
  clock_offset: string | null;
  recorder_time_from: string | null;
  recorder_time_from_local: string | null;
  recorder_time_to: string | null;
  recorder_time_to_local: string | null;
  assigned_to: string | null;
  contact_attempts: number;
  last_attempt_at: string | null;
  notes: string | null;
  footage_notes: string | null;
  entry_updated_at: string;
  snapshot_taken_at: string | null;
  site_updated_since: string | null;
  site_changes: string | null;
  entry_id: string;
}

/** Column order for the CSV, and the property order of each GeoJSON feature. */
export const EXPORT_FIELDS = [
  "case_number",
  "incident_id",
  "stop",
  "address",
  "city",
  "block_face",
  "distance_m",
  "lat",
  "lng",
  "owner_name",
  "business_name",
  "owner_phone",
  "owner_email",
  "owner_language",
  "alternate_name",
  "alternate_phone",
  "alternate_email",
  "registrant_notes",
  "cameras_street_or_spot",
  "cameras_street_or_spot_count",
  "cameras_all",
  "sees_spot",
  "faces_street",
  "playback",
  "playback_label",
  "recording_mode",
  "recording_mode_label",
  "retention_days",
  "footage_deadline",
  "footage_deadline_local",
  "deadline_status",
  "deadline_status_label",
  "outcome",
  "outcome_label",
  "clock_offset_s",
  "clock_offset",
  "recorder_time_from",
  "recorder_time_from_local",
  "recorder_time_to",
  "recorder_time_to_local",
  "assigned_to",
  "contact_attempts",
  "last_attempt_at",
  "notes",
  "footage_notes",
  "entry_updated_at",
  "snapshot_taken_at",
  "site_updated_since",
  "site_changes",
  "entry_id",
] as const satisfies readonly (keyof CanvassExportRow)[];

// Every field of the row is a column: a field added to the interface but not to the list fails to compile.
type MissingField = Exclude<keyof CanvassExportRow, (typeof EXPORT_FIELDS)[number]>;
const everyFieldListed: MissingField extends never ? true : MissingField = true;
void everyFieldListed;

/** The recorder's clock shows the incident window shifted by the offset; null until an offset is recorded. */
export function recorderWindow(row: Pick<CanvassRow, "clockOffsetS">, sheet: Pick<CanvassSheet, "incident">): { from: Date; to: Date } | null {
  if (row.clockOffsetS === null) return null;
  return { from: recorderTimeFor(sheet.incident.occurredFrom, row.clockOffsetS), to: recorderTimeFor(sheet.incident.occurredTo, row.clockOffsetS) };
}

export function siteChangesText(row: Pick<CanvassRow, "updatedSince">): string | null {
  if (!row.updatedSince) return null;
  return row.updatedSince.changes.map((c) => `${c.label}: ${c.before} → ${c.after}`).join("; ");
}

const roundTo = (value: number, step: number) => Math.round(value / step) * step;

export function toExportRow(row: CanvassRow, sheet: CanvassSheet): CanvassExportRow {
  const tz = sheet.timeZone;
  const iso = (d: Date | null) => (d ? formatAgencyIso(d, tz) : null);
  const local = (d: Date | null) => (d ? formatAgencyTime(d, tz, "en-US", { seconds: true }) : null);
  const recorder = recorderWindow(row, sheet);
  const relevant = relevantCameras(row);
  const lastAttempt = row.attempts.at(-1) ?? null;
  return {
    case_number: sheet.incident.caseNumber,
    incident_id: sheet.incident.id,
    stop: row.walkOrder,
    address: fullAddress(row),
    city: row.addressCity,
    block_face: row.blockFaceLabel,
    distance_m: row.distanceM === null ? null : Math.round(row.distanceM),
    lat: row.location ? row.location[1] : null,
    lng: row.location ? row.location[0] : null,
    owner_name: row.owner.name,
    business_name: row.owner.businessName,
    owner_phone: row.owner.phone,
    owner_email: row.owner.email,
    owner_language: row.owner.language,
    alternate_name: row.alternate.name,
    alternate_phone: row.alternate.phone,
    alternate_email: row.alternate.email,
    registrant_notes: row.registrantNotes,
    cameras_street_or_spot: relevant.map(describeCamera).join("; "),
    cameras_street_or_spot_count: relevant.length,
    cameras_all: row.cameras.length,
    sees_spot: row.seesSpot,
    faces_street: row.facesStreet,
    playback: row.playback,
    playback_label: PLAYBACK_LABELS[row.playback] ?? row.playback,
    recording_mode: row.recordingMode,
    recording_mode_label: RECORDING_MODE_LABELS[row.recordingMode] ?? row.recordingMode,
    retention_days: row.retentionDays,
    footage_deadline: iso(row.footageDeadline),
    footage_deadline_local: local(row.footageDeadline),
    deadline_status: row.deadlineStatus,
    deadline_status_label: DEADLINE_STATUS_LABELS[row.deadlineStatus],
    outcome: row.outcome,
    outcome_label: OUTCOME_LABELS[row.outcome],
    clock_offset_s: row.clockOffsetS === null ? null : roundTo(row.clockOffsetS, 1),
    clock_offset: row.clockOffsetS === null ? null : describeClockOffset(row.clockOffsetS),
    recorder_time_from: iso(recorder?.from ?? null),
    recorder_time_from_local: local(recorder?.from ?? null),
    recorder_time_to: iso(recorder?.to ?? null),
    recorder_time_to_local: local(recorder?.to ?? null),
    assigned_to: row.assignedToName,
    contact_attempts: row.attempts.length,
    last_attempt_at: iso(lastAttempt?.at ?? null),
    notes: row.notes,
    footage_notes: row.footageNotes,
    entry_updated_at: formatAgencyIso(row.updatedAt, tz),
    snapshot_taken_at: iso(row.snapshotTakenAt),
    site_updated_since: iso(row.updatedSince?.at ?? null),
    site_changes: siteChangesText(row),
    entry_id: row.entryId,
  };
}

export function toExportRows(sheet: CanvassSheet): CanvassExportRow[] {
  return sheet.rows.map((row) => toExportRow(row, sheet));
}
