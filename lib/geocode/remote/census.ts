/**
 * The US Census Geocoder, onelineaddress endpoint (TIGER address ranges).
 * https://geocoding.geo.census.gov/geocoder/Geocoding_Services_API.html
 */
import { z } from "zod";
import { formatAddressLine } from "../normalize";
import type { AddressInput, GeocodeAnswer, Geocoder } from "../types";
import { getJsonWithRetry, type HttpOptions } from "./http";

export interface CensusOptions extends Omit<HttpOptions, "provider"> {
  baseUrl: string;
  benchmark: string;
}

const censusResponse = z.object({
  result: z.object({
    addressMatches: z.array(
      z.object({
        matchedAddress: z.string(),
        coordinates: z.object({ x: z.number(), y: z.number() }),
        tigerLine: z.object({ side: z.string().optional() }).partial().optional(),
      }),
    ),
  }),
});

/** The Census service interpolates on TIGER ranges: about as good as our own centerlines. */
const CENSUS_CONFIDENCE = 0.8;

export function createCensusGeocoder(options: CensusOptions): Geocoder {
  return {
    name: "census",
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      const url = new URL("/geocoder/locations/onelineaddress", options.baseUrl);
      url.searchParams.set("address", typeof query === "string" ? query : formatAddressLine(query));
      url.searchParams.set("benchmark", options.benchmark);
      url.searchParams.set("format", "json");
      const body = censusResponse.safeParse(await getJsonWithRetry(url, { ...options, provider: "census" }));
      if (!body.success) return { status: "not_found", found: false, suggestions: [], reason: "census: unexpected response" };
      const matches = body.data.result.addressMatches;
      if (matches.length === 0) return { status: "not_found", found: false, suggestions: [], reason: "census: no match" };
      const best = matches[0];
      return {
        status: "found",
        found: true,
        lat: best.coordinates.y,
        lng: best.coordinates.x,
        matchedAddress: best.matchedAddress,
        method: "remote",
        // Several candidates mean the service itself was unsure.
        confidence: matches.length > 1 ? CENSUS_CONFIDENCE - 0.2 : CENSUS_CONFIDENCE,
        source: "census",
      };
    },
  };
}
