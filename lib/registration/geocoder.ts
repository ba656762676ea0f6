import "server-only";
/**
 * THE place registration gets its geocoder and address key from. Geocoding is
 * the configured provider chain of the geocoding module (local PostGIS
 * reference data first; remote providers only when the agency turns them on).
 * The de-duplication key is the geocoding module's address key (one key
 * for every spelling of an address and its unit).
 */
import type { Db } from "@/db/client";
import { createGeocoder } from "@/lib/geocode";
import type { Geocoder } from "@/lib/geocode/types";

export { normalizeAddressKey } from "@/lib/geocode/address-key";

export function registrationGeocoder(db: Db): Geocoder {
  return createGeocoder(db);
}
