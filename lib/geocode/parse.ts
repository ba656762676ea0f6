/**
 * US address parsing on top of parse-address (chosen over addresser: it keeps
 * addresses without a city or ZIP, normalizes USPS suffixes and directionals,
 * and reads units; addresser throws on all of those — see the README). This
 * module fills its gaps: bare intersections ("Cermak & Hull", "corner of
 * Cermak and Hull"), a trailing "USA", PO boxes, unicode, hostile lengths.
 * Pure: no database.
 */
import parser, { type ParsedLocation } from "parse-address";
import type { AddressInput } from "./types";
import {
  cleanText,
  normalizeDirectional,
  normalizeState,
  normalizeStreetType,
  normalizeUnit,
  normalizeZip,
} from "./usps";

/** parse-address is regex-heavy (10 kB takes ~0.5 s); no real address is this long. */
export const MAX_ADDRESS_LENGTH = 300;

export interface StreetName {
  preDir: string | null;
  name: string;
  type: string | null;
  postDir: string | null;
}

interface Locality {
  city: string | null;
  state: string | null;
  zip: string | null;
}

export interface ParsedStreetAddress extends Locality {
  kind: "address";
  number: number;
  numberSuffix: string | null;
  street: StreetName;
  unit: string | null;
}

export interface ParsedIntersection extends Locality {
  kind: "intersection";
  streets: [StreetName, StreetName];
}

export interface ParsedPoBox extends Locality {
  kind: "po_box";
  box: string;
}

export interface UnparsedAddress {
  kind: "unparsed";
  reason: string;
  /** Whatever looked like a street name, for suggestions. */
  streetHint: string | null;
}

export type ParsedAddress = ParsedStreetAddress | ParsedIntersection | ParsedPoBox | UnparsedAddress;

const TRAILING_COUNTRY = /[\s,]+(U\.?S\.?A?\.?|UNITED STATES(?: OF AMERICA)?|AMERICA)\s*$/i;
const PO_BOX = /\b(?:P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|POB)\s*#?\s*([A-Z0-9-]+)/i;
const CORNER_PREFIX = /^(?:(?:THE\s+)?(?:CORNER|INTERSECTION)\s+OF\s+)/i;
const INTERSECTION_SPLIT = /\s+(?:&|AND|AT|@|\/)\s+|\s*&\s*|\s*@\s*/i;

/** Unicode to plain ASCII upper-case-insensitive text, punctuation kept where the parser needs it. */
function preClean(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(TRAILING_COUNTRY, "")
    .trim();
}

