/**
 * USPS Publication 28 spellings we normalize to. Street suffixes come from
 * parse-address's own USPS table (normalizeStreetType); the small tables here
 * cover what it leaves as typed: directionals, unit designators, state names.
 */
import parser from "parse-address";

const DIRECTIONALS: Record<string, string> = {
  NORTH: "N", SOUTH: "S", EAST: "E", WEST: "W",
  NORTHEAST: "NE", NORTHWEST: "NW", SOUTHEAST: "SE", SOUTHWEST: "SW",
  N: "N", S: "S", E: "E", W: "W", NE: "NE", NW: "NW", SE: "SE", SW: "SW",
};

const UNIT_DESIGNATORS: Record<string, string> = {
  APARTMENT: "APT", APT: "APT", SUITE: "STE", STE: "STE", UNIT: "UNIT", "#": "#", NUMBER: "#", NO: "#",
  BUILDING: "BLDG", BLDG: "BLDG", FLOOR: "FL", FL: "FL", ROOM: "RM", RM: "RM", SPACE: "SPC", SPC: "SPC",
  LOT: "LOT", TRAILER: "TRLR", TRLR: "TRLR", DEPARTMENT: "DEPT", DEPT: "DEPT", OFFICE: "OFC", OFC: "OFC",
  REAR: "REAR", FRONT: "FRNT", FRNT: "FRNT", LOWER: "LOWR", UPPER: "UPPR", BASEMENT: "BSMT", BSMT: "BSMT",
};

export function normalizeDirectional(value: string | null | undefined): string | null {
  const key = cleanToken(value);
  if (!key) return null;
  return DIRECTIONALS[key] ?? null;
}

const streetTypeCache = new Map<string, string>();

/** "Road" → "RD", "Blvd." → "BLVD"; unknown words are kept, upper-cased. */
export function normalizeStreetType(value: string | null | undefined): string | null {
  const key = cleanToken(value);
  if (!key) return null;
  const cached = streetTypeCache.get(key);
  if (cached) return cached;
  // parse-address carries the full USPS C1 suffix table but does not export it;
  // asking it to parse a one-word street with this suffix reads it back out.
  const parsed = parser.parseLocation(`1 X ${key}`);
  const normalized = parsed?.type && !parsed.suffix ? parsed.type.toUpperCase() : key;
  streetTypeCache.set(key, normalized);
  return normalized;
}

/** "Apartment 2b" → "APT 2B", "#4" → "# 4", "2B" → "# 2B". */
export function normalizeUnit(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (!text) return null;
  const match = text.match(/^(#|[A-Z]+)\.?\s*(.*)$/);
  if (match) {
    const designator = UNIT_DESIGNATORS[match[1]];
    if (designator) return match[2] ? `${designator} ${match[2].replace(/^#\s*/, "")}` : designator;
  }
  return `# ${text.replace(/^#\s*/, "")}`;
}

/** Upper case, ASCII letters/digits/spaces only, single spaces. */
export function cleanText(value: string | null | undefined): string {
  if (!value) return "";
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9#\-/ ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function cleanToken(value: string | null | undefined): string {
  return cleanText(value).replace(/[^A-Z0-9#]/g, "");
}

const STATE_NAMES: Record<string, string> = {
  ALABAMA: "AL", ALASKA: "AK", ARIZONA: "AZ", ARKANSAS: "AR", CALIFORNIA: "CA", COLORADO: "CO", CONNECTICUT: "CT",
  DELAWARE: "DE", "DISTRICT OF COLUMBIA": "DC", FLORIDA: "FL", GEORGIA: "GA", HAWAII: "HI", IDAHO: "ID", ILLINOIS: "IL",
  INDIANA: "IN", IOWA: "IA", KANSAS: "KS", KENTUCKY: "KY", LOUISIANA: "LA", MAINE: "ME", MARYLAND: "MD",
  MASSACHUSETTS: "MA", MICHIGAN: "MI", MINNESOTA: "MN", MISSISSIPPI: "MS", MISSOURI: "MO", MONTANA: "MT",
  NEBRASKA: "NE", NEVADA: "NV", "NEW HAMPSHIRE": "NH", "NEW JERSEY": "NJ", "NEW MEXICO": "NM", "NEW YORK": "NY",
  "NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND", OHIO: "OH", OKLAHOMA: "OK", OREGON: "OR", PENNSYLVANIA: "PA",
  "RHODE ISLAND": "RI", "SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD", TENNESSEE: "TN", TEXAS: "TX", UTAH: "UT",
  VERMONT: "VT", VIRGINIA: "VA", WASHINGTON: "WA", "WEST VIRGINIA": "WV", WISCONSIN: "WI", WYOMING: "WY",
};

export function normalizeState(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (!text) return null;
  if (/^[A-Z]{2}$/.test(text)) return text;
  return STATE_NAMES[text] ?? text;
}

/** Five-digit ZIP, or null ("60154-1234" → "60154"). */
export function normalizeZip(value: string | null | undefined): string | null {
  const match = (value ?? "").match(/\b(\d{5})(?:-?\d{4})?\b/);
  return match ? match[1] : null;
}
