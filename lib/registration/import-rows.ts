/**
 * Turn one row of an agency's existing spreadsheet into the registration API
 * shape, so it is checked by the very same zod schema as the public form.
 * Values are converted only where the meaning is unambiguous (yes/no, numbers,
 * common camera-location words); anything else is passed through as written
 * and the schema reports it against the row.
 */
import { CAMERA_POSITIONS } from "./schema";

export const IMPORT_FIELDS = [
  "ownerName", "businessName", "phone", "email", "address", "unit", "city", "state", "zip",
  "altName", "altPhone", "altEmail", "cameraLocations", "cameraCount", "retentionDays", "playback",
  "recordsStreetTraffic", "streetView", "recordingMode", "notes",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Default column headers (case-insensitive); `--map field=Column` overrides any of them. */
export const DEFAULT_COLUMNS: Record<ImportField, string> = {
  ownerName: "owner_name", businessName: "business_name", phone: "phone", email: "email", address: "address",
  unit: "unit", city: "city", state: "state", zip: "zip", altName: "alternate_name", altPhone: "alternate_phone",
  altEmail: "alternate_email", cameraLocations: "camera_locations", cameraCount: "camera_count",
  retentionDays: "retention_days", playback: "playback", recordsStreetTraffic: "records_street_traffic",
  streetView: "street_view", recordingMode: "recording_mode", notes: "notes",
};

export function parseColumnMap(args: string[]): Record<ImportField, string> {
  const map = { ...DEFAULT_COLUMNS };
  for (const arg of args) {
    const [field, column] = arg.split("=");
    if (!(IMPORT_FIELDS as readonly string[]).includes(field) || !column) {
      throw new Error(`--map ${arg}: expected field=column with field one of ${IMPORT_FIELDS.join(", ")}`);
    }
    map[field as ImportField] = column;
  }
  return map;
}

const LOCATION_WORDS: Record<string, string> = {
  front: "front", rear: "rear", back: "rear", side: "side", garage: "garage_alley", alley: "garage_alley",
  "garage/alley": "garage_alley", garage_alley: "garage_alley", "garage alley": "garage_alley",
  parking: "parking_lot", "parking lot": "parking_lot", parking_lot: "parking_lot", other: "other",
};

function yesNo(v: string): boolean | string | undefined {
  const s = v.trim().toLowerCase();
  if (!s) return undefined;
  if (["yes", "y", "true", "1", "x"].includes(s)) return true;
  if (["no", "n", "false", "0"].includes(s)) return false;
  return v;
}

function num(v: string): number | string | undefined {
  const s = v.trim();
  if (!s) return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

function playback(v: string): string {
  const s = v.trim().toLowerCase();
  if (!s) return "unknown";
  // The reference form asks "Windows Media Player compliant": yes = a standard file.
  if (["yes", "y", "true", "standard", "mp4", "avi"].includes(s)) return "standard";
  if (["no", "n", "false", "proprietary"].includes(s)) return "proprietary";
  return s;
}

// How spreadsheets tend to say it; an empty cell is "not sure", anything else goes to the schema as written.
const RECORDING_WORDS: Record<string, string> = {
  continuous: "continuous", "24/7": "continuous", "24x7": "continuous", always: "continuous", constant: "continuous",
  motion: "motion", "motion-activated": "motion", "motion activated": "motion", "on motion": "motion",
  scheduled: "scheduled", schedule: "scheduled", "on a schedule": "scheduled",
  unknown: "unknown", "not sure": "unknown", "?": "unknown",
};

function recordingMode(v: string): string {
  const s = v.trim().toLowerCase();
  if (!s) return "unknown";
  return RECORDING_WORDS[s] ?? v.trim();
}

export function rowToRegistration(row: Record<string, string>, columns: Record<ImportField, string>): Record<string, unknown> {
  const lower = Object.fromEntries(Object.entries(row).map(([k, v]) => [k.trim().toLowerCase(), v ?? ""]));
  const get = (f: ImportField) => (lower[columns[f].toLowerCase()] ?? "").trim();
  const locations = get("cameraLocations")
    .split(/[;,|]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((s) => LOCATION_WORDS[s] ?? s);
  const count = num(get("cameraCount"));
  const recordsStreetTraffic = yesNo(get("recordsStreetTraffic")) ?? false;
  return {
    eligibility: { exteriorFacing: true, recordsAndRetains: true },
    owner: { name: get("ownerName"), businessName: get("businessName"), phone: get("phone"), email: get("email") },
    address: { line1: get("address"), unit: get("unit"), city: get("city"), state: get("state"), zip: get("zip") },
    alternateContact: get("altName") || get("altPhone") ? { name: get("altName"), phone: get("altPhone"), email: get("altEmail") } : undefined,
    cameraLocations: locations,
    // The spreadsheet knows where cameras are, not which way they face: one camera per location, direction unknown.
    cameras: locations
      .filter((p) => (CAMERA_POSITIONS as readonly string[]).includes(p))
      .map((position) => ({ position, recordsStreet: false, note: "imported: direction not recorded" })),
    recordsStreetTraffic,
    streetView: get("streetView"),
    recordingMode: recordingMode(get("recordingMode")),
    playback: playback(get("playback")),
    retentionDays: num(get("retentionDays")),
    cameraCount: count ?? Math.max(locations.length, 1),
    notes: get("notes"),
    consent: true,
  };
}
