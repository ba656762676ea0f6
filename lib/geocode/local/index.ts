import "server-only";
import type { Db } from "@/db/client";
import { parseQuery } from "../parse";
import type { AddressInput, GeocodeAnswer, Geocoder } from "../types";
import { matchAddressPoint } from "./address-points";
import { matchCenterline } from "./centerlines";
import { matchIntersection } from "./intersection";
import { suggestStreets } from "./suggestions";

export interface LocalGeocoderOptions {
  /** Off to measure interpolation alone (the accuracy report's "centerlines only" mode). */
  useAddressPoints?: boolean;
  sideOffsetM?: number;
}

/**
 * The geocoder that never leaves the building: address points, then
 * centerline interpolation, then intersections, else suggestions.
 */
export function createLocalGeocoder(db: Db, options: LocalGeocoderOptions = {}): Geocoder {
  const useAddressPoints = options.useAddressPoints ?? true;
  return {
    name: "local",
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      const parsed = parseQuery(query);
      switch (parsed.kind) {
        case "address": {
          const point = useAddressPoints ? await matchAddressPoint(db, parsed) : null;
          if (point) return point;
          const interpolated = await matchCenterline(db, parsed, options.sideOffsetM);
          if (interpolated) return interpolated;
          return {
            found: false,
            suggestions: await suggestStreets(db, [parsed.street.name]),
            reason: "no address point or address range matches that number and street",
          };
        }
        case "intersection": {
          const crossing = await matchIntersection(db, parsed);
          if (crossing) return crossing;
          return {
            found: false,
            suggestions: await suggestStreets(db, parsed.streets.map((s) => s.name)),
            reason: "those streets do not meet in the reference data",
          };
        }
        case "po_box":
          return { found: false, suggestions: [], reason: "a PO box is not a place; give the street address of the cameras" };
        case "unparsed":
          return {
            found: false,
            suggestions: parsed.streetHint ? await suggestStreets(db, [parsed.streetHint]) : [],
            reason: parsed.reason,
          };
      }
    },
  };
}
