/**
 * The normalized one-line address (USPS abbreviations, upper case, unit and
 * locality included): what a remote geocoder is asked. Not the
 * de-duplication key (that is address-key.ts). Pure: no database.
 */
import { formatHouseNumber, formatStreet, parseQuery, type ParsedAddress } from "./parse";
import type { AddressInput } from "./types";
import { cleanText, normalizeState, normalizeUnit, normalizeZip } from "./usps";

export function formatLocality(city: string | null, state: string | null, zip: string | null): string {
  const stateZip = [state, zip].filter(Boolean).join(" ");
  return [city, stateZip].filter(Boolean).join(", ");
}

export function formatParsedAddress(parsed: ParsedAddress): string {
  switch (parsed.kind) {
    case "address": {
      const number = formatHouseNumber(parsed);
      const line = [number, formatStreet(parsed.street), parsed.unit].filter(Boolean).join(" ");
      return [line, formatLocality(parsed.city, parsed.state, parsed.zip)].filter(Boolean).join(", ");
    }
    case "intersection": {
      const line = `${formatStreet(parsed.streets[0])} & ${formatStreet(parsed.streets[1])}`;
      return [line, formatLocality(parsed.city, parsed.state, parsed.zip)].filter(Boolean).join(", ");
    }
    case "po_box":
      return [parsed.label, formatLocality(parsed.city, parsed.state, parsed.zip)].filter(Boolean).join(", ");
    case "unparsed":
      return "";
  }
}

/**
 * "10300 west Roosevelt Road, Apt 4, Westchester, Illinois 60154-1234, USA"
 * → "10300 W ROOSEVELT RD APT 4, WESTCHESTER, IL 60154". Input the parser
 * cannot read is sent as its cleaned upper-case text.
 */
export function formatAddressLine(input: AddressInput | string): string {
  const parsed = parseQuery(input);
  if (parsed.kind !== "unparsed") return formatParsedAddress(parsed);
  if (typeof input === "string") return cleanText(input);
  const line = [cleanText(input.line1), normalizeUnit(input.unit)].filter(Boolean).join(" ");
  return [line, formatLocality(cleanText(input.city) || null, normalizeState(input.state), normalizeZip(input.zip))]
    .filter(Boolean)
    .join(", ");
}
