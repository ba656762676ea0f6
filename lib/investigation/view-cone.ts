/**
 * A camera's view cone: the sector a camera at `origin` sees, from its compass
 * bearing, horizontal field of view and useful range. Built with turf in
 * metres so it matches the geography column it is stored in. No bearing means
 * no cone: "direction unknown" is more honest than a made-up sector.
 */
import * as turf from "@turf/turf";
import type { PolygonGeometry } from "@/db/ewkb";

export const DEFAULT_FOV_DEG = 90;
export const DEFAULT_RANGE_M = 30;

export interface ViewConeInput {
  lat: number;
  lng: number;
  bearingDeg: number | null | undefined;
  fovDeg?: number | null;
  rangeM?: number | null;
}

/** Compass bearing in [0, 360). */
export function normalizeBearing(bearingDeg: number): number {
  return ((bearingDeg % 360) + 360) % 360;
}

export function buildViewCone(input: ViewConeInput): PolygonGeometry | null {
  if (input.bearingDeg === null || input.bearingDeg === undefined || !Number.isFinite(input.bearingDeg)) return null;
  const fovDeg = Math.min(Math.max(input.fovDeg ?? DEFAULT_FOV_DEG, 1), 360);
  const rangeM = Math.max(input.rangeM ?? DEFAULT_RANGE_M, 1);
  const center: [number, number] = [input.lng, input.lat];
  if (fovDeg >= 360) {
    const circle = turf.circle(center, rangeM, { units: "meters", steps: 64 });
    return { type: "Polygon", coordinates: circle.geometry.coordinates as [number, number][][] };
  }
  const bearing = normalizeBearing(input.bearingDeg);
  // turf.sector wants bearings in -180..180 and goes clockwise from bearing1 to bearing2.
  const toTurf = (b: number) => (b > 180 ? b - 360 : b);
  const start = toTurf(normalizeBearing(bearing - fovDeg / 2));
  const end = toTurf(normalizeBearing(bearing + fovDeg / 2));
  const sector = turf.sector(center, rangeM, start, end, { units: "meters", steps: 32 });
  return { type: "Polygon", coordinates: sector.geometry.coordinates as [number, number][][] };
}
