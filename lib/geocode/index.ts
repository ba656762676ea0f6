/**
 * The geocoding entry point used by registration, the map's address box and
 * the CLI: `createGeocoder(db).geocode({ line1, unit, city, state, zip })`.
 */
import type { Db } from "@/db/client";
import { env, type Env } from "@/lib/env.js";
import { chainGeocoders } from "./chain";
import { createLocalGeocoder } from "./local";
import { createCensusGeocoder } from "./remote/census";
import { createNominatimGeocoder } from "./remote/nominatim";
import type { Geocoder } from "./types";

export { createLocalGeocoder, type LocalGeocoderOptions } from "./local";
export { parseAddress, parseAddressInput, formatStreet, type ParsedAddress, type StreetName } from "./parse";
export { formatAddressLine, formatParsedAddress } from "./normalize";
export { normalizeAddressKey, unitKey } from "./address-key";
export { chainGeocoders, geocodeAll } from "./chain";
export type * from "./types";

type GeocoderConfig = Pick<
  Env,
  | "GEOCODER_PROVIDERS"
  | "GEOCODER_TIMEOUT_MS"
  | "GEOCODER_RETRIES"
  | "GEOCODER_BACKOFF_MS"
  | "CENSUS_GEOCODER_URL"
  | "CENSUS_GEOCODER_BENCHMARK"
  | "NOMINATIM_URL"
  | "NOMINATIM_USER_AGENT"
  | "NOMINATIM_COUNTRY_CODES"
  | "AGENCY_CONTACT_EMAIL"
>;

export interface CreateGeocoderOptions {
  /** Overrides of the configuration (tests, tools); the rest comes from the environment. */
  config?: Partial<GeocoderConfig>;
  fetchImpl?: typeof fetch;
}

/** The configured provider chain (GEOCODER_PROVIDERS, default "local"), tried in order. */
export function createGeocoder(db: Db, options: CreateGeocoderOptions = {}): Geocoder {
  const config: GeocoderConfig = { ...env, ...options.config };
  const http = {
    timeoutMs: config.GEOCODER_TIMEOUT_MS,
    retries: config.GEOCODER_RETRIES,
    backoffMs: config.GEOCODER_BACKOFF_MS,
    fetchImpl: options.fetchImpl,
  };
  const providers = config.GEOCODER_PROVIDERS.map((name) => {
    switch (name) {
      case "local":
        return createLocalGeocoder(db);
      case "census":
        return createCensusGeocoder({ ...http, baseUrl: config.CENSUS_GEOCODER_URL, benchmark: config.CENSUS_GEOCODER_BENCHMARK });
      case "nominatim":
        return createNominatimGeocoder({
          ...http,
          baseUrl: config.NOMINATIM_URL,
          userAgent: config.NOMINATIM_USER_AGENT ?? `Sightline camera registry (${config.AGENCY_CONTACT_EMAIL})`,
          countryCodes: config.NOMINATIM_COUNTRY_CODES,
        });
    }
  });
  return providers.length === 1 ? providers[0] : chainGeocoders(providers);
}
