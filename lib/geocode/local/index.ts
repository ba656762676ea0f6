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

/** What every step needs, in one shape for every geocoder (the JIT then sees one object layout, not one per options literal). */
interface Context {
  db: Db;
  useAddressPoints: boolean;
  sideOffsetM: number | undefined;
}

/**
 * The geocoder that never leaves the building: address points, then
 * centerline interpolation, then intersections, else suggestions.
 * geocodeMany does the first two for a whole batch in one statement
 * (street-candidates.ts), one address in one statement of its own
 * (one-address.ts). The steps are module functions over a Context rather than
 * closures per geocoder, and one address takes its own short path (geocodeOne)
 * instead of the batch loop: the same steps in the same order, so the same
 * answers, with less work per address (see README "Throughput").
 */
export function createLocalGeocoder(db: Db, options: LocalGeocoderOptions = {}): BatchGeocoder {
  const ctx: Context = { db, useAddressPoints: options.useAddressPoints ?? true, sideOffsetM: options.sideOffsetM };
  return {
    name: "local",
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      return geocodeOne(ctx, parseQueryCached(query));
    },
    geocodeMany(queries: (string | AddressInput)[]): Promise<GeocodeAnswer[]> {
      return geocodeParsed(ctx, queries.map(parseQueryCached));
    },
  };
}

/** fetchOneAddress's options, allocated once. */
const WITH_POINTS = { useAddressPoints: true } as const;
const WITHOUT_POINTS = { useAddressPoints: false } as const;

/** One address: geocodeParsed's steps for a list of one, without its batch bookkeeping. */
async function geocodeOne(ctx: Context, parsed: ParsedAddress): Promise<GeocodeAnswer> {
  if (parsed.kind !== "address") return geocodeOther(ctx, parsed);
  const candidates = await fetchOneAddress(ctx.db, parsed, ctx.useAddressPoints ? WITH_POINTS : WITHOUT_POINTS);
  let answer = judgeStreetAddress(parsed, candidates, ctx.sideOffsetM);
  // Every address point of this number contradicts the query: a range of the street asked for may still hold it.
  if (answer?.status === "not_found" && candidates.points.length > 0) {
    const fromLines = judgeStreetAddress(parsed, await fetchOneAddress(ctx.db, parsed, WITHOUT_POINTS), ctx.sideOffsetM);
    if (fromLines && fromLines.status !== "not_found") answer = fromLines;
  }
  if (!answer) return didYouMean(ctx, parsed);
  // Found only by leaving out a direction or type: a suggestion when the street as asked is a street of its own.
  if (answer.found && restsOnOmission(answer)) {
    const isOwnStreet = candidates.askedStreetExists ?? (await existingStreets(ctx.db, [parsed.street])).has(0);
    if (isOwnStreet) return asSuggestion(answer, parsed.street, formatStreet(parsed.street));
  }
  return answer;
}

async function geocodeParsed(ctx: Context, parsedList: ParsedAddress[]): Promise<GeocodeAnswer[]> {
  const { db, useAddressPoints, sideOffsetM } = ctx;
  const answers: GeocodeAnswer[] = new Array(parsedList.length);
  const streetIndexes = parsedList.flatMap((p, i) => (p.kind === "address" ? [i] : []));
  for (let start = 0; start < streetIndexes.length; start += GEOCODE_BATCH_SIZE) {
    const chunk = streetIndexes.slice(start, start + GEOCODE_BATCH_SIZE);
    const addresses = chunk.map((i) => parsedList[i] as ParsedStreetAddress);
    const candidates = addresses.length === 1 ? [await fetchOneAddress(db, addresses[0], { useAddressPoints })] : await fetchStreetCandidates(db, addresses, { useAddressPoints });
    for (const [k, address] of addresses.entries()) {
      let answer = judgeStreetAddress(address, candidates[k], sideOffsetM);
      // Every address point of this number contradicts the query: a range of the street asked for may still hold it.
      if (answer?.status === "not_found" && candidates[k].points.length > 0) {
        const lines = await fetchOneAddress(db, address, { useAddressPoints: false });
        const fromLines = judgeStreetAddress(address, lines, sideOffsetM);
        if (fromLines && fromLines.status !== "not_found") answer = fromLines;
      }
      answers[chunk[k]] = answer ?? (await didYouMean(ctx, address));
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
    if (parsed.kind !== "address") answers[i] = await geocodeOther(ctx, parsed);
  }
  return answers;
}

/** No row has this street name and number: similar names that hold the number (within the ZIP or city), else similar names. */
async function didYouMean(ctx: Context, address: ParsedStreetAddress): Promise<GeocodeAnswer> {
  const candidates = await suggestAddresses(ctx.db, address, ctx.sideOffsetM);
  if (candidates.length > 0) {
    return notFound(
      `no ${address.street.name} holds number ${address.number} in the reference data; similar street names do`,
      candidates.map((c) => c.address),
      candidates,
    );
  }
  return notFound("no address point or address range matches that number and street", await suggestStreets(ctx.db, [address.street.name]));
}

async function geocodeOther(ctx: Context, parsed: Exclude<ParsedAddress, ParsedStreetAddress>): Promise<GeocodeAnswer> {
  switch (parsed.kind) {
    case "intersection": {
      const crossing = await matchIntersection(ctx.db, parsed);
      if (crossing) return crossing;
      return notFound("those streets do not meet in the reference data", await suggestStreets(ctx.db, parsed.streets.map((s) => s.name)));
    }
    case "po_box":
      return notFound("a PO box or rural box is not a place; give the street address of the cameras");
    case "unparsed":
      return notFound(parsed.reason, parsed.streetHint ? await suggestStreets(ctx.db, [parsed.streetHint]) : []);
  }
}
