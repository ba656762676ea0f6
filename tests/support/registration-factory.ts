/** Test data for registrations: a valid API payload and a seeded address point. */
import type { Db } from "../../db/client";
import { addressPoints } from "../../db/schema";
import { point } from "../../db/postgis";

export const ROOSEVELT_10300 = { lat: 41.866, lng: -87.878 };

export function validRegistration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eligibility: { exteriorFacing: true, recordsAndRetains: true },
    owner: { name: "Pat Doe", businessName: "Doe Hardware", phone: "708-555-0134", email: "pat@example.com" },
    address: { line1: "10300 W Roosevelt Rd", unit: "", city: "Westchester", state: "IL", zip: "60154" },
    alternateContact: { name: "Sam Doe", phone: "708-555-0199", email: "sam@example.com" },
    cameraLocations: ["front", "rear"],
    cameras: [
      { position: "front", bearingDeg: 180, fovDeg: 90, rangeM: 30, recordsStreet: true, note: "doorbell" },
      { position: "rear", recordsStreet: false },
    ],
    recordsStreetTraffic: true,
    streetView: "The roadway at 10300 Roosevelt",
    playback: "standard",
    retentionDays: 30,
    cameraCount: 2,
    notes: "free text for detectives",
    consent: true,
    ...overrides,
  };
}

export async function seedAddressPoint(db: Db, n = 10300, at = ROOSEVELT_10300) {
  await db.insert(addressPoints).values({
    addNumber: n,
    stPreDir: "W",
    stName: "ROOSEVELT",
    stPosTyp: "RD",
    city: "WESTCHESTER",
    state: "IL",
    zip: "60154",
    location: point(at.lng, at.lat),
    source: "test",
  });
}
