/**
 * A spot the synthetic Westchester demo is known to watch, derived from the
 * same seeded generator the app seeds itself from (no lucky hard-coded
 * address): an active registration whose front camera records the street, and
 * the point halfway along that camera's bearing, inside its view cone.
 */
import * as turf from "@turf/turf";
import { generateDemoDataset } from "../../../lib/demo/westchester/generate";
import { DEMO_ID_KIND, demoUuid } from "../../../lib/demo/westchester/prng";
import { buildViewCone } from "../../../lib/investigation/view-cone";

export interface WatchedSpot {
  lat: number;
  lng: number;
  registrationId: string;
  address: string;
  ownerName: string;
  camera: { bearingDeg: number; fovDeg: number; rangeM: number };
}

/** The candidate nearest the middle of the demo area: more sites around it to rank than at an edge. */
export function demoSpotSeenByACamera(): WatchedSpot {
  const { registrations, houses } = generateDemoDataset();
  const lngs = houses.map((h) => h.truth.lng);
  const lats = houses.map((h) => h.truth.lat);
  const middle = [(Math.min(...lngs) + Math.max(...lngs)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  let best: { spot: WatchedSpot; fromMiddleM: number } | null = null;
  for (const registration of registrations) {
    // The seed places a registration on its building's address point when the layer has one (not interpolated),
    // so the cone the app stores starts within centimetres of that point.
    const site = registration.house.addressPoint;
    if (registration.status !== "active" || !site) continue;
    const camera = registration.cameras.find(
      (c) => c.position === "front" && c.recordsStreet && c.bearingDeg !== null && c.fovDeg !== null && c.rangeM !== null && c.rangeM >= 25,
    );
    if (!camera) continue;
    const fromMiddleM = turf.distance(middle, [site.lng, site.lat], { units: "meters" });
    if (best && best.fromMiddleM <= fromMiddleM) continue;
    const { bearingDeg, fovDeg, rangeM } = camera as { bearingDeg: number; fovDeg: number; rangeM: number };
    const [lng, lat] = turf.destination([site.lng, site.lat], rangeM / 2, bearingDeg, { units: "meters" }).geometry.coordinates;
    const cone = buildViewCone({ lat: site.lat, lng: site.lng, bearingDeg, fovDeg, rangeM });
    if (!cone || !turf.booleanPointInPolygon([lng, lat], cone)) throw new Error("the halfway point of a camera's bearing is outside its own view cone");
    best = {
      fromMiddleM,
      spot: {
        lat,
        lng,
        registrationId: demoUuid(DEMO_ID_KIND.registration, registration.index),
        address: registration.address.line1,
        ownerName: registration.ownerName,
        camera: { bearingDeg, fovDeg, rangeM },
      },
    };
  }
  if (!best) throw new Error("the demo dataset has no active registration with a front camera of known bearing, field of view and range");
  return best.spot;
}
