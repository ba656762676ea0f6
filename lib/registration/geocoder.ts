import "server-only";
/**
 * THE place registration gets its geocoder and address key from. Geocoding is
 * the configured provider chain of the geocoding module (local PostGIS
 * reference data first; remote providers only when the agency turns them on).
 * The de-duplication key stays registration's own normalizer: it treats
 * "Apt 2" and "#2" as one unit, which the geocoding key does not yet.
 */
import type { Db } from "@/db/client";
import { createGeocoder } from "@/lib/geocode";
import type { Geocoder } from "@/lib/geocode/types";
import { normalizeAddressKey as registrationAddressKey } from "./normalize-address";

export const normalizeAddressKey = registrationAddressKey;

export function registrationGeocoder(db: Db): Geocoder {
  return createGeocoder(db);
}
