/**
 * What a detective searches: a point with a radius, or a route of travel with
 * a corridor width, at an incident time (or window). Pure types and helpers
 * shared by the queries, the API and the incident form.
 */
import type { LineStringGeometry } from "@/db/ewkb";

export type SearchArea =
  | { kind: "point"; lng: number; lat: number; radiusM: number }
  /** `widthM` is the full corridor width: sites within widthM / 2 of the route, on either side. */
  | { kind: "route"; route: LineStringGeometry; widthM: number };

export interface IncidentTime {
  from: Date;
  to: Date;
}

/** How far from the point or the route line a site may be. */
export function searchDistanceM(area: SearchArea): number {
  return area.kind === "point" ? area.radiusM : area.widthM / 2;
}
