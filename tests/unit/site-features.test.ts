import { describe, expect, it } from "vitest";
import type { SiteResult } from "@/lib/investigation/find-sites";
import { toSiteFeatureCollection } from "@/lib/investigation/site-features";

const site = (id: string, lng: number, lat: number): SiteResult => ({
  registrationId: id,
  address: `${id} W Test Rd`,
  lng,
  lat,
  distanceM: 10,
  facesStreet: false,
  seesPoint: false,
  recordingMode: "continuous",
  footageMayNotHaveRecorded: false,
  footage: { status: "unknown", expiresAt: null },
  retentionDays: null,
  playback: "unknown",
  notes: null,
  streetView: null,
  recordsStreetTraffic: false,
  cameraCount: 1,
  cameraLocations: [],
  cameraSummary: "1 camera",
  registeredAt: "2026-01-01T00:00:00.000Z",
  registeredAtIncidentTime: true,
  cameras: [],
});

describe("GeoJSON answer", () => {
  it("keeps the ranked order as rank 1..n with Point geometry in lng, lat order", () => {
    const fc = toSiteFeatureCollection([site("b", -87.1, 41.2), site("a", -87.3, 41.4)], { kind: "point" });
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features.map((f) => [f.id, f.properties.rank, f.geometry.coordinates])).toEqual([
      ["b", 1, [-87.1, 41.2]],
      ["a", 2, [-87.3, 41.4]],
    ]);
    expect("lng" in fc.features[0].properties).toBe(false);
  });

  it("carries contacts only when they were read", () => {
    expect(toSiteFeatureCollection([site("a", 0, 0)], {}).features[0].properties).not.toHaveProperty("contacts");
    const contact = { registrationId: "a", owner: { name: "P", businessName: null, phone: null, email: null, language: "English" }, alternate: null, contactsErasedAt: null };
    const withContacts = toSiteFeatureCollection([site("a", 0, 0), site("b", 0, 0)], {}, [contact]);
    expect(withContacts.features[0].properties.contacts).toEqual(contact);
    expect(withContacts.features[1].properties.contacts).toBeNull();
  });
});
