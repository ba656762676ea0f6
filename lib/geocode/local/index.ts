import "server-only";
import type { Db } from "@/db/client";
import type { ParsedAddress, ParsedStreetAddress } from "../parse";
import { parseQueryCached } from "../parse-cache";
import type { AddressInput, BatchGeocoder, GeocodeAnswer } from "../types";
import { pickAddressPoint } from "./address-points";
import { pickCenterline } from "./centerlines";
import { matchIntersection } from "./intersection";
import { fetchStreetCandidates } from "./street-candidates";
import { suggestStreets } from "./suggestions";

export interface LocalGeocoderOptions {
  /** Off to measure interpolation alone (the accuracy report's "centerlines only" mode). */
  useAddressPoints?: boolean;
  sideOffsetM?: number;
}

/**
 * Street addresses per statement in geocodeMany: large enough that the round
 * trip no longer matters, small enough that one statement stays short (a
 * bulk import's other work waits behind it on the embedded database).
 */
export const GEOCODE_BATCH_SIZE = 250;

/**
 * The geocoder that never leaves the building: address points, then
 * centerline interpolation, then intersections, else suggestions.
 * geocodeMany does the first two for a whole batch in one statement (see
 * street-candidates.ts for why one address does not).
 */
export function createLocalGeocoder(db: Db, options: LocalGeocoderOptions = {}): BatchGeocoder {
  const useAddressPoints = options.useAddressPoints ?? true;

  async function geocodeParsed(parsedList: ParsedAddress[]): Promise<GeocodeAnswer[]> {
    const answers: GeocodeAnswer[] = new Array(parsedList.length);
    const streetIndexes = parsedList.flatMap((p, i) => (p.kind === "address" ? [i] : []));
    for (let start = 0; start < streetIndexes.length; start += GEOCODE_BATCH_SIZE) {
      const chunk = streetIndexes.slice(start, start + GEOCODE_BATCH_SIZE);
      const addresses = chunk.map((i) => parsedList[i] as ParsedStreetAddress);
      const candidates = await fetchStreetCandidates(db, addresses, { useAddressPoints });
      for (const [k, address] of addresses.entries()) {
        const match =
          pickAddressPoint(address, candidates[k].points) ?? pickCenterline(address, candidates[k].centerlines, options.sideOffsetM);
        answers[chunk[k]] = match ?? {
          found: false,
          suggestions: await suggestStreets(db, [address.street.name]),
          reason: "no address point or address range matches that number and street",
        };
      }
    }
    for (const [i, parsed] of parsedList.entries()) {
      if (parsed.kind !== "address") answers[i] = await geocodeOther(parsed);
    }
    return answers;
  }

  async function geocodeOther(parsed: Exclude<ParsedAddress, ParsedStreetAddress>): Promise<GeocodeAnswer> {
    switch (parsed.kind) {
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
  }

  return {
    name: "local",
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      const [answer] = await geocodeParsed([parseQueryCached(query)]);
      return answer;
    },
    geocodeMany(queries: (string | AddressInput)[]): Promise<GeocodeAnswer[]> {
      return geocodeParsed(queries.map(parseQueryCached));
    },
  };
}
