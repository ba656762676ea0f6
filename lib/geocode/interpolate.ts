/**
 * Address-range interpolation on one centerline segment, in metres with turf.
 * NG9-1-1 ranges are per side of the line's digitized direction (left/right as
 * seen walking from the first vertex to the last), each with a parity. Pure.
 */
import * as turf from "@turf/turf";

export type Side = "L" | "R";
export type Parity = "O" | "E" | "B" | "Z";

/** A few metres off the centerline, on the side the number belongs to, where the house (not the road) is. */
export const DEFAULT_SIDE_OFFSET_M = 10;

export interface RangedSegment {
  coordinates: [number, number][];
  fromAddrL: number | null;
  toAddrL: number | null;
  fromAddrR: number | null;
  toAddrR: number | null;
  parityL: string | null;
  parityR: string | null;
}

export interface SideRange {
  side: Side;
  from: number;
  to: number;
}

/** A missing parity is inferred from the range ends (both even → E, both odd → O), else both. */
export function effectiveParity(parity: string | null, from: number, to: number): Parity {
  const p = parity?.trim().toUpperCase();
  if (p === "O" || p === "E" || p === "B" || p === "Z") return p;
  if (from % 2 === to % 2) return from % 2 === 0 ? "E" : "O";
  return "B";
}

export function parityAllows(parity: Parity, n: number): boolean {
  if (parity === "Z") return false;
  if (parity === "B") return true;
  return (n % 2 === 0) === (parity === "E");
}

/** The side(s) of the segment whose range and parity hold `n`. */
export function sidesHolding(segment: RangedSegment, n: number): SideRange[] {
  const sides: SideRange[] = [];
  const candidates: [Side, number | null, number | null, string | null][] = [
    ["L", segment.fromAddrL, segment.toAddrL, segment.parityL],
    ["R", segment.fromAddrR, segment.toAddrR, segment.parityR],
  ];
  for (const [side, from, to, parity] of candidates) {
    if (from === null || to === null || from <= 0 || to <= 0) continue;
    if (n < Math.min(from, to) || n > Math.max(from, to)) continue;
    if (!parityAllows(effectiveParity(parity, from, to), n)) continue;
    sides.push({ side, from, to });
  }
  return sides;
}

/** Where along the segment `n` falls, 0 at the first vertex and 1 at the last. */
export function fractionAlong(range: SideRange, n: number): number {
  if (range.from === range.to) return 0.5;
  return (n - range.from) / (range.to - range.from);
}

export interface InterpolatedPoint {
  lng: number;
  lat: number;
  /** Compass bearing of the centerline at the point, in the digitized direction. */
  streetBearingDeg: number;
}

export function interpolateOnSegment(
  coordinates: [number, number][],
  range: SideRange,
  n: number,
  offsetM = DEFAULT_SIDE_OFFSET_M,
): InterpolatedPoint {
  const line = turf.lineString(coordinates);
  const lengthM = turf.length(line, { units: "meters" });
  const alongM = Math.min(Math.max(fractionAlong(range, n), 0), 1) * lengthM;

  // The bearing of the vertex pair the point falls on, so bends offset correctly.
  let walkedM = 0;
  let bearingDeg = turf.bearing(coordinates[0], coordinates[1]);
  for (let i = 1; i < coordinates.length; i++) {
    const pieceM = turf.distance(coordinates[i - 1], coordinates[i], { units: "meters" });
    bearingDeg = turf.bearing(coordinates[i - 1], coordinates[i]);
    if (walkedM + pieceM >= alongM) break;
    walkedM += pieceM;
  }
  const onLine = turf.along(line, alongM, { units: "meters" });
  const offsetBearing = range.side === "L" ? bearingDeg - 90 : bearingDeg + 90;
  const placed = offsetM > 0 ? turf.destination(onLine, offsetM, offsetBearing, { units: "meters" }) : onLine;
  const [lng, lat] = placed.geometry.coordinates;
  return { lng, lat, streetBearingDeg: (bearingDeg + 360) % 360 };
}
