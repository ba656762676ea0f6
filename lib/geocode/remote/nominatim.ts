/**
 * Nominatim /search (OpenStreetMap). The public instance's usage policy asks
 * for an identifying User-Agent and at most one request per second; an agency
 * would normally point NOMINATIM at its own instance.
 * https://nominatim.org/release-docs/latest/api/Search/
 */
import { z } from "zod";
import { formatAddressLine } from "../normalize";
import type { AddressInput, GeocodeAnswer, Geocoder } from "../types";
import { getJsonWithRetry, type HttpOptions } from "./http";

export interface NominatimOptions extends Omit<HttpOptions, "provider"> {
  baseUrl: string;
  userAgent: string;
  countryCodes: string;
}

const nominatimResponse = z.array(
  z.object({
    lat: z.coerce.number(),
    lon: z.coerce.number(),
    display_name: z.string(),
    place_rank: z.coerce.number().optional(),
    importance: z.coerce.number().optional(),
    addresstype: z.string().optional(),
  }),
);

/** place_rank 30 is a building/house number; 26–27 a street. */
function confidenceFor(placeRank: number | undefined): number {
  if (placeRank === undefined) return 0.5;
  if (placeRank >= 30) return 0.8;
  if (placeRank >= 26) return 0.5;
  return 0.3;
}

export function createNominatimGeocoder(options: NominatimOptions): Geocoder {
  return {
    name: "nominatim",
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      const url = new URL("/search", options.baseUrl);
      url.searchParams.set("q", typeof query === "string" ? query : formatAddressLine(query));
      url.searchParams.set("format", "jsonv2");
      url.searchParams.set("limit", "1");
      if (options.countryCodes) url.searchParams.set("countrycodes", options.countryCodes);
      const raw = await getJsonWithRetry(url, {
        ...options,
        provider: "nominatim",
        headers: { "user-agent": options.userAgent, ...options.headers },
      });
      const body = nominatimResponse.safeParse(raw);
      if (!body.success) return { status: "not_found", found: false, suggestions: [], reason: "nominatim: unexpected response" };
      const best = body.data[0];
      if (!best) return { status: "not_found", found: false, suggestions: [], reason: "nominatim: no match" };
      return {
        status: "found",
        found: true,
        lat: best.lat,
        lng: best.lon,
        matchedAddress: best.display_name,
        method: "remote",
        confidence: confidenceFor(best.place_rank),
        source: "nominatim",
      };
    },
  };
}
