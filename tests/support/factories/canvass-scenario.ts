/**
 * A canvass on a small street grid around 10300 W Roosevelt Rd, shared by the canvass tests: two
 * east-west streets and three north-south ones, sites on both sides, one site without a location,
 * and one registrant whose name is a spreadsheet formula.
 */
import type { Db } from "@/db/client";
import type { LngLat } from "@/db/ewkb";
import { createCanvassEntry, createIncident } from "./incidents";
import { createRegistration, type CameraSpec, type RegistrationOverrides } from "./registrations";
import { createStreet } from "./streets";

/** Metres east/north of an origin as lng/lat (a flat-earth step, fine over a few hundred metres). */
export function offsetM(origin: LngLat, eastM: number, northM: number): LngLat {
  return [origin[0] + eastM / (111_320 * Math.cos((origin[1] * Math.PI) / 180)), origin[1] + northM / 110_540];
}

/** A doorbell camera that faces the street: bearing, 90° and 40 m, as a resident typically fills in. */
export const facingCamera = (bearingDeg: number, more: CameraSpec = {}): CameraSpec => ({ position: "front", bearingDeg, fovDeg: 90, rangeM: 40, recordsStreet: true, ...more });

/** The scenario's streets, as NG9-1-1 stores them, and as the canvass sheet should label them. */
export const STREET_NAMES = {
  roosevelt: { preDir: "W", name: "ROOSEVELT", type: "RD", label: "W Roosevelt Rd" },
  eleventh: { preDir: "W", name: "11TH", type: "ST", label: "W 11th St" },
  westchester: { preDir: "S", name: "WESTCHESTER", type: "BLVD", label: "S Westchester Blvd" },
  mannheim: { preDir: "S", name: "MANNHEIM", type: "RD", label: "S Mannheim Rd" },
  wolf: { preDir: "S", name: "WOLF", type: "RD", label: "S Wolf Rd" },
} as const;

/** A site on the scenario's grid: where, and what the registrant filled in. */
export type ScenarioSite = RegistrationOverrides & { addressLine1: string; location: LngLat | null };

export async function seedCanvassScenario(db: Db, options: { occurredFrom?: Date } = {}) {
  const origin: LngLat = [-87.878, 41.8674];
  // Streets split at intersections, as NG9-1-1 centerlines are, named as the sites' addresses have them.
  const xs = [-300, 0, 300];
  const ys = [0, 200];
  const eastWest = [STREET_NAMES.roosevelt, STREET_NAMES.eleventh];
  const northSouth = [STREET_NAMES.westchester, STREET_NAMES.mannheim, STREET_NAMES.wolf];
  for (const [j, y] of ys.entries()) for (let i = 1; i < xs.length; i++) await createStreet(db, { ...eastWest[j], coordinates: [offsetM(origin, xs[i - 1], y), offsetM(origin, xs[i], y)] });
  for (const [i, x] of xs.entries()) await createStreet(db, { ...northSouth[i], coordinates: [offsetM(origin, x, 0), offsetM(origin, x, 200)] });

  // Most registrants record the street with one front camera whose direction they did not give.
  const streetCamera: CameraSpec[] = [{ position: "front", recordsStreet: true }];
  const specs: ScenarioSite[] = [
    {
      addressLine1: "10300 W Roosevelt Rd",
      location: offsetM(origin, 10, -15),
      ownerName: "Pat Example",
      // Longer than a sheet's contact column: it must wrap at its @ and dots, never inside a word.
      ownerEmail: "pat.example-household.security-cameras@westchester-neighbourhood-association.example.org",
      alternateName: "Sam Example",
      notes: "ask for Tomas after 3 pm",
      cameras: [facingCamera(0)],
    },
    { addressLine1: "10312 W Roosevelt Rd", location: offsetM(origin, -60, -15), ownerName: '=HYPERLINK("http://x","y")', retentionDays: 1 },
    { addressLine1: "10301 W Roosevelt Rd", location: offsetM(origin, 20, 15), ownerName: "Robin Sample", retentionDays: 30, playback: "proprietary" },
    { addressLine1: "10340 W Roosevelt Rd", location: offsetM(origin, -250, -15), ownerName: "Casey Fixture", retentionDays: null },
    { addressLine1: "10251 W Roosevelt Rd", location: offsetM(origin, 240, 15), ownerName: "Jordan Test" },
    { addressLine1: "1112 S Mannheim Rd", location: offsetM(origin, 15, 120), ownerName: "Avery North", cameras: [facingCamera(180, { position: "side", recordsStreet: false })] },
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
    const registration = await createRegistration(db, { cameras: streetCamera, ...spec });
    const entry = await createCanvassEntry(db, { incident, registration });
    sites.push({ registration, entry, spec });
  }
  return { origin, incident, sites };
}
