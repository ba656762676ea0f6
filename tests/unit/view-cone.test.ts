import * as turf from "@turf/turf";
import { describe, expect, it } from "vitest";
import { buildViewCone, normalizeBearing } from "@/lib/investigation/view-cone";

const origin = { lat: 41.8673, lng: -87.878 };
const inside = (cone: ReturnType<typeof buildViewCone>, bearing: number, distM: number) =>
  turf.booleanPointInPolygon(
    turf.destination([origin.lng, origin.lat], distM, bearing, { units: "meters" }),
    turf.polygon(cone!.coordinates),
  );

describe("view cone", () => {
  it("is null without a bearing", () => {
    expect(buildViewCone({ ...origin, bearingDeg: null })).toBeNull();
    expect(buildViewCone({ ...origin, bearingDeg: undefined })).toBeNull();
  });

  it("covers points along the bearing within range and not behind the camera", () => {
    const cone = buildViewCone({ ...origin, bearingDeg: 90, fovDeg: 60, rangeM: 40 });
    expect(inside(cone, 90, 20)).toBe(true);
    expect(inside(cone, 115, 30)).toBe(true);
    expect(inside(cone, 130, 20)).toBe(false);
    expect(inside(cone, 90, 45)).toBe(false);
    expect(inside(cone, 270, 10)).toBe(false);
  });

  it("wraps across north (0/360)", () => {
    const cone = buildViewCone({ ...origin, bearingDeg: 350, fovDeg: 40, rangeM: 30 });
    expect(inside(cone, 5, 20)).toBe(true);
    expect(inside(cone, 335, 20)).toBe(true);
    expect(inside(cone, 20, 20)).toBe(false);
    expect(inside(cone, 180, 20)).toBe(false);
  });

  it("is a full circle with a 360° field of view", () => {
    const cone = buildViewCone({ ...origin, bearingDeg: 0, fovDeg: 360, rangeM: 25 });
    for (const b of [0, 90, 180, 270]) expect(inside(cone, b, 20)).toBe(true);
    expect(inside(cone, 45, 30)).toBe(false);
  });

  it("normalizes bearings", () => {
    expect(normalizeBearing(-90)).toBe(270);
    expect(normalizeBearing(720)).toBe(0);
  });
});
