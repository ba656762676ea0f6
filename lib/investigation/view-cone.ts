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

/**
 * How far the polygon's straight edges may cut inside the true arc, metres.
 * The answer prints coordinates to 6 decimals (~0.1 m), and a dropped pin is
 * far less certain than that; finer arcs only cost bytes.
 */
export const ARC_TOLERANCE_M = 0.1;
/** Never fewer than this many edges along the arc (keeps a tiny cone a fan, not a triangle). */
export const MIN_ARC_STEPS = 4;

/**
 * Edges along the arc so that no chord strays more than ARC_TOLERANCE_M inside
 * it (a chord spanning angle θ on radius r lies r·(1 − cos θ/2) inside),
 * capped at `maxSteps` (32 for a sector, 64 for a circle: what every cone used
 * before; at the 500 m range cap the cap leaves ~0.15 m, as it always did).
 * A 30 m, 90° camera needs 10 instead of 32; a 6–10 m doorbell 8.
 */
export function arcSteps(fovDeg: number, rangeM: number, maxSteps = 32): number {
  const stepRad = 2 * Math.acos(1 - Math.min(ARC_TOLERANCE_M / rangeM, 1));
  return Math.min(maxSteps, Math.max(MIN_ARC_STEPS, Math.ceil(((fovDeg * Math.PI) / 180) / stepRad)));
}

export function buildViewCone(input: ViewConeInput): PolygonGeometry | null {
  if (input.bearingDeg === null || input.bearingDeg === undefined || !Number.isFinite(input.bearingDeg)) return null;
  const fovDeg = Math.min(Math.max(input.fovDeg ?? DEFAULT_FOV_DEG, 1), 360);
  const rangeM = Math.max(input.rangeM ?? DEFAULT_RANGE_M, 1);
  const center: [number, number] = [input.lng, input.lat];
  if (fovDeg >= 360) {
    const circle = turf.circle(center, rangeM, { units: "meters", steps: arcSteps(360, rangeM, 64) });
    return { type: "Polygon", coordinates: circle.geometry.coordinates as [number, number][][] };
  }
  const bearing = normalizeBearing(input.bearingDeg);
  // turf.sector wants bearings in -180..180 and goes clockwise from bearing1 to bearing2.
  const toTurf = (b: number) => (b > 180 ? b - 360 : b);
  const start = toTurf(normalizeBearing(bearing - fovDeg / 2));
  const end = toTurf(normalizeBearing(bearing + fovDeg / 2));
  const sector = turf.sector(center, rangeM, start, end, { units: "meters", steps: arcSteps(fovDeg, rangeM) });
  return { type: "Polygon", coordinates: sector.geometry.coordinates as [number, number][][] };
}

/** A camera as a search answers it (find-sites.ts CameraResult): its cone's apex and parameters, the polygon if asked for. */
export interface AnsweredCamera {
  coneOrigin: [number, number] | null;
  bearingDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  viewCone?: PolygonGeometry | null;
}

/**
 * The cone a search answer's camera stands for: its polygon when the answer
 * carries one (`include=cones`), else built here from the apex and parameters
 * with the very function the server stored it with (so the map needs no
 * polygons: a 1M-site answer is ~40% cones). Null when the camera has no cone.
 */
export function answeredViewCone(camera: AnsweredCamera): PolygonGeometry | null {
  if (camera.viewCone !== undefined) return camera.viewCone;
  if (!camera.coneOrigin) return null;
  const [lng, lat] = camera.coneOrigin;
  return buildViewCone({ lng, lat, bearingDeg: camera.bearingDeg, fovDeg: camera.fovDeg, rangeM: camera.rangeM });
}
