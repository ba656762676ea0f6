import * as turf from "@turf/turf";
import { describe, expect, it } from "vitest";
import { ARC_TOLERANCE_M, arcSteps, buildViewCone, normalizeBearing } from "@/lib/investigation/view-cone";

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

  it("draws the arc with as few edges as keep every chord within ARC_TOLERANCE_M of it", () => {
    for (const [fovDeg, rangeM] of [[160, 6], [90, 30], [110, 45], [60, 15], [360, 25], [90, 200]]) {
      const cone = buildViewCone({ ...origin, bearingDeg: 120, fovDeg, rangeM })!;
      const ring = cone.coordinates[0];
      // The sector's ring is the camera, the arc, the camera; a circle's is the arc, closed.
      const arc = fovDeg === 360 ? ring : ring.slice(1, -1);
      expect(arc.length - 1).toBe(arcSteps(fovDeg, rangeM, fovDeg === 360 ? 64 : 32));
      for (let i = 1; i < arc.length; i++) {
        const mid = turf.midpoint(arc[i - 1], arc[i]);
        const inset = rangeM - turf.distance([origin.lng, origin.lat], mid, { units: "meters" });
        expect(inset).toBeLessThanOrEqual(ARC_TOLERANCE_M + 0.005);
      }
    }
    // A typical 30 m, 90° camera: 10 edges instead of the 32 every cone used to have.
    expect(arcSteps(90, 30)).toBe(10);
    expect(arcSteps(90, 500)).toBe(32);
  });

  it("normalizes bearings", () => {
    expect(normalizeBearing(-90)).toBe(270);
    expect(normalizeBearing(720)).toBe(0);
  });
});
