/**
 * Whether words name a US place (city, town, village, postal place), in a
 * given state or in any: the parser asks this where grammar alone cannot
 * tell where a street ends and its city begins ("Okeechobee Blvd W Palm
 * Beach" is West Palm Beach, "Main St N Saint Petersburg" is Main St N;
 * "Marsielle St Louis MO" is Saint Louis). The names are GeoNames' US
 * postal places (us-places-data.ts, CC BY 4.0). Pure; the table is read once,
 * on first use.
 */
import { US_PLACES_BY_STATE, US_ZIP3_STATES } from "./us-places-data";
import { CITY_LEADING, normalizeCity } from "./usps";

let byState: Map<string, Set<string>> | null = null;
let anyState: Set<string> | null = null;
let zip3States: Map<string, string[]> | null = null;
/** Every run of first words of a place name ("SAINT", "SAINT LOUIS"), to stop looking early. */
let prefixes: Set<string> | null = null;

function tables(): { byState: Map<string, Set<string>>; anyState: Set<string> } {
  if (!byState || !anyState) {
    byState = new Map();
    anyState = new Set();
    for (const line of US_PLACES_BY_STATE.split("\n")) {
      const [state, names] = line.split(":");
      const set = new Set(names.split("|").map(placeKey));
      byState.set(state, set);
      for (const n of set) anyState.add(n);
    }
  }
  return { byState, anyState };
}

/**
 * "W Palm Beach" in FL → true; "St Louis" in MO → true. The state is the one
 * given, else the one(s) the ZIP's first three digits lie in, else any.
 */
export function isUsPlace(words: string[] | string, state: string | null, zip: string | null = null): boolean {
  const name = placeKey(Array.isArray(words) ? words.join(" ") : words);
  if (!name) return false;
  const t = tables();
  const states = state ? [state] : zip ? zipStates(zip) : null;
  // "Huntingdon Vy", "Colorado Spgs", "Grand Jct", "Lk Forest", "Sta Clara": a first or last word abbreviated the way
  // USPS abbreviates it in its short (13-letter) city names is looked up spelled out.
  const parts = name.split(" ");
  const names = [name];
  if (parts.length > 1) {
    const first = parts[0];
    const last = parts[parts.length - 1];
    const firsts = [first, ...(PLACE_FIRST_WORDS[first] ?? [])];
    const lasts = PLACE_LAST_WORDS[last] ? [last, PLACE_LAST_WORDS[last]] : [last];
    for (const f of firsts) for (const l of lasts) if (f !== first || l !== last) names.push([f, ...parts.slice(1, -1), l].join(" "));
  }
  return names.some((n) => (states ? states.some((s) => t.byState.get(s)?.has(n) ?? false) : t.anyState.has(n)));
}

/** Abbreviated last words of place names (USPS feature abbreviations) and the word they stand for. */
const PLACE_LAST_WORDS: Record<string, string> = {
  VY: "VALLEY", VLY: "VALLEY", HTS: "HEIGHTS", SPGS: "SPRINGS", SPG: "SPRING", BCH: "BEACH", CTY: "CITY", VLG: "VILLAGE", TWP: "TOWNSHIP",
  JCT: "JUNCTION", FLS: "FALLS", HL: "HILL", HLS: "HILLS", LK: "LAKE", LKS: "LAKES", MTN: "MOUNTAIN", PK: "PARK", CTR: "CENTER",
  CRK: "CREEK", PT: "POINT", GRV: "GROVE", HBR: "HARBOR", STA: "STATION", BR: "BRANCH", VW: "VIEW",
};

/** Abbreviated first words of place names (N, FT, MT, ST… are spelled out by normalizeCity already). */
const PLACE_FIRST_WORDS: Record<string, string[]> = {
  SO: ["SOUTH"], LK: ["LAKE"], MTN: ["MOUNTAIN"], STA: ["SANTA"], PT: ["POINT", "PORT"], HBR: ["HARBOR"], GRN: ["GREEN"],
};

/** The longest place of any state (in words, at most 4) that starts at each word; 0 where none does. */
export function usPlaceLengths(words: string[]): number[] {
  const t = tables();
  if (!prefixes) {
    prefixes = new Set();
    for (const name of t.anyState) {
      const parts = name.split(" ");
      for (let n = 1; n < parts.length; n++) prefixes.add(parts.slice(0, n).join(" "));
    }
  }
  const known = prefixes;
  return words.map((_, start) => {
    let longest = 0;
    let key = "";
    for (let n = 1; n <= 4 && start + n <= words.length; n++) {
      const w = words[start + n - 1];
      key = n === 1 ? w : `${key} ${w}`;
      const expanded = n > 1 && CITY_LEADING[words[start]] ? CITY_LEADING[words[start]] + key.slice(words[start].length) : key;
      if (t.anyState.has(expanded) || t.anyState.has(key)) longest = n;
      if (!known.has(key) && !known.has(expanded) && !(n === 1 && CITY_LEADING[w])) break;
    }
    return longest;
  });
}

/** The state(s) a ZIP lies in, from its first three digits ("60154" → IL); none for an unknown prefix. */
export function zipStates(zip: string): string[] {
  if (!zip3States) {
    zip3States = new Map(US_ZIP3_STATES.split(",").map((entry) => {
      const [zip3, states] = entry.split(":");
      return [zip3, states.split("|")];
    }));
  }
  return zip3States.get(zip.slice(0, 3)) ?? [];
}

/** "Winston-Salem" and "Winston Salem" are one name. */
function placeKey(text: string): string {
  return normalizeCity(text.replace(/-/g, " ")) ?? "";
}
