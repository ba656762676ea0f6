/**
 * A simple address key for de-duplicating registrations: upper case, spaces
 * collapsed, punctuation dropped, USPS street-suffix and direction
 * abbreviations. The geocoding module's normalizer replaces this at merge time
 * (see lib/registration/geocoder.ts); the key only has to be stable.
 */
import type { AddressInput } from "@/lib/geocode/types";

const USPS: Record<string, string> = {
  NORTH: "N", SOUTH: "S", EAST: "E", WEST: "W",
  NORTHEAST: "NE", NORTHWEST: "NW", SOUTHEAST: "SE", SOUTHWEST: "SW",
  AVENUE: "AVE", AV: "AVE", BOULEVARD: "BLVD", CIRCLE: "CIR", COURT: "CT", DRIVE: "DR", EXPRESSWAY: "EXPY",
  HIGHWAY: "HWY", LANE: "LN", PARKWAY: "PKWY", PLACE: "PL", ROAD: "RD", SQUARE: "SQ", STREET: "ST",
  TERRACE: "TER", TRAIL: "TRL", WAY: "WAY", ALLEY: "ALY",
  APARTMENT: "APT", SUITE: "STE", UNIT: "UNIT", FLOOR: "FL",
};

export function normalizeWords(text: string): string {
  return text
    .toUpperCase()
    .replace(/[.,#]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => USPS[w] ?? w)
    .join(" ");
}

/** "10300 W Roosevelt Road, Unit 2, 60154" → "10300 W ROOSEVELT RD|2|60154". */
export function normalizeAddressKey(input: AddressInput): string {
  const line1 = normalizeWords(input.line1);
  const unit = normalizeWords(input.unit ?? "").replace(/^(APT|STE|UNIT|FL)\s+/, "");
  const zip5 = (input.zip ?? "").trim().slice(0, 5);
  return [line1, unit, zip5].join("|");
}
