/**
 * Test data for the canvass, inserted directly with drizzle: staff users with
 * API tokens, registrations with cameras, incidents and canvass entries.
 */
import crypto from "node:crypto";
import * as turf from "@turf/turf";
import type { Db } from "@/db/client";
import { apiTokens, cameras, canvassEntries, footageRequests, incidents, registrations, streetCenterlines, users } from "@/db/schema";
import { point } from "@/db/postgis";
import { generateApiToken, hashApiToken } from "@/lib/auth/api-token";
import { generateUploadToken, hashUploadToken } from "@/lib/evidence/tokens";
import type { Role } from "@/lib/auth/roles";
import type { LngLat } from "@/db/ewkb";
import { buildViewCone } from "@/lib/investigation/view-cone";
import { snapshotCanvassEntries } from "@/lib/canvass/site-snapshot-sql";
import { eq } from "drizzle-orm";

export interface StaffFixture {
  id: string;
  name: string;
  email: string;
  role: Role;
  token: string;
}

export async function createStaff(db: Db, role: Role, name = `${role} ${crypto.randomBytes(3).toString("hex")}`): Promise<StaffFixture> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@pd.example`;
  const [user] = await db.insert(users).values({ email, name, role }).returning();
  const token = generateApiToken();
  await db.insert(apiTokens).values({ userId: user.id, name: "test", tokenHash: hashApiToken(token) });
  return { id: user.id, name, email, role, token };
}

export interface CameraSpec {
  position?: "front" | "rear" | "side" | "garage_alley" | "parking_lot" | "other";
  bearingDeg?: number | null;
  recordsStreet?: boolean;
}

export interface RegistrationSpec {
  addressLine1: string;
  location: LngLat | null;
  ownerName?: string;
  businessName?: string | null;
  ownerPhone?: string;
  ownerEmail?: string;
  alternateName?: string | null;
  /** The registrant's own note for the police ("ask for Tomas after 3 pm"). */
  notes?: string | null;
  retentionDays?: number | null;
  playback?: "standard" | "proprietary" | "unknown";
  status?: "pending_review" | "active" | "inactive" | "withdrawn";
  needsReview?: boolean;
  lastConfirmedAt?: Date;
  cameras?: CameraSpec[];
}

export async function createRegistration(db: Db, spec: RegistrationSpec) {
  const [reg] = await db
    .insert(registrations)
    .values({
      status: spec.status ?? "active",
      needsReview: spec.needsReview ?? false,
      source: "test",
      ownerName: spec.ownerName ?? `Owner of ${spec.addressLine1}`,
      businessName: spec.businessName ?? null,
      ownerPhone: spec.ownerPhone ?? "708-555-0100",
      ownerEmail: spec.ownerEmail ?? "owner@example.com",
      alternateName: spec.alternateName ?? null,
      alternatePhone: spec.alternateName ? "708-555-0199" : null,
      addressLine1: spec.addressLine1,
      addressCity: "Westchester",
      addressState: "IL",
      addressZip: "60154",
      location: spec.location ? point(spec.location[0], spec.location[1]) : null,
      locationMethod: spec.location ? "manual" : null,
      cameraLocations: ["front"],
      cameraCount: Math.max(1, spec.cameras?.length ?? 1),
      retentionDays: spec.retentionDays === undefined ? 14 : spec.retentionDays,
      playback: spec.playback ?? "standard",
      notes: spec.notes ?? null,
      consentAt: new Date(),
      termsVersion: "test",
      lastConfirmedAt: spec.lastConfirmedAt ?? new Date(),
    })
    .returning();
  for (const c of spec.cameras ?? [{ position: "front", bearingDeg: null, recordsStreet: true }]) {
    const cone =
      spec.location && c.bearingDeg !== undefined && c.bearingDeg !== null
        ? buildViewCone({ lng: spec.location[0], lat: spec.location[1], bearingDeg: c.bearingDeg, fovDeg: 90, rangeM: 40 })
        : null;
    await db.insert(cameras).values({
      registrationId: reg.id,
      position: c.position ?? "front",
      location: spec.location ? point(spec.location[0], spec.location[1]) : null,
      bearingDeg: c.bearingDeg ?? null,
      fovDeg: c.bearingDeg === undefined || c.bearingDeg === null ? null : 90,
      rangeM: c.bearingDeg === undefined || c.bearingDeg === null ? null : 40,
      recordsStreet: c.recordsStreet ?? false,
      viewCone: cone,
    });
  }
  return reg;
}

export async function createIncident(
  db: Db,
  spec: {
    point: LngLat;
    route?: LngLat[];
    radiusM?: number;
    occurredFrom?: Date;
    occurredTo?: Date;
    caseNumber?: string;
    title?: string;
    address?: string;
    status?: "open" | "closed";
    createdBy?: string;
  },
) {
  const occurredFrom = spec.occurredFrom ?? new Date(Date.now() - 3600_000);
  const [incident] = await db
    .insert(incidents)
    .values({
      caseNumber: spec.caseNumber ?? `26-${crypto.randomInt(10000, 99999)}`,
      title: spec.title ?? null,
      address: spec.address ?? null,
      status: spec.status ?? "open",
      // A route of travel replaces the point, as the map saves it.
      point: spec.route ? null : point(spec.point[0], spec.point[1]),
      route: spec.route ? { type: "LineString", coordinates: spec.route } : null,
      radiusM: spec.route ? null : (spec.radiusM ?? 250),
      widthM: spec.route ? 60 : null,
      occurredFrom,
      occurredTo: spec.occurredTo ?? new Date(occurredFrom.getTime() + 15 * 60_000),
      createdBy: spec.createdBy ?? null,
    })
    .returning();
  return incident;
}

export async function createCanvassEntry(db: Db, incidentId: string, registration: { id: string; location: { coordinates: LngLat } | null }, incidentPoint: LngLat) {
  const [entry] = await db
    .insert(canvassEntries)
    .values({
      incidentId,
      registrationId: registration.id,
      distanceM: registration.location ? turf.distance(incidentPoint, registration.location.coordinates, { units: "meters" }) : null,
    })
    .returning();
  // As an incident's save does: keep what the site looked like now.
  await snapshotCanvassEntries(db, incidentId);
  const [withSnapshot] = await db.select().from(canvassEntries).where(eq(canvassEntries.id, entry.id));
  return withSnapshot;
}

/** A footage request for a canvass stop, delivered "by link" over the incident's window; returns the link's token. */
export async function createFootageRequest(
  db: Db,
  incident: { id: string; occurredFrom: Date; occurredTo: Date },
  canvassEntryId: string,
  expiresInDays = 7,
): Promise<string> {
  const token = generateUploadToken();
  await db.insert(footageRequests).values({
    canvassEntryId,
    incidentId: incident.id,
    tokenHash: hashUploadToken(token),
    windowFrom: incident.occurredFrom,
    windowTo: incident.occurredTo,
    delivery: "link",
    expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
  });
  return token;
}

/** A centerline named as NG9-1-1 stores it: "ROOSEVELT" or { preDir: "W", name: "ROOSEVELT", type: "RD" }. */
export async function createStreet(db: Db, name: string | { preDir?: string; name: string; type?: string }, coordinates: LngLat[]) {
  const parts = typeof name === "string" ? { name } : name;
  await db
    .insert(streetCenterlines)
    .values({ stPreDir: parts.preDir ?? null, stName: parts.name, stPosTyp: parts.type ?? null, geom: { type: "LineString", coordinates }, source: "test" });
}

/** Metres east/north of an origin as lng/lat. */
export function offsetM(origin: LngLat, eastM: number, northM: number): LngLat {
  return [origin[0] + eastM / (111_320 * Math.cos((origin[1] * Math.PI) / 180)), origin[1] + northM / 110_540];
}

/** The scenario's streets, as NG9-1-1 stores them, and as the canvass sheet should label them. */
export const STREET_NAMES = {
  roosevelt: { preDir: "W", name: "ROOSEVELT", type: "RD", label: "W Roosevelt Rd" },
  eleventh: { preDir: "W", name: "11TH", type: "ST", label: "W 11th St" },
  westchester: { preDir: "S", name: "WESTCHESTER", type: "BLVD", label: "S Westchester Blvd" },
  mannheim: { preDir: "S", name: "MANNHEIM", type: "RD", label: "S Mannheim Rd" },
  wolf: { preDir: "S", name: "WOLF", type: "RD", label: "S Wolf Rd" },
} as const;

/**
 * A canvass on a small street grid around 10300 W Roosevelt Rd: two east-west
 * streets and three north-south ones, sites on both sides, one site without a
 * location, and one registrant whose name is a spreadsheet formula.
 */
export async function seedCanvassScenario(db: Db, options: { occurredFrom?: Date } = {}) {
  const origin: LngLat = [-87.878, 41.8674];
  // Streets split at intersections, as NG9-1-1 centerlines are, named as the sites' addresses have them.
  const xs = [-300, 0, 300];
  const ys = [0, 200];
  const eastWest = [STREET_NAMES.roosevelt, STREET_NAMES.eleventh];
  const northSouth = [STREET_NAMES.westchester, STREET_NAMES.mannheim, STREET_NAMES.wolf];
  for (const [j, y] of ys.entries()) for (let i = 1; i < xs.length; i++) await createStreet(db, eastWest[j], [offsetM(origin, xs[i - 1], y), offsetM(origin, xs[i], y)]);
  for (const [i, x] of xs.entries()) await createStreet(db, northSouth[i], [offsetM(origin, x, 0), offsetM(origin, x, 200)]);

  const specs: RegistrationSpec[] = [
    {
      addressLine1: "10300 W Roosevelt Rd",
      location: offsetM(origin, 10, -15),
      ownerName: "Pat Example",
      // Longer than a sheet's contact column: it must wrap at its @ and dots, never inside a word.
      ownerEmail: "pat.example-household.security-cameras@westchester-neighbourhood-association.example.org",
      alternateName: "Sam Example",
      notes: "ask for Tomas after 3 pm",
      cameras: [{ position: "front", bearingDeg: 0, recordsStreet: true }],
    },
    { addressLine1: "10312 W Roosevelt Rd", location: offsetM(origin, -60, -15), ownerName: '=HYPERLINK("http://x","y")', retentionDays: 1 },
    { addressLine1: "10301 W Roosevelt Rd", location: offsetM(origin, 20, 15), ownerName: "Robin Sample", retentionDays: 30, playback: "proprietary" },
    { addressLine1: "10340 W Roosevelt Rd", location: offsetM(origin, -250, -15), ownerName: "Casey Fixture", retentionDays: null },
    { addressLine1: "10251 W Roosevelt Rd", location: offsetM(origin, 240, 15), ownerName: "Jordan Test" },
    { addressLine1: "1112 S Mannheim Rd", location: offsetM(origin, 15, 120), ownerName: "Avery North", cameras: [{ position: "side", bearingDeg: 180, recordsStreet: false }] },
    { addressLine1: "10310 W 11th St", location: offsetM(origin, -40, 215), ownerName: "Quinn Block" },
    { addressLine1: "10311 W 11th St", location: offsetM(origin, -45, 185), ownerName: "Riley Pérez" },
    { addressLine1: "1 Unlocated Ct", location: null, ownerName: "Morgan Nowhere" },
  ];
  const incident = await createIncident(db, {
    point: origin,
    radiusM: 300,
    occurredFrom: options.occurredFrom,
    caseNumber: "26-01234",
    title: "Burglary at 10300 W Roosevelt",
    address: "near 10300 W Roosevelt Rd, Westchester",
  });
  const sites = [];
  for (const spec of specs) {
    const reg = await createRegistration(db, spec);
    const entry = await createCanvassEntry(db, incident.id, reg, origin);
    sites.push({ registration: reg, entry, spec });
  }
  return { origin, incident, sites };
}
