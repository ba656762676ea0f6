import "server-only";
import { languageNameForStaff } from "@/lib/i18n/config";
import * as turf from "@turf/turf";
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { cameras, canvassEntries, contactAttempts, incidents, registrations, users, type Camera, type Registration } from "@/db/schema";
import type { LngLat } from "@/db/ewkb";
import { blockFaceFor } from "./block-face";
import type { CanvassAttempt, CanvassCamera, CanvassIncident, CanvassRow, CanvassSheet } from "./canvass-types";
import { namedCenterlinesNear } from "./centerlines-near";
import { footageStatus } from "../investigation/footage-status";
import { siteChangesSince, type CurrentSite, type SiteChange } from "./site-changes";

type Reader = Pick<Db, "select">;

export async function loadIncident(db: Reader, incidentId: string): Promise<CanvassIncident | null> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, incidentId)).limit(1);
  if (!row) return null;
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    title: row.title,
    offense: row.offense,
    description: row.description,
    address: row.address,
    status: row.status,
    point: row.point?.coordinates ?? null,
    route: row.route?.coordinates ?? null,
    radiusM: row.radiusM,
    widthM: row.widthM,
    occurredFrom: row.occurredFrom,
    occurredTo: row.occurredTo,
  };
}

/** Where a walk starts: the incident point, else the start of the route of travel. */
export function walkStartOf(incident: Pick<CanvassIncident, "point" | "route">): LngLat | null {
  return incident.point ?? incident.route?.[0] ?? null;
}

export function coversIncident(incident: CanvassIncident, cone: { type: "Polygon"; coordinates: LngLat[][] } | null): boolean {
  if (!cone) return false;
  if (incident.point) return turf.booleanPointInPolygon(incident.point, cone);
  if (incident.route && incident.route.length > 1) return turf.booleanIntersects(turf.lineString(incident.route), turf.polygon(cone.coordinates));
  return false;
}

/** The registrations' cameras as they are now, by registration, judged against the incident's spot. */
export function liveCamerasBySite(cameraRows: Camera[], incident: CanvassIncident): Map<string, CanvassCamera[]> {
  const camerasBySite = new Map<string, CanvassCamera[]>();
  for (const c of cameraRows) {
    const list = camerasBySite.get(c.registrationId) ?? [];
    list.push({
      position: c.position,
      bearingDeg: c.bearingDeg,
      fovDeg: c.fovDeg,
      rangeM: c.rangeM,
      recordsStreet: c.recordsStreet,
      // Live cameras (entries without a snapshot only): the street test needs the centerlines, so recordsStreet stands in.
      facesStreet: c.recordsStreet,
      coversIncident: coversIncident(incident, c.viewCone),
      note: c.note,
    });
    camerasBySite.set(c.registrationId, list);
  }
  return camerasBySite;
}

/** A registration as it is today, in the shape its canvass snapshot is compared with (lib/canvass/site-changes.ts). */
export function currentSiteOf(r: Registration, liveCameras: CanvassCamera[]): CurrentSite {
  return {
    status: r.status,
    address: { line1: r.addressLine1, unit: r.addressUnit, city: r.addressCity, state: r.addressState, zip: r.addressZip },
    location: r.location?.coordinates ?? null,
    retentionDays: r.retentionDays,
    recordingMode: r.recordingMode,
    playback: r.playback,
    cameras: liveCameras.map((c) => ({ ...c, seesSpot: c.coversIncident })),
  };
}

/**
 * Which entries of an incident's canvass the owner has changed since the save, and what changed: the canvass
 * stop shows it in full, lists (the incident page's table) flag it. No contact details are read.
 */
export async function canvassChangesSince(db: Reader, incidentId: string): Promise<Map<string, { at: Date; changes: SiteChange[] }>> {
  const incident = await loadIncident(db, incidentId);
  const found = new Map<string, { at: Date; changes: SiteChange[] }>();
  if (!incident) return found;
  const entries = await db
    .select({ entryId: canvassEntries.id, snapshot: canvassEntries.snapshot, registration: registrations })
    .from(canvassEntries)
    .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
    .where(eq(canvassEntries.incidentId, incidentId));
  const ids = entries.filter((e) => e.snapshot).map((e) => e.registration.id);
  if (ids.length === 0) return found;
  const cameraRows = await db.select().from(cameras).where(inArray(cameras.registrationId, ids)).orderBy(asc(cameras.createdAt), asc(cameras.id));
  const camerasBySite = liveCamerasBySite(cameraRows, incident);
  for (const { entryId, snapshot, registration } of entries) {
    if (!snapshot) continue;
    const changes = siteChangesSince(snapshot, currentSiteOf(registration, camerasBySite.get(registration.id) ?? []));
    if (changes.length > 0) found.set(entryId, { at: registration.updatedAt, changes });
  }
  return found;
}

/**
 * An incident's whole canvass: entries in walk order with their site's
 * address, contacts, cameras and retention, the footage deadline and the
 * street centerlines around it. Contacts are PII: callers audit the read.
 */
