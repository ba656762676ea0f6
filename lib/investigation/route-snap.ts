/**
 * A route of travel as the detective clicked it, moved onto the streets: each
 * clicked point onto its nearest centerline, and each pair of consecutive
 * points joined by the shortest way along the centerlines (the canvass street
 * graph, lib/canvass/street-graph.ts) instead of a straight line through the
 * blocks. Where no street is near a point, the streets do not connect two
 * points, or the only street way is a long detour, that leg stays the straight
 * segment and says why, so the form can tell the detective. Pure: the
 * centerlines come in as coordinates.
 */
import { StreetGraph, straightLineM } from "@/lib/canvass/street-graph";
import type { LngLat } from "@/db/ewkb";

/** A click further than this from every centerline is not on a street (a yard, a car park, an alley we lack). */
export const MAX_SNAP_M = 60;

/**
 * Loose line ends this close to another centerline are the same intersection (see StreetGraph); a dead end
 * that stops this close to a parallel street is joined to it too, the price of reading sources that cut
 * segments short of the cross street.
 */
export const JOIN_ENDS_WITHIN_M = 30;

/** A street way longer than this many times the straight line (plus a block) is not the route the detective meant. */
const MAX_DETOUR_RATIO = 3;
const DETOUR_ALLOWANCE_M = 200;

export type StraightLegReason = "no_street_near" | "not_connected" | "detour";

export interface RouteLeg {
  /** Index of the clicked point the leg starts from (it ends at the next one). */
  from: number;
  viaStreets: boolean;
  /** Why the leg is a straight segment; absent when it follows the streets. */
  reason?: StraightLegReason;
  lengthM: number;
  /** The leg is `coordinates[startsAt..endsAt]` of the snapped line (so a map can draw straight legs differently). */
  startsAt: number;
  endsAt: number;
}

export interface SnappedRoute {
  /** The line to search along: snapped points joined along the streets. */
  coordinates: LngLat[];
  legs: RouteLeg[];
  lengthM: number;
}

export const STRAIGHT_LEG_TEXT: Record<StraightLegReason, string> = {
  no_street_near: "no street centerline near a point",
  not_connected: "the known streets do not connect the points",
  detour: "the only street way is a long detour",
};

export function snapRouteToStreets(centerlines: LngLat[][], points: LngLat[], maxSnapM = MAX_SNAP_M): SnappedRoute {
  const graph = new StreetGraph(centerlines, { joinEndsWithinM: JOIN_ENDS_WITHIN_M });
  const anchors = points.map((p) => (graph.isEmpty ? null : graph.snapPoint(p, maxSnapM)));
  const coordinates: LngLat[] = [];
  const legs: RouteLeg[] = [];
  const push = (p: LngLat) => {
    const last = coordinates[coordinates.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) coordinates.push(p);
  };
  // Where the leg being added starts: on the last coordinate when it begins where the previous leg ended.
  const startOf = (first: LngLat) => {
    const last = coordinates[coordinates.length - 1];
    return last && last[0] === first[0] && last[1] === first[1] ? coordinates.length - 1 : coordinates.length;
  };
  for (let i = 0; i + 1 < points.length; i++) {
    const a = anchors[i] ?? points[i];
    const b = anchors[i + 1] ?? points[i + 1];
    const straightM = straightLineM(a, b);
    let reason: StraightLegReason | undefined;
    let path: { coordinates: LngLat[]; lengthM: number } | null = null;
    if (!anchors[i] || !anchors[i + 1]) reason = "no_street_near";
    else {
      path = graph.pathAlong(a, b, maxSnapM);
      if (!path) reason = "not_connected";
      else if (path.lengthM > MAX_DETOUR_RATIO * straightM + DETOUR_ALLOWANCE_M) {
        path = null;
        reason = "detour";
      }
    }
    if (path) {
      const startsAt = startOf(path.coordinates[0]);
      for (const p of path.coordinates) push(p);
      legs.push({ from: i, viaStreets: true, lengthM: path.lengthM, startsAt, endsAt: coordinates.length - 1 });
    } else {
      const startsAt = startOf(a);
      push(a);
      push(b);
      legs.push({ from: i, viaStreets: false, reason, lengthM: straightM, startsAt, endsAt: coordinates.length - 1 });
    }
  }
  if (coordinates.length === 1) {
    // Every point snapped to the same spot: a line still needs two positions.
    coordinates.push(coordinates[0]);
    for (const leg of legs) leg.endsAt = 1;
  }
  return { coordinates, legs, lengthM: legs.reduce((sum, leg) => sum + leg.lengthM, 0) };
}