export function parseAddress(text: string): ParsedAddress {
  if (typeof text !== "string" || text.trim() === "") return unparsed("empty address", null);
  if (text.length > MAX_ADDRESS_LENGTH) return unparsed(`longer than ${MAX_ADDRESS_LENGTH} characters`, null);
  const clean = preClean(text);
  if (!/[A-Za-z0-9]/.test(clean)) return unparsed("no letters or digits", null);

  const poBox = clean.match(PO_BOX);
  if (poBox) {
    const rest = parser.parseLocation(`1 X St, ${clean.slice((poBox.index ?? 0) + poBox[0].length).replace(/^[\s,]+/, "")}`);
    return { kind: "po_box", box: poBox[1].toUpperCase(), ...localityOf(rest) };
  }

  if (!/^\d/.test(clean)) {
    const intersection = parseIntersectionText(clean);
    if (intersection) return intersection;
  }

  if (/^[\d\s,#-]+$/.test(clean)) return unparsed("no street name", null);
  // parse-address folds an attached house-number suffix ("10300A", "10300 1/2") into the street name.
  const attachedSuffix = clean.match(/^(\d+)(?:([A-Za-z])|\s+(1\/2))\s+/);
  const location = parser.parseLocation(attachedSuffix ? clean.replace(attachedSuffix[0], `${attachedSuffix[1]} `) : clean);
  if (!location || !location.number) {
    const hint = location?.street ? cleanText(location.street) : cleanText(clean.split(",")[0]);
    return unparsed("no house number", /[A-Z]/.test(hint) ? hint : null);
  }
  const numberMatch = location.number.match(/^(\d{1,7})\s*(.*)$/);
  const street = streetFrom(location.prefix, location.street, location.type, location.suffix);
  if (!numberMatch || !street) return unparsed("no street name", null);
  const number = Number(numberMatch[1]);
  if (number <= 0) return unparsed("house number must be positive", street.name);
  const unit = location.sec_unit_type || location.sec_unit_num
    ? normalizeUnit(`${location.sec_unit_type ?? "#"} ${location.sec_unit_num ?? ""}`.trim())
    : null;
  return {
    kind: "address",
    number,
    numberSuffix: (attachedSuffix ? (attachedSuffix[2] ?? attachedSuffix[3]).toUpperCase() : cleanText(numberMatch[2])) || null,
    street,
    unit,
    ...localityOf(location),
  };
}

/** The structured form from the registration API: its fields win over what the line seems to say. */
export function parseAddressInput(input: AddressInput): ParsedAddress {
  const parsed = parseAddress(input.line1 ?? "");
  if (parsed.kind === "unparsed") return parsed;
  const city = cleanText(input.city) || parsed.city;
  const state = normalizeState(input.state) ?? parsed.state;
  const zip = normalizeZip(input.zip) ?? parsed.zip;
  if (parsed.kind === "address") {
    return { ...parsed, unit: normalizeUnit(input.unit) ?? parsed.unit, city, state, zip };
  }
  return { ...parsed, city, state, zip };
}

export function parseQuery(query: string | AddressInput): ParsedAddress {
  return typeof query === "string" ? parseAddress(query) : parseAddressInput(query);
}

function parseIntersectionText(clean: string): ParsedIntersection | null {
  const withoutCorner = clean.replace(CORNER_PREFIX, "");
  const [streetsPart, ...localityParts] = withoutCorner.split(",");
  const sides = streetsPart.split(INTERSECTION_SPLIT);
  if (sides.length !== 2) return null;
  const first = parseStreetOnly(sides[0]);
  const second = parseStreetOnly(sides[1]);
  if (!first || !second) return null;
  const locality = localityParts.length
    ? localityOf(parser.parseLocation(`1 X St, ${localityParts.join(",")}`))
    : { city: null, state: null, zip: null };
  return { kind: "intersection", streets: [first, second], ...locality };
}

/** "W Cermak Rd" → {W, CERMAK, RD}; "Hull" → {HULL}. */
export function parseStreetOnly(text: string): StreetName | null {
  const clean = preClean(text);
  if (!clean || /^\d+$/.test(clean)) return null;
  const parsed = parser.parseLocation(`1 ${clean}`);
  if (!parsed) return null;
  return streetFrom(parsed.prefix, parsed.street, parsed.type, parsed.suffix);
}

function streetFrom(
  prefix: string | undefined,
  name: string | undefined,
  type: string | undefined,
  suffix: string | undefined,
): StreetName | null {
  const cleanName = cleanText(name);
  if (!cleanName || !/[A-Z0-9]/.test(cleanName) || /^\d+$/.test(cleanName)) {
    // A numbered street without its ordinal ("31 St") is still a street; a bare number is not.
    if (!(cleanName && type)) return null;
  }
  return {
    preDir: normalizeDirectional(prefix),
    name: cleanName,
    type: normalizeStreetType(type),
    postDir: normalizeDirectional(suffix),
  };
}

function localityOf(location: ParsedLocation | null): { city: string | null; state: string | null; zip: string | null } {
  return {
    city: cleanText(location?.city) || null,
    state: normalizeState(location?.state),
    zip: normalizeZip(location?.zip),
  };
}

function unparsed(reason: string, streetHint: string | null): UnparsedAddress {
  return { kind: "unparsed", reason, streetHint };
}

export function formatStreet(street: Pick<StreetName, "preDir" | "name" | "type" | "postDir">): string {
  return [street.preDir, street.name, street.type, street.postDir].filter(Boolean).join(" ");
}