export async function loadCanvassSheet(
  db: Reader,
  incidentId: string,
  options: { timeZone: string; agencyName: string; now?: Date },
): Promise<CanvassSheet | null> {
  const incident = await loadIncident(db, incidentId);
  if (!incident) return null;
  const now = options.now ?? new Date();
  const assignee = alias(users, "assignee");
  const entries = await db
    .select({ entry: canvassEntries, registration: registrations, assigneeName: assignee.name })
    .from(canvassEntries)
    .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
    .leftJoin(assignee, eq(assignee.id, canvassEntries.assignedTo))
    .where(eq(canvassEntries.incidentId, incidentId));

  const registrationIds = entries.map((e) => e.registration.id);
  const entryIds = entries.map((e) => e.entry.id);
  const cameraRows = registrationIds.length
    ? await db.select().from(cameras).where(inArray(cameras.registrationId, registrationIds)).orderBy(asc(cameras.createdAt), asc(cameras.id))
    : [];
  const attemptRows = entryIds.length
    ? await db
        .select({ attempt: contactAttempts, byName: users.name })
        .from(contactAttempts)
        .leftJoin(users, eq(users.id, contactAttempts.by))
        .where(inArray(contactAttempts.canvassEntryId, entryIds))
        .orderBy(asc(contactAttempts.at))
    : [];

  const camerasBySite = liveCamerasBySite(cameraRows, incident);
  const attemptsByEntry = new Map<string, CanvassAttempt[]>();
  for (const { attempt, byName } of attemptRows) {
    const list = attemptsByEntry.get(attempt.canvassEntryId) ?? [];
    list.push({ id: attempt.id, contact: attempt.contact, method: attempt.method, note: attempt.note, byName, at: attempt.at });
    attemptsByEntry.set(attempt.canvassEntryId, list);
  }

  const rows: CanvassRow[] = entries.map(({ entry, registration: r, assigneeName }) => {
    const liveCameras = camerasBySite.get(r.id) ?? [];
    const current = currentSiteOf(r, liveCameras);
    const snap = entry.snapshot;
    // The record is what the search found at the save; the registration today only adds "updated since".
    const site = snap
      ? {
          address: snap.address,
          location: snap.location,
          retentionDays: snap.retentionDays,
          recordingMode: snap.recordingMode,
          playback: snap.playback,
          cameras: snap.cameras.map((c) => ({ ...c, coversIncident: c.seesSpot })),
          facesStreet: snap.facesStreet,
          seesSpot: snap.seesSpot,
        }
      : {
          ...current,
          cameras: liveCameras,
          facesStreet: r.recordsStreetTraffic || liveCameras.some((c) => c.facesStreet),
          seesSpot: liveCameras.some((c) => c.coversIncident),
        };
    const changes = snap ? siteChangesSince(snap, current) : [];
    const face = blockFaceFor(site.address.line1);
    // Retention as found at the save and the incident's time: the deadline is as fixed as the record.
    const footage = footageStatus(incident.occurredFrom, site.retentionDays, options.timeZone, now);
    return {
      entryId: entry.id,
      registrationId: r.id,
      walkOrder: entry.walkOrder,
      blockFaceKey: face.key,
      blockFaceLabel: face.label,
      distanceM: entry.distanceM,
      outcome: entry.outcome,
      clockOffsetS: entry.clockOffsetS,
      notes: entry.notes,
      footageNotes: entry.footageNotes,
      assignedToId: entry.assignedTo,
      assignedToName: assigneeName,
      updatedAt: entry.updatedAt,
      addressLine1: site.address.line1,
      addressUnit: site.address.unit,
      addressCity: site.address.city,
      location: site.location,
      owner: { name: r.ownerName, businessName: r.businessName, phone: r.ownerPhone, email: r.ownerEmail, language: languageNameForStaff(r.locale) },
      alternate: { name: r.alternateName, phone: r.alternatePhone, email: r.alternateEmail },
      registrantNotes: r.notes,
      playback: site.playback,
      retentionDays: site.retentionDays,
      recordingMode: site.recordingMode,
      footageDeadline: footage.expiresAt ? new Date(footage.expiresAt) : null,
      deadlineStatus: footage.status,
      cameras: site.cameras,
      facesStreet: site.facesStreet,
      seesSpot: site.seesSpot,
      snapshotTakenAt: snap ? new Date(snap.takenAt) : null,
      updatedSince: changes.length > 0 ? { at: r.updatedAt, changes } : null,
      attempts: attemptsByEntry.get(entry.id) ?? [],
    };
  });
  rows.sort(
    (a, b) =>
      (a.walkOrder ?? Number.MAX_SAFE_INTEGER) - (b.walkOrder ?? Number.MAX_SAFE_INTEGER) ||
      (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) ||
      a.addressLine1.localeCompare(b.addressLine1),
  );

  const start = walkStartOf(incident);
  const mapPoints: LngLat[] = [...(start ? [start] : []), ...(incident.route ?? []), ...rows.flatMap((r) => (r.location ? [r.location] : []))];
  const streets = await namedCenterlinesNear(db, mapPoints, Math.max(150, incident.radiusM ?? 0));
  return {
    agencyName: options.agencyName,
    timeZone: options.timeZone,
    incident,
    rows,
    centerlines: streets.map((s) => s.line),
    centerlineNames: streets.map((s) => s.name),
    generatedAt: now,
  };
}
