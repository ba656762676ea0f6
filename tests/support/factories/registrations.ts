/**
 * Registered sites and their cameras, inserted directly through the tables the app writes (view cones
 * via buildViewCone, as the registration flow stores them), so each test builds exactly the sites it
 * reasons about. Bulk inserts go in batches, for the spatial tests that place thousands.
 */
import type { Db } from "@/db/client";
import type { LngLat } from "@/db/ewkb";
import { point } from "@/db/postgis";
import { cameras, registrations, type NewCamera, type NewRegistration, type Registration } from "@/db/schema";
import { buildViewCone } from "@/lib/investigation/view-cone";

/** One camera; with a bearing, field of view and range it gets a view cone, as the app builds it. */
export interface CameraSpec {
  position?: NewCamera["position"];
  bearingDeg?: number | null;
  fovDeg?: number | null;
  rangeM?: number | null;
  recordsStreet?: boolean;
  /** The camera's own point; without it the camera is at the site (location null, as the app stores it). */
  at?: LngLat;
  note?: string;
  /** Leave view_cone empty, as data written without one would be. */
  withoutCone?: boolean;
}

export interface RegistrationOverrides extends Partial<Omit<NewRegistration, "location">> {
  /** Where the site is; null for a site the geocoder could not place. Defaults to 10300 W Roosevelt Rd. */
  location?: LngLat | null;
  /** The site's cameras; none unless given (the registration alone is what radius tests reason about). */
  cameras?: CameraSpec[];
}

/** 10300 W Roosevelt Rd, Westchester: the address the registration tests geocode. */
export const ROOSEVELT_10300 = { lat: 41.866, lng: -87.878 };

let registrationCounter = 0;

function registrationValues(overrides: RegistrationOverrides): NewRegistration {
  const n = ++registrationCounter;
  const { location = [ROOSEVELT_10300.lng, ROOSEVELT_10300.lat], cameras: cameraSpecs, ...rest } = overrides;
  const addressLine1 = rest.addressLine1 ?? `${10000 + n} W Test Rd`;
  return {
    status: "active",
    needsReview: false,
    source: "test",
    ownerName: `Owner of ${addressLine1}`,
    ownerPhone: "708-555-0100",
    ownerEmail: `owner${n}@example.test`,
    alternatePhone: rest.alternateName ? "708-555-0199" : null,
    addressLine1,
    addressCity: "Westchester",
    addressState: "IL",
    addressZip: "60154",
    location: location ? point(location[0], location[1]) : null,
    locationMethod: location ? "manual" : null,
    cameraLocations: ["front"],
    cameraCount: Math.max(1, cameraSpecs?.length ?? 1),
    retentionDays: 14,
    playback: "standard",
    // Fixed dates keep answers that depend on "registered at the incident's time" reproducible.
    consentAt: new Date("2026-01-01T12:00:00Z"),
    termsVersion: "test",
    createdAt: new Date("2026-01-01T12:00:00Z"),
    ...rest,
  };
}

function cameraValues(registrationId: string, site: LngLat | null, c: CameraSpec): NewCamera {
  const at = c.at ?? site;
  return {
    registrationId,
    position: c.position ?? "front",
    location: c.at ? point(c.at[0], c.at[1]) : null,
    bearingDeg: c.bearingDeg ?? null,
    fovDeg: c.fovDeg ?? null,
    rangeM: c.rangeM ?? null,
    recordsStreet: c.recordsStreet ?? false,
    note: c.note ?? null,
    viewCone: c.withoutCone || !at ? null : buildViewCone({ lng: at[0], lat: at[1], bearingDeg: c.bearingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM }),
  };
}

/** Inserts the sites (500 a statement) and their cameras; returns the registrations in input order. */
export async function createRegistrations(db: Db, overrides: RegistrationOverrides[]): Promise<Registration[]> {
  const created: Registration[] = [];
  for (let i = 0; i < overrides.length; i += 500) {
    const batch = overrides.slice(i, i + 500);
    const rows = await db.insert(registrations).values(batch.map(registrationValues)).returning();
    const cameraRows = batch.flatMap((spec, j) => (spec.cameras ?? []).map((c) => cameraValues(rows[j].id, spec.location === undefined ? [ROOSEVELT_10300.lng, ROOSEVELT_10300.lat] : spec.location, c)));
    for (let k = 0; k < cameraRows.length; k += 500) await db.insert(cameras).values(cameraRows.slice(k, k + 500));
    created.push(...rows);
  }
  return created;
}

export async function createRegistration(db: Db, overrides: RegistrationOverrides = {}): Promise<Registration> {
  return (await createRegistrations(db, [overrides]))[0];
}
