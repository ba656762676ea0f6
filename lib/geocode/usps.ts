/**
 * USPS Publication 28 spellings we normalize to: unit designators, state
 * names, ZIP codes, city spellings. Street types and directionals live with
 * the street-name normalizer (street-name.ts) and are re-exported here.
 */
export { normalizeDirectional, normalizeStreetType } from "./street-name";

const UNIT_DESIGNATORS: Record<string, string> = {
  APARTMENT: "APT", APT: "APT", SUITE: "STE", STE: "STE", UNIT: "UNIT", "#": "#", NUMBER: "#", NO: "#", NUM: "#",
  BUILDING: "BLDG", BLDG: "BLDG", BLD: "BLDG", BLG: "BLDG", FLAT: "FLAT", FLOOR: "FL", FL: "FL", FLR: "FL", ROOM: "RM", RM: "RM", SPACE: "SPC", SPC: "SPC",
  LOT: "LOT", TRAILER: "TRLR", TRLR: "TRLR", DEPARTMENT: "DEPT", DEPT: "DEPT", OFFICE: "OFC", OFC: "OFC",
  REAR: "REAR", FRONT: "FRNT", FRNT: "FRNT", LOWER: "LOWR", LOWR: "LOWR", UPPER: "UPPR", UPPR: "UPPR", BASEMENT: "BSMT", BSMT: "BSMT",
  LOBBY: "LBBY", LBBY: "LBBY", PENTHOUSE: "PH", PH: "PH", HANGAR: "HNGR", HNGR: "HNGR", PIER: "PIER", SLIP: "SLIP", SIDE: "SIDE",
  STOP: "STOP", KEY: "KEY",
};

const UNIT_ORDINAL_WORDS: Record<string, string> = {
  FIRST: "1", SECOND: "2", THIRD: "3", FOURTH: "4", FIFTH: "5", SIXTH: "6", SEVENTH: "7", EIGHTH: "8", NINTH: "9", TENTH: "10",
};

/** A unit designator word ("Apartment", "Ste", "#") in its USPS spelling, or null. */
export function unitDesignatorOf(word: string | null | undefined): string | null {
  if (!word) return null;
  return UNIT_DESIGNATORS[word.toUpperCase().replace(/\./g, "")] ?? null;
}

/**
 * "Apartment 2b" → "APT 2B", "#4" → "# 4", "2B" → "# 2B", "4th Floor" /
 * "Second Floor" / "Floor 4" → "FL 4", "Lobby" → "LBBY".
 */
export function normalizeUnit(value: string | null | undefined): string | null {
  const text = cleanText(value)
    .replace(/#/g, " # ")
    .replace(/\b(SUITE|STE|UNIT|APT|RM|ROOM|BLDG)(\d)/g, "$1 $2")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return null;
  const words = text.split(" ").map((w) => UNIT_ORDINAL_WORDS[w] ?? w.replace(/^(\d+)(ST|ND|RD|TH)$/, "$1"));
  // "4th Floor", "2 fl": the designator written after its number.
  if (words.length === 2 && UNIT_DESIGNATORS[words[1]] && !UNIT_DESIGNATORS[words[0]]) words.reverse();
  const designator = UNIT_DESIGNATORS[words[0]];
  if (designator) {
    // "Apt No. 456", "Ste Number 5": the number sign spelled out after the designator is dropped like "#".
    const id = words.slice(1).filter((w, i) => w !== "#" && !(i === 0 && words.length > 2 && UNIT_DESIGNATORS[w] === "#")).join(" ");
    return id ? `${designator} ${id}` : designator;
  }
  return `# ${words.filter((w) => w !== "#").join(" ")}`;
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
  const text = cleanText((value ?? "").replace(/\./g, ""));
  if (!text) return null;
  if (/^[A-Z]{2}$/.test(text)) return text;
  return STATE_NAMES[text] ?? text;
}

/** Five-digit ZIP, or null ("60154-1234" → "60154"). */
export function normalizeZip(value: string | null | undefined): string | null {
  const match = (value ?? "").match(/\b(\d{5})(?:-?\d{4})?\b/);
  return match ? match[1] : null;
}

/** State codes and names, for the parser to recognise a state at the end of a line. */
export function stateOf(words: string[]): string | null {
  const text = words.join(" ");
  if (/^[A-Z]{2}$/.test(text)) return STATE_CODES.has(text) ? text : null;
  return STATE_NAMES[text] ?? null;
}

const STATE_CODES = new Set([...Object.values(STATE_NAMES), "PR", "GU", "VI", "AS", "MP"]);

/** What a first word of a city stands for ("St Louis" is Saint Louis); also used to look places up word by word. */
export const CITY_LEADING: Record<string, string> = { N: "NORTH", S: "SOUTH", E: "EAST", W: "WEST", FT: "FORT", MT: "MOUNT", ST: "SAINT", STE: "SAINTE" };

/**
 * "e San Jose" → "EAST SAN JOSE", "St. Louis" → "SAINT LOUIS", "Ft Myers" → "FORT MYERS", "Winston-Salem" →
 * "WINSTON SALEM" (a hyphen is a space: the parser reads words, so a city typed with or without it is one city).
 */
export function normalizeCity(value: string | null | undefined): string | null {
  const words = cleanText((value ?? "").replace(/[.-]/g, " ")).split(" ").filter(Boolean);
  if (words.length === 0) return null;
  if (words.length > 1 && CITY_LEADING[words[0]]) words[0] = CITY_LEADING[words[0]];
  return words.join(" ");
}
