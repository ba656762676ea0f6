/**
 * THE address key: one string per place, used to de-duplicate registrations
 * (resubmissions, imports run twice, the review queue's "same address"
 * siblings) and stored in registrations.address_normalized. Pure.
 *
 * It is built from the parsed address, so every spelling the parser
 * normalizes gives one key: case, punctuation and spacing, USPS street types
 * ("Road" → RD), directionals ("West" → W), a unit written in the line or in
 * its own field. Units that name the same door are one key whatever the
 * designator ("Apt 2", "#2", "Unit 2", "Ste 2", "No. 2", "2-b" vs "2B"); a
 * floor, a building and rear/front/upper/lower keep their designator, since
 * "Fl 2" is not "Apt 2".
 *
 * The locality is the 5-digit ZIP (the registration form requires it, and
 * residents spell the city many ways: "Westchester" vs "Westchester
 * Village"); only without a ZIP do the city and state stand in for it.
 */
import { formatHouseNumber, formatStreet, type ParsedAddress } from "./parse";
import { parseQueryCached } from "./parse-cache";
import type { AddressInput } from "./types";
import { cleanText, normalizeState, normalizeUnit, normalizeZip } from "./usps";

/** Designators of one door in a building: the identifier alone tells them apart. */
const DOOR_DESIGNATORS = new Set(["#", "APT", "UNIT", "STE", "RM", "SPC", "LOT", "TRLR", "DEPT", "OFC"]);
const ORDINAL_FLOOR = /^(\d+)(?:ST|ND|RD|TH)?\s*(?:FLOOR|FLR|FL)$/;

/** "Apartment 2-B" → "#2B", "2nd floor" → "FL 2", "Bldg C" → "BLDG C", "Rear" → "REAR". */
export function unitKey(unit: string | null | undefined): string | null {
  const text = cleanText(unit);
  if (!text) return null;
  const floor = text.match(ORDINAL_FLOOR);
  if (floor) return `FL ${Number(floor[1])}`;
  const normalized = normalizeUnit(text);
  if (!normalized) return null;
  const [designator, ...rest] = normalized.split(" ");
  const id = rest.join("").replace(/[-#]/g, "");
  if (!id) return designator;
  return DOOR_DESIGNATORS.has(designator) ? `#${id}` : `${designator} ${id}`;
}

function localityKey(city: string | null, state: string | null, zip: string | null): string {
  if (zip) return zip;
  return [city, state].filter(Boolean).join(", ");
}

function keyOfParsed(parsed: Exclude<ParsedAddress, { kind: "unparsed" }>): string {
  let line: string;
  switch (parsed.kind) {
    case "address": {
      const number = formatHouseNumber(parsed);
      line = [number, formatStreet(parsed.street), unitKey(parsed.unit)].filter(Boolean).join(" ");
      break;
    }
    case "intersection":
      line = `${formatStreet(parsed.streets[0])} & ${formatStreet(parsed.streets[1])}`;
      break;
    case "po_box":
      line = parsed.label;
      break;
  }
  return [line, localityKey(parsed.city, parsed.state, parsed.zip)].filter(Boolean).join(", ");
}

/**
 * "10300 west Roosevelt Road", unit "Apartment 4", "Westchester", "IL",
 * "60154-1234" → "10300 W ROOSEVELT RD #4, 60154". Input the parser cannot
 * read still gets a deterministic key (its cleaned upper-case text).
 */
export function normalizeAddressKey(input: AddressInput | string): string {
  const parsed = parseQueryCached(input);
  if (parsed.kind !== "unparsed") return keyOfParsed(parsed);
  if (typeof input === "string") return cleanText(input);
  const line = [cleanText(input.line1), unitKey(input.unit)].filter(Boolean).join(" ");
  const locality = localityKey(cleanText(input.city) || null, normalizeState(input.state), normalizeZip(input.zip));
  return [line, locality].filter(Boolean).join(", ");
}
