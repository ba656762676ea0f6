/** Incidents, the canvass stops on them, and footage requests sent to a stop's owner. */
import crypto from "node:crypto";
import * as turf from "@turf/turf";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { LngLat } from "@/db/ewkb";
import { point } from "@/db/postgis";
import { canvassEntries, footageRequests, incidents, type CanvassEntry, type FootageRequest, type Incident } from "@/db/schema";
import { snapshotCanvassEntries } from "@/lib/canvass/site-snapshot-sql";
import { generateUploadToken, hashUploadToken } from "@/lib/evidence/tokens";

export interface IncidentOverrides {
  /** The incident's point; defaults to 10300 W Roosevelt Rd. */
  point?: LngLat;
  /** A route of travel replaces the point, as the map saves it. */
  route?: LngLat[];
  radiusM?: number;
  occurredFrom?: Date;
  occurredTo?: Date;
  caseNumber?: string;
  title?: string;
  address?: string;
  status?: "open" | "closed";
  createdBy?: string;
}

export async function createIncident(db: Db, overrides: IncidentOverrides = {}): Promise<Incident> {
  const at = overrides.point ?? [-87.878, 41.8674];
  const occurredFrom = overrides.occurredFrom ?? new Date(Date.now() - 3600_000);
  const [incident] = await db
    .insert(incidents)
    .values({
      caseNumber: overrides.caseNumber ?? `26-${crypto.randomInt(10000, 99999)}`,
      title: overrides.title ?? null,
      address: overrides.address ?? null,
      status: overrides.status ?? "open",
      point: overrides.route ? null : point(at[0], at[1]),
      route: overrides.route ? { type: "LineString", coordinates: overrides.route } : null,
      radiusM: overrides.route ? null : (overrides.radiusM ?? 250),
      widthM: overrides.route ? 60 : null,
      occurredFrom,
      occurredTo: overrides.occurredTo ?? new Date(occurredFrom.getTime() + 15 * 60_000),
      createdBy: overrides.createdBy ?? null,
    })
    .returning();
  return incident;
}

export interface CanvassEntryOverrides {
  incident: Pick<Incident, "id" | "point">;
  registration: { id: string; location: { coordinates: LngLat } | null };
  /** Where the stop's distance is measured from: the incident's point unless given (a route has none). */
  from?: LngLat;
}

/** A canvass stop, with the snapshot of the site an incident's save keeps. */
export async function createCanvassEntry(db: Db, overrides: CanvassEntryOverrides): Promise<CanvassEntry> {
  const { incident, registration } = overrides;
  const from = overrides.from ?? incident.point?.coordinates;
  const [entry] = await db
    .insert(canvassEntries)
    .values({
      incidentId: incident.id,
      registrationId: registration.id,
      distanceM: registration.location && from ? turf.distance(from, registration.location.coordinates, { units: "meters" }) : null,
    })
    .returning();
  await snapshotCanvassEntries(db, incident.id);
  const [withSnapshot] = await db.select().from(canvassEntries).where(eq(canvassEntries.id, entry.id));
  return withSnapshot;
}

export interface FootageRequestOverrides {
  incident: Pick<Incident, "id" | "occurredFrom" | "occurredTo">;
  canvassEntryId: string;
  expiresInDays?: number;
}

/** A footage request for a canvass stop, delivered "by link" over the incident's window, with the link's clear token. */
export async function createFootageRequest(db: Db, overrides: FootageRequestOverrides): Promise<FootageRequest & { token: string }> {
  const { incident, canvassEntryId, expiresInDays = 7 } = overrides;
  const token = generateUploadToken();
  const [request] = await db
    .insert(footageRequests)
    .values({
      canvassEntryId,
      incidentId: incident.id,
      tokenHash: hashUploadToken(token),
      windowFrom: incident.occurredFrom,
      windowTo: incident.occurredTo,
      delivery: "link",
      expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
    })
    .returning();
  return { ...request, token };
}
