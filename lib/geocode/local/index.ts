import "server-only";
import type { Db } from "@/db/client";
import type { ParsedAddress, ParsedStreetAddress } from "../parse";
import { parseQueryCached } from "../parse-cache";
import type { AddressInput, BatchGeocoder, GeocodeAnswer } from "../types";
import { notFound } from "../types";
import { formatStreet } from "../street-name";
import { asSuggestion, existingStreets, restsOnOmission } from "./asked-street";
import { matchIntersection } from "./intersection";
import { judgeStreetAddress } from "./judge";
import { fetchOneAddress } from "./one-address";
import { fetchStreetCandidates } from "./street-candidates";
import { suggestAddresses, suggestStreets } from "./suggestions";

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
 * geocodeMany does the first two for a whole batch in one statement
 * (street-candidates.ts), one address in one statement of its own
 * (one-address.ts).
 */
export function createLocalGeocoder(db: Db, options: LocalGeocoderOptions = {}): BatchGeocoder {
  const useAddressPoints = options.useAddressPoints ?? true;

  async function geocodeParsed(parsedList: ParsedAddress[]): Promise<GeocodeAnswer[]> {
    const answers: GeocodeAnswer[] = new Array(parsedList.length);
    const streetIndexes = parsedList.flatMap((p, i) => (p.kind === "address" ? [i] : []));
    for (let start = 0; start < streetIndexes.length; start += GEOCODE_BATCH_SIZE) {
      const chunk = streetIndexes.slice(start, start + GEOCODE_BATCH_SIZE);
      const addresses = chunk.map((i) => parsedList[i] as ParsedStreetAddress);
      const candidates = addresses.length === 1 ? [await fetchOneAddress(db, addresses[0], { useAddressPoints })] : await fetchStreetCandidates(db, addresses, { useAddressPoints });
      for (const [k, address] of addresses.entries()) {
        let answer = judgeStreetAddress(address, candidates[k], options.sideOffsetM);
        // Every address point of this number contradicts the query: a range of the street asked for may still hold it.
        if (answer?.status === "not_found" && candidates[k].points.length > 0) {
          const lines = await fetchOneAddress(db, address, { useAddressPoints: false });
          const fromLines = judgeStreetAddress(address, lines, options.sideOffsetM);
          if (fromLines && fromLines.status !== "not_found") answer = fromLines;
        }
        answers[chunk[k]] = answer ?? (await didYouMean(address));
      }
      // Found only by leaving out a direction or type: a suggestion when the street as asked is a street of its own
      // (one statement per chunk; one address has the answer from its own statement).
      const relaxed = addresses.flatMap((address, k) => (restsOnOmission(answers[chunk[k]]) ? [k] : []));
      const unknown = relaxed.filter((k) => candidates[k].askedStreetExists === undefined);
      const existing = await existingStreets(db, unknown.map((k) => addresses[k].street));
      const isOwnStreet = new Set([...relaxed.filter((k) => candidates[k].askedStreetExists), ...unknown.filter((_, j) => existing.has(j))]);
      for (const k of relaxed) {
        const answer = answers[chunk[k]];
        if (isOwnStreet.has(k) && answer.found) answers[chunk[k]] = asSuggestion(answer, addresses[k].street, formatStreet(addresses[k].street));
      }
    }
    for (const [i, parsed] of parsedList.entries()) {
      if (parsed.kind !== "address") answers[i] = await geocodeOther(parsed);
    }
    return answers;
  }

  /** No row has this street name and number: similar names that hold the number (within the ZIP or city), else similar names. */
  async function didYouMean(address: ParsedStreetAddress): Promise<GeocodeAnswer> {
    const candidates = await suggestAddresses(db, address, options.sideOffsetM);
    if (candidates.length > 0) {
      return notFound(
        `no ${address.street.name} holds number ${address.number} in the reference data; similar street names do`,
        candidates.map((c) => c.address),
        candidates,
      );
    }
    return notFound("no address point or address range matches that number and street", await suggestStreets(db, [address.street.name]));
  }

  async function geocodeOther(parsed: Exclude<ParsedAddress, ParsedStreetAddress>): Promise<GeocodeAnswer> {
    switch (parsed.kind) {
      case "intersection": {
        const crossing = await matchIntersection(db, parsed);
        if (crossing) return crossing;
        return notFound("those streets do not meet in the reference data", await suggestStreets(db, parsed.streets.map((s) => s.name)));
      }
      case "po_box":
        return notFound("a PO box or rural box is not a place; give the street address of the cameras");
      case "unparsed":
        return notFound(parsed.reason, parsed.streetHint ? await suggestStreets(db, [parsed.streetHint]) : []);
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
