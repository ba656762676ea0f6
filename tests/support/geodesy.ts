/**
 * Independent reference geometry for the spatial tests: WGS 84 geodesics
 * (GeographicLib, Karney's algorithm, which PostGIS also uses through PROJ's
 * geod_inverse) and point-to-route distance computed the way PostGIS
 * documents and implements it for geography (see routeDistance). Nothing here
 * touches the database.
 */
import { Geodesic } from "geographiclib-geodesic";
import type { LngLat } from "@/db/ewkb";

const WGS84 = Geodesic.WGS84;

/** Spheroid distance in metres. */
export function geodesicM(a: LngLat, b: LngLat): number {
  return WGS84.Inverse(a[1], a[0], b[1], b[0]).s12!;
}

/** The point `distanceM` from `from` along compass `bearingDeg`. */
export function destination(from: LngLat, bearingDeg: number, distanceM: number): LngLat {
  const r = WGS84.Direct(from[1], from[0], bearingDeg, distanceM);
  return [r.lon2!, r.lat2!];
}

/** Initial compass bearing from a to b, in [0, 360). */
export function bearingDeg(a: LngLat, b: LngLat): number {
  const azi = WGS84.Inverse(a[1], a[0], b[1], b[0]).azi1!;
  return (azi + 360) % 360;
}

/** Haversine on the mean sphere: the rough cross-check. */
export function haversineM(a: LngLat, b: LngLat): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

type Vec = [number, number, number];
const toVec = ([lng, lat]: LngLat): Vec => {
  const rad = Math.PI / 180;
  return [Math.cos(lat * rad) * Math.cos(lng * rad), Math.cos(lat * rad) * Math.sin(lng * rad), Math.sin(lat * rad)];
};
const fromVec = ([x, y, z]: Vec): LngLat => [(Math.atan2(y, x) * 180) / Math.PI, (Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec): Vec => {
  const l = Math.hypot(...a);
  return [a[0] / l, a[1] / l, a[2] / l];
};

/** Closest point to p on the great-circle arc a–b. */
function closestOnArc(p: LngLat, a: LngLat, b: LngLat): LngLat {
  const [va, vb, vp] = [toVec(a), toVec(b), toVec(p)];
  const n = norm(cross(va, vb));
  const d = dot(vp, n);
  const vc = norm([vp[0] - d * n[0], vp[1] - d * n[1], vp[2] - d * n[2]]);
  const onArc = dot(cross(va, vc), n) >= 0 && dot(cross(vc, vb), n) >= 0;
  if (onArc) return fromVec(vc);
  return dot(vp, va) >= dot(vp, vb) ? a : b;
}

/** Angle at the centre of the unit sphere between two points, in radians (atan2: exact at small angles too). */
function sphereAngle(p: LngLat, q: LngLat): number {
  const [vp, vq] = [toVec(p), toVec(q)];
  return Math.atan2(Math.hypot(...cross(vp, vq)), dot(vp, vq));
}

export interface RouteDistance {
  /**
   * What PostGIS computes for ST_Distance(geography point, geography line)
   * with use_spheroid (the default): it picks the edge nearest ON THE SPHERE
   * (ptarray_distance_spheroid / circ_tree_distance_tree in liblwgeom), takes
   * the closest point of that great-circle arc, and returns the spheroid
   * geodesic to that point.
   */
  postgisM: number;
  /**
   * The smallest spheroid geodesic to any edge's closest point. It differs
   * from postgisM only when the sphere and the spheroid disagree about which
   * edge is nearer: a point near the bisector of a bend, where the spheroid
   * scale differs by direction (north–south vs east–west, ~0.4 % here).
   */
  minM: number;
}

/** Distance in metres from p to the route, both as PostGIS computes it and as the minimum over edges. */
export function routeDistance(p: LngLat, route: LngLat[]): RouteDistance {
  let minM = Infinity;
  let nearestAngle = Infinity;
  let postgisM = Infinity;
  for (let i = 0; i + 1 < route.length; i++) {
    const c = closestOnArc(p, route[i], route[i + 1]);
    const m = geodesicM(p, c);
    minM = Math.min(minM, m);
    const angle = sphereAngle(p, c);
    if (angle < nearestAngle) {
      nearestAngle = angle;
      postgisM = m;
    }
  }
  return { postgisM, minM };
}

/** Distance in metres from p to the route as PostGIS computes it (see routeDistance). */
export function distanceToRouteM(p: LngLat, route: LngLat[]): number {
  return routeDistance(p, route).postgisM;
}

/** Initial great-circle bearing on the sphere (the model turf builds cones in), in [0, 360). */
export function sphereBearingDeg(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const [l1, p1, l2, p2] = [a[0] * rad, a[1] * rad, b[0] * rad, b[1] * rad];
  const y = Math.sin(l2 - l1) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(l2 - l1);
  return ((Math.atan2(y, x) / rad) % 360 + 360) % 360;
}

/** Smallest angle between two compass bearings, in [0, 180]. */
export function angleBetweenDeg(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}
