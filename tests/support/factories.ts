/**
 * Test data factories: each test builds exactly the data it reasons about,
 * through the same tables the app writes (view cones via buildViewCone, as the
 * registration flow does).
 */
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { apiTokens, cameras, registrations, streetCenterlines, users, type NewCamera, type NewRegistration } from "@/db/schema";
import { point } from "@/db/postgis";
import { generateApiToken, hashApiToken } from "@/lib/auth/api-token";
import type { Role } from "@/lib/auth/roles";
import type { LngLat } from "@/db/ewkb";
import { buildViewCone } from "@/lib/investigation/view-cone";

export async function createUser(db: Db, role: Role = "detective") {
  const n = crypto.randomBytes(4).toString("hex");
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${n}@example.test`, name: `Test ${role} ${n}`, role })
    .returning();
  return user;
}

/** A user with a live API token; `authorization` is the header value to send. */
export async function createStaffWithToken(db: Db, role: Role = "detective") {
  const user = await createUser(db, role);
  const token = generateApiToken();
  await db.insert(apiTokens).values({ userId: user.id, name: "test", tokenHash: hashApiToken(token) });
  return { user, token, authorization: `Bearer ${token}` };
}

export interface CameraSpec {
  position?: NewCamera["position"];
  bearingDeg?: number | null;
  fovDeg?: number | null;
  rangeM?: number | null;
  recordsStreet?: boolean;
  /** The camera's own point; defaults to the site. */
  at?: LngLat;
  note?: string;
  /** Leave view_cone empty, as data written without one would be. */
  withoutCone?: boolean;
}

export interface SiteSpec extends Partial<Omit<NewRegistration, "location">> {
  lng: number;
  lat: number;
  cameras?: CameraSpec[];
}

let siteCounter = 0;

export function registrationValues(spec: SiteSpec): NewRegistration {
  const n = ++siteCounter;
  const { lng, lat, cameras: _cameras, ...rest } = spec;
  void _cameras;
  return {
    status: "active",
    needsReview: false,
    source: "test",
    ownerName: `Owner ${n}`,
    ownerPhone: "708-555-0100",
    ownerEmail: `owner${n}@example.test`,
    addressLine1: `${10000 + n} W Test Rd`,
    addressCity: "Westchester",
    addressState: "IL",
    addressZip: "60154",
    location: point(lng, lat),
    locationMethod: "manual",
    cameraCount: spec.cameras?.length || 1,
    retentionDays: 30,
    playback: "standard",
    consentAt: new Date("2026-01-01T12:00:00Z"),
    termsVersion: "test",
    createdAt: new Date("2026-01-01T12:00:00Z"),
    ...rest,
  };
}

export function cameraValues(registrationId: string, site: { lng: number; lat: number }, c: CameraSpec): NewCamera {
  const [lng, lat] = c.at ?? [site.lng, site.lat];
  return {
    registrationId,
    position: c.position ?? "front",
    location: c.at ? point(lng, lat) : null,
    bearingDeg: c.bearingDeg ?? null,
    fovDeg: c.fovDeg ?? null,
    rangeM: c.rangeM ?? null,
    recordsStreet: c.recordsStreet ?? false,
    note: c.note ?? null,
    viewCone: c.withoutCone ? null : buildViewCone({ lng, lat, bearingDeg: c.bearingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM }),
  };
}

/** Inserts sites (in batches) and their cameras; returns the registration ids in input order. */
export async function createSites(db: Db, specs: SiteSpec[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < specs.length; i += 500) {
    const batch = specs.slice(i, i + 500);
    const rows = await db.insert(registrations).values(batch.map(registrationValues)).returning({ id: registrations.id });
    const cameraRows = batch.flatMap((spec, j) => (spec.cameras ?? []).map((c) => cameraValues(rows[j].id, spec, c)));
    for (let k = 0; k < cameraRows.length; k += 500) await db.insert(cameras).values(cameraRows.slice(k, k + 500));
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function createSite(db: Db, spec: SiteSpec): Promise<string> {
  return (await createSites(db, [spec]))[0];
}

export async function createStreet(db: Db, coordinates: LngLat[], name = "TEST") {
  const [row] = await db
    .insert(streetCenterlines)
    .values({ stName: name, geom: { type: "LineString", coordinates }, source: "test" })
    .returning({ id: streetCenterlines.id });
  return row.id;
}
