/**
 * The canvass as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads
 * it as UTF-8), RFC 4180 quoting by csv-stringify, and every text cell that a
 * spreadsheet would run as a formula (= + - @ tab CR) prefixed with a quote.
 * Registrants type these values themselves, so they are untrusted.
 */
import { stringify } from "csv-stringify/sync";
import { formatClockOffset, recorderTimeFor } from "./clock-offset";
import {
  describeCamera,
  fullAddress,
  OUTCOME_LABELS,
  PLAYBACK_LABELS,
  relevantCameras,
  type CanvassSheet,
} from "./canvass-types";
import { formatAgencyTime } from "@/lib/time/agency-time";

const FORMULA_START = /^[=+\-@\t\r]/;

/** OWASP's advice: a leading apostrophe makes the cell text, and Excel hides it. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export const CSV_COLUMNS = [
  "stop",
  "block_face",
  "address",
  "city",
  "owner_name",
  "business_name",
  "owner_phone",
  "owner_email",
  "owner_language",
  "alternate_name",
  "alternate_phone",
  "alternate_email",
  "cameras_street_or_spot",
  "cameras_all",
  "playback",
  "retention_days",
  "recording_mode",
  "footage_deadline",
  "deadline_status",
  "distance_m",
  "outcome",
  "clock_offset",
  "clock_offset_s",
  "recorder_time_to_check",
  "assigned_to",
  "contact_attempts",
  "notes",
  "footage_notes",
  "lat",
  "lng",
  "entry_id",
] as const;

export function canvassToCsv(sheet: CanvassSheet): string {
  const tz = sheet.timeZone;
  const records = sheet.rows.map((row) => {
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      stop: row.walkOrder,
      block_face: row.blockFaceLabel,
      address: fullAddress(row),
      city: row.addressCity,
      owner_name: row.owner.name,
      business_name: row.owner.businessName,
      owner_phone: row.owner.phone,
      owner_email: row.owner.email,
      owner_language: row.owner.language,
      alternate_name: row.alternate.name,
      alternate_phone: row.alternate.phone,
      alternate_email: row.alternate.email,
      cameras_street_or_spot: relevantCameras(row).map(describeCamera).join("; "),
      cameras_all: row.cameras.length,
      playback: PLAYBACK_LABELS[row.playback] ?? row.playback,
      retention_days: row.retentionDays,
      recording_mode: row.recordingMode,
      footage_deadline: formatAgencyTime(row.footageDeadline, tz),
      deadline_status: row.deadlineStatus,
      distance_m: row.distanceM === null ? null : Math.round(row.distanceM),
      outcome: OUTCOME_LABELS[row.outcome],
      clock_offset: formatClockOffset(row.clockOffsetS),
      clock_offset_s: row.clockOffsetS,
      recorder_time_to_check:
        row.clockOffsetS === null ? "" : formatAgencyTime(recorderTimeFor(sheet.incident.occurredFrom, row.clockOffsetS), tz),
      assigned_to: row.assignedToName,
      contact_attempts: row.attempts.length,
      notes: row.notes,
      footage_notes: row.footageNotes,
      lat: row.location ? row.location[1] : null,
      lng: row.location ? row.location[0] : null,
      entry_id: row.entryId,
    };
    // Numbers are ours (coordinates, counts); text can come from anyone.
    return CSV_COLUMNS.map((column) => {
      const value = cells[column];
      if (value === null || value === undefined) return "";
      return typeof value === "number" ? String(value) : neutralizeCell(value);
    });
  });
  return stringify([[...CSV_COLUMNS], ...records], { bom: true, record_delimiter: "windows", quoted_match: /[\s"',;]/ });
}
