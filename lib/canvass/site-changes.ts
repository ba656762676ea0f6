/**
 * What an owner changed at a site since the incident was saved: the canvass
 * keeps the snapshot (db/schema/site-snapshot.ts) and lists these beside it as
 * "updated since", never replacing what the search found. Pure.
 */
import * as turf from "@turf/turf";
import type { SiteSnapshot } from "@/db/schema/site-snapshot";

export interface SiteChange {
  /** Stable key: address, location, status, retentionDays, recordingMode, playback, cameras. */
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface CurrentSite {
  status: string;
  address: SiteSnapshot["address"];
  location: [number, number] | null;
  retentionDays: number | null;
  recordingMode: string;
  playback: string;
  cameras: { position: string; bearingDeg: number | null; fovDeg: number | null; rangeM: number | null; recordsStreet: boolean; seesSpot: boolean }[];
}

/** A pin moved less than this is the same place (re-geocoding the same address wobbles by centimetres). */
const MOVED_M = 5;

const STATUS_TEXT: Record<string, string> = {
  active: "active",
  pending_review: "back in review (not verified)",
  inactive: "closed: the owner moved away",
  withdrawn: "withdrawn by the owner",
};

export function addressText(a: SiteSnapshot["address"]): string {
  return `${a.line1}${a.unit ? ` ${a.unit}` : ""}, ${a.city}, ${a.state} ${a.zip}`;
}

export function cameraText(c: CurrentSite["cameras"][number]): string {
  const facing = c.bearingDeg === null ? "direction unknown" : `faces ${Math.round(c.bearingDeg)}°`;
  const cone = c.bearingDeg === null ? [] : [c.fovDeg === null ? null : `${Math.round(c.fovDeg)}° wide`, c.rangeM === null ? null : `${Math.round(c.rangeM)} m`];
  const what = [c.recordsStreet ? "records street" : null, c.seesSpot ? "sees the spot" : null];
  return [c.position.replace("_", "/"), facing, ...cone, ...what].filter(Boolean).join(", ");
}

const days = (n: number | null) => (n === null ? "unknown" : `${n} days`);
const camerasText = (list: CurrentSite["cameras"]) => (list.length === 0 ? "no cameras" : list.map(cameraText).join("; "));

export function siteChangesSince(snapshot: SiteSnapshot, current: CurrentSite): SiteChange[] {
  const changes: SiteChange[] = [];
  const add = (field: string, label: string, before: string, after: string) => {
    if (before !== after) changes.push({ field, label, before, after });
  };
  // The search only finds active sites, so the snapshot's status is "active".
  add("status", "Registration", STATUS_TEXT.active, STATUS_TEXT[current.status] ?? current.status);
  add("address", "Address", addressText(snapshot.address), addressText(current.address));
  if (snapshot.location && current.location) {
    const movedM = turf.distance(snapshot.location, current.location, { units: "meters" });
    if (movedM >= MOVED_M) changes.push({ field: "location", label: "Map pin", before: "where the search found it", after: `moved ${Math.round(movedM)} m` });
  } else if (snapshot.location || current.location) {
    add("location", "Map pin", snapshot.location ? "placed" : "none", current.location ? "placed" : "none");
  }
  add("retentionDays", "Keeps footage", days(snapshot.retentionDays), days(current.retentionDays));
  add("recordingMode", "Recording", snapshot.recordingMode, current.recordingMode);
  add("playback", "Playback", snapshot.playback, current.playback);
  add("cameras", "Cameras", camerasText(snapshot.cameras), camerasText(current.cameras));
  return changes;
}
