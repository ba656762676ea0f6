/**
 * The canvass of one incident as the exports and pages see it: plain data,
 * loaded once by lib/canvass/load-canvass.ts and rendered by pure code.
 */
import type { LngLat } from "@/db/ewkb";
import { CANVASS_OUTCOMES, CONTACT_METHODS, CONTACT_WHICH } from "@/db/schema/enum-values";
import type { FootageStatus } from "../investigation/footage-status";
import type { SiteChange } from "./site-changes";
import { incidentTitle } from "../investigation/incident-title";

export { CANVASS_OUTCOMES };
export type CanvassOutcome = (typeof CANVASS_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<CanvassOutcome, string> = {
  not_contacted: "Not contacted",
  no_answer: "No answer",
  notice_left: "Notice left",
  footage_requested: "Footage requested",
  footage_collected: "Footage collected",
  no_relevant_footage: "No relevant footage",
  overwritten: "Overwritten",
  declined: "Declined",
};

/** Outcomes after which nobody needs to go back. */
export const FINAL_OUTCOMES: readonly CanvassOutcome[] = ["footage_collected", "no_relevant_footage", "overwritten", "declined"];

export const PLAYBACK_LABELS: Record<string, string> = {
  standard: "Standard file (MP4/AVI)",
  proprietary: "Recorder's own player",
  unknown: "Unknown",
};

/** How long the site's recorder keeps video, as a canvass stop says it ("retention not given" rather than "? days"). */
export function retentionLabel(retentionDays: number | null): string {
  return retentionDays === null ? "retention not given" : `retention ${retentionDays} day${retentionDays === 1 ? "" : "s"}`;
}

export interface CanvassCamera {
  position: string;
  bearingDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  recordsStreet: boolean;
  /** Records the street or its cone crosses a street centerline (as the search found it). */
  facesStreet: boolean;
  /** The camera's view cone contains the incident point. */
  coversIncident: boolean;
  note: string | null;
}

export interface CanvassAttempt {
  id: string;
  contact: (typeof CONTACT_WHICH)[number];
  method: (typeof CONTACT_METHODS)[number];
  note: string | null;
  byName: string | null;
  at: Date;
}

export interface CanvassRow {
  entryId: string;
  registrationId: string;
  walkOrder: number | null;
  blockFaceKey: string;
  blockFaceLabel: string;
  distanceM: number | null;
  outcome: CanvassOutcome;
  clockOffsetS: number | null;
  notes: string | null;
  footageNotes: string | null;
  assignedToId: string | null;
  assignedToName: string | null;
  updatedAt: Date;
  addressLine1: string;
  addressUnit: string | null;
  addressCity: string;
  location: LngLat | null;
  /** `language`: the resident's language in English ("Spanish"). */
  owner: { name: string | null; businessName: string | null; phone: string | null; email: string | null; language: string };
  alternate: { name: string | null; phone: string | null; email: string | null };
  /** What the registrant wrote for the police ("ask for Tomas after 3 pm"): current, like the contacts. */
  registrantNotes: string | null;
  playback: string;
  retentionDays: number | null;
  /** continuous | motion | scheduled | unknown */
  recordingMode: string;
  footageDeadline: Date | null;
  deadlineStatus: FootageStatus;
  cameras: CanvassCamera[];
  /** Any camera faces the street / sees the spot, as the search found it. */
  facesStreet: boolean;
  seesSpot: boolean;
  /**
   * The site fields above (address, location, cameras, retention, recording, playback, deadline) are what
   * the search found when the incident was saved; null for an entry saved before snapshots were kept.
   */
  snapshotTakenAt: Date | null;
  /** The owner's changes since then (edit, withdrawal), shown beside the record; contacts are always current. */
  updatedSince: { at: Date; changes: SiteChange[] } | null;
  attempts: CanvassAttempt[];
}

export interface CanvassIncident {
  id: string;
  caseNumber: string | null;
  title: string | null;
  offense: string | null;
  description: string | null;
  /** The incident's address (typed, or the nearest address point to the pin). */
  address: string | null;
  status: "open" | "closed";
  point: LngLat | null;
  route: LngLat[] | null;
  radiusM: number | null;
  widthM: number | null;
  occurredFrom: Date;
  occurredTo: Date;
}

export interface CanvassSheet {
  agencyName: string;
  timeZone: string;
  incident: CanvassIncident;
  /** In walk order. */
  rows: CanvassRow[];
  centerlines: LngLat[][];
  /** The street name of each of `centerlines` ("W Roosevelt Rd"), same order, for labels on paper. */
  centerlineNames: string[];
  generatedAt: Date;
}

export function fullAddress(row: Pick<CanvassRow, "addressLine1" | "addressUnit">): string {
  return row.addressUnit ? `${row.addressLine1} ${row.addressUnit.startsWith("#") ? "" : "Unit "}${row.addressUnit}` : row.addressLine1;
}

/** Cameras that matter to a canvass: they record the street or their cone covers the spot. */
export function relevantCameras(row: Pick<CanvassRow, "cameras">): CanvassCamera[] {
  return row.cameras.filter((c) => c.recordsStreet || c.coversIncident);
}

export function describeCamera(c: CanvassCamera): string {
  const facing = c.bearingDeg === null ? "direction unknown" : `faces ${Math.round(c.bearingDeg)}°`;
  const what = [c.coversIncident ? "sees the spot" : null, c.recordsStreet ? "records street" : null].filter(Boolean).join(", ");
  return `${c.position.replace("_", "/")} (${facing}${what ? `; ${what}` : ""})`;
}

export function incidentLabel(incident: CanvassIncident, timeZone: string): string {
  return incidentTitle(incident, timeZone);
}
