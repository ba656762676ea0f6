/**
 * US address parsing: our own word-level reader, chosen because it measured
 * best on real labelled addresses (datamade/usaddress training data and
 * parse-address's own test table; `npm run geocode:compare-parsers`, figures
 * in the README). It reads from the right (ZIP, state), splits the line at
 * commas, finds the house number (plain, "10300A", "3813 1/2", grid "550 S
 * 400 E", Wisconsin "N95W18855", Queens "120-55", "One"), the street through
 * the shared street-name normalizer (street-name.ts), units anywhere after
 * the street (also a bare "1600" after a comma), and the city between. It
 * also reads intersections ("12th & Millard", "Route 30 & Route 45") and PO /
 * rural boxes (recognised, never placed). Pure: no database.
 */
import { directionalOf, formatStreet, isAbbreviatedStreetType, routePrefix, streetFromWords, streetTypeOf, streetWords, withoutApostrophes, type StreetName } from "./street-name";
import type { AddressInput } from "./types";
import { isUsPlace, zipStates } from "./us-places";
import { cleanText, normalizeCity, normalizeState, normalizeUnit, normalizeZip, stateOf, unitDesignatorOf } from "./usps";

export { formatStreet, type StreetName } from "./street-name";

/** No real address is this long; longer input is refused before any work. */
export const MAX_ADDRESS_LENGTH = 300;

interface Locality {
  city: string | null;
  state: string | null;
  zip: string | null;
}

export interface ParsedStreetAddress extends Locality {
  kind: "address";
  number: number;
  /** What comes before the number: Wisconsin grid "N95W", Queens "120-". */
  numberPrefix: string | null;
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
  /** The box number ("123"). */
  box: string;
  /** How it is written on mail: "PO BOX 123", "RR 2 BOX 10", "HC 1 BOX 5". */
  label: string;
}

export interface UnparsedAddress {
  kind: "unparsed";
  reason: string;
  /** Whatever looked like a street name, for suggestions. */
  streetHint: string | null;
}

export type ParsedAddress = ParsedStreetAddress | ParsedIntersection | ParsedPoBox | UnparsedAddress;

const TRAILING_COUNTRY = /[\s,]+(U\.?\s?S\.?\s?A?\.?|UNITED STATES(?: OF AMERICA)?|AMERICA)\s*$/i;
/** "Drawer", "Caller", "Lock Box" and "Bin" are PO boxes (USPS Publication 28 writes them PO BOX). */
const PO_BOX = /(?:^|\s)(?:P\s*O\s*BOX|POBOX|POST\s+OFFICE\s+BOX|POB|BOX|(?:P\s*O\s*)?(?:DRAWER|CALLER|LOCK\s*BOX|BIN))\s*#?\s*([A-Z0-9-]+)\b/;
/**
 * A route or unit with a box: rural routes ("RR 2 Box 10", also "Route 2 Box 10", "RFD 2 Box 10"), highway contract
 * and star routes (HC), and the military's PSC / CMR / Unit boxes ("PSC 802 Box 74, APO AE 09499").
 */
const RURAL_BOX = /(?:^|\s)(RR|RURAL\s+ROUTE|RURAL\s+RTE|R\s*R|RFD(?:\s+ROUTE)?|ROUTE|RTE|RT|HC|HCR|HIGHWAY\s+CONTRACT|STAR\s+ROUTE|PSC|CMR|UNIT)\s*#?\s*(\d+)\s*,?\s*BOX\s*#?\s*([A-Z0-9-]+)\b/;
/** The designator a route-and-box address is written with. */
function boxRouteDesignator(written: string): string {
  if (/^(HC|HCR|HIGHWAY|STAR)/.test(written)) return "HC";
  if (/^(PSC|CMR|UNIT)$/.test(written)) return written;
  return "RR";
}
/** "APO AE", "FPO AP": the military post office and its "state" (Armed Forces Europe, Pacific, Americas). */
const MILITARY_POST = /^(APO|FPO|DPO) (AA|AE|AP)$/;
const CORNER_PREFIX = /^(?:(?:THE\s+)?(?:CORNER|INTERSECTION)\s+OF\s+)/;
const NUMBER_WORDS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5, SIX: 6, SEVEN: 7, EIGHT: 8, NINE: 9, TEN: 10 };
const INTERSECTION_WORDS = new Set(["&", "AND", "AT", "@", "/"]);
/** "Autauga County 57", "Old Number 6", "Farm Road 12": the number after these words is the road's, not a unit. */
const ROUTE_NUMBER_BEFORE = new Set(["COUNTY", "CO", "HWY", "HIGHWAY", "ROUTE", "RTE", "RT", "ROAD", "RD", "NUMBER", "NO", "SR", "CR", "FM", "US", "I", "STATE", "TOWNSHIP", "TWP", "PARISH", "LANE", "LN"]);
/** Words that designate a numbered route ("Highway No. 130", "Route # A"); a road or lane keeps its units ("Cleveland Road # 26"). */
/** Road and lane words: a number after them is a route's only after one of ROAD_ROUTE_QUALIFIERS. */
const ROAD_WORDS = new Set(["ROAD", "RD", "LANE", "LN"]);
/** Words that make "<word> Road <number>" a numbered road: county (also written "Country"), state, township, parish, forest, ranch, farm, private roads. */
const ROAD_ROUTE_QUALIFIERS = new Set(["COUNTY", "COUNTRY", "CO", "STATE", "TOWNSHIP", "TWP", "PARISH", "FOREST", "RANCH", "FARM", "PRIVATE", "PARK", "SERVICE", "FIRE", "MARKET", "CR", "SR", "FM"]);
const ROUTE_DESIGNATORS = new Set(["HWY", "HIGHWAY", "ROUTE", "RTE", "RT", "US", "SR", "CR", "FM", "INTERSTATE"]);
const PLURAL_TYPES: Record<string, string> = { STS: "ST", STREETS: "ST", AVES: "AVE", AVENUES: "AVE", RDS: "RD", ROADS: "RD", BLVDS: "BLVD", DRS: "DR" };

/**
 * Unicode to plain ASCII upper case; wrapping quotes and brackets and a trailing country dropped. An apostrophe
 * inside a word stays, as "'" ("O’Connor" → O'CONNOR: one word, not the house number's suffix O and CONNOR);
 * a quote that is not inside a word is a space.
 */
function preClean(text: string): string {
  return text
    // "10½", "Lane 11 ¼": a fraction sign is its own word, written "1/2".
    .replace(/[\u00bc-\u00be\u2150-\u215e]/g, (c) => ` ${c.normalize("NFKD").replace("\u2044", "/")} `)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([A-Za-z])[\u2019`](?=[A-Za-z])/g, "$1'")
    .replace(/[^\x20-\x7e]+/g, " ")
    .replace(/[()"[\]{}]|'(?![A-Za-z])|(?<![A-Za-z])'/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(TRAILING_COUNTRY, "")
    .trim()
    .toUpperCase();
}

/** Words of each comma-separated group ("#" its own word, periods gone). */
function groupsOf(clean: string): string[][] {
  return clean
    .split(/[,;\n]+/)
    .map((g) =>
      streetWords(g.replace(/#/g, " NUMBERSIGN ").replace(/@/g, " AT "), { keepApostrophes: true })
        .map((w) => (w === "NUMBERSIGN" ? "#" : w))
        .flatMap((w) => {
          const glued = w.match(/^(SUITE|STE|UNIT|APT|RM|ROOM|BLDG)(\d\w*)$/);
          return glued ? [glued[1], glued[2]] : [w];
        }),
    )
    .filter((g) => g.length > 0);
}

interface Word {
  w: string;
  group: number;
}

/** ZIP and state from the end of the words; what is left. */
function takeZipAndState(words: Word[]): { rest: Word[]; zip: string | null; state: string | null; group: number | null } {
  const rest = [...words];
  let zip: string | null = null;
  let state: string | null = null;
  const last = () => rest[rest.length - 1]?.w ?? "";
  if (rest.length > 2 && /^\d{4}$/.test(last()) && /^\d{5}$/.test(rest[rest.length - 2].w)) rest.pop();
  let group: number | null = null;
  // "Oakland 94610-2737 CA": the ZIP written before the state code.
  let zipBeforeState: Word | null = null;
  if (rest.length > 3 && /^[A-Z]{2}$/.test(last()) && stateOf([last()]) && /^(\d{5})(-?\d{4})?$/.test(rest[rest.length - 2].w)) zipBeforeState = rest.splice(-2, 1)[0];
  if (zipBeforeState) {
    group = zipBeforeState.group;
    zip = normalizeZip(zipBeforeState.w);
  } else if (rest.length > 2 && /^(\d{5})(-?\d{4})?$/.test(last())) {
    group = rest[rest.length - 1].group;
    zip = normalizeZip(rest.pop()!.w);
  } else if (rest.length > 3 && /^\d{3,4}$/.test(last()) && stateOf([rest[rest.length - 2].w])) {
    // "NJ 7631": a ZIP that lost its leading zero in a spreadsheet is no ZIP, but the state before it still is one.
    group = rest[rest.length - 1].group;
    rest.pop();
  }
  for (const size of [3, 2, 1]) {
    if (rest.length <= size + 1) continue;
    const tail = rest.slice(-size);
    const found = stateOf(tail.map((t) => t.w));
    if (!found) continue;
    // "321 S. Washington": a state must leave a street name (not only a number and a direction) before it.
    if (rest.slice(1, -size).every((t) => directionalOf(t.w) || /^\d/.test(t.w))) continue;
    // "CT", "MT", "PR" are also street types: a state only after a comma or before a ZIP.
    // "500 US 19 Clearwater FL": a unit word ("Fl" is also Floor) that ends the line with no id after it cannot be a unit.
    const unitWordOnly = unitDesignatorOf(tail[0].w) && !streetTypeOf(tail[0].w) && !directionalOf(tail[0].w) && !/\d/.test(rest[rest.length - size - 1].w) && !FLOOR_LEVEL.test(rest[rest.length - size - 1].w);
    const alsoStreetWord = size === 1 && !unitWordOnly && (streetTypeOf(tail[0].w) || unitDesignatorOf(tail[0].w) || directionalOf(tail[0].w));
    const ownGroup = tail[0].group !== rest[rest.length - size - 1].group;
    // "Shadow Ridge Ln Apt 103 Louisville KY": unless a place of that state ends the words before it, after a street
    // that has ended (a type word or a unit's id right before the place).
    if (alsoStreetWord && !zip && (!ownGroup || directionalOf(tail[0].w)) && !placeAfterStreet(rest.slice(0, -size).map((t) => t.w), found)) continue;
    // "400 North Mcclurg CT, 60611": a state code that is also a street type (CT, MT, PR) is the type when the ZIP
    // lies in another state — unless it opens a comma group ("Tucson, CT 85712": no street type follows a comma) or a
    // place of that state ends the street's words before it ("Washington Road Woodbury CT 08550"): then it is the
    // state as written, and the ZIP a wrong one.
    if (size === 1 && zip && streetTypeOf(tail[0].w) && !ownGroup && !placeAfterStreet(rest.slice(0, -size).map((t) => t.w), found)) {
      const zipIn = zipStates(zip);
      if (zipIn.length > 0 && !zipIn.includes(found)) continue;
    }
    group ??= tail[0].group;
    rest.splice(-size);
    state = found;
    break;
  }
  return { rest, zip, state, group };
}

/** Whether the words end with a place of the state that follows a street with a name word and a type word or a unit id. */
function placeAfterStreet(words: string[], state: string): boolean {
  const ended = (w: string | undefined) => Boolean(w && (streetTypeOf(w) || /\d/.test(w)));
  for (let s = 3; s < words.length; s++) {
    const before = words[s - 1];
    // "Hwy 101 N Kalispell MT": a post-directional after the type or the route's number ends the street too.
    if (!(ended(before) || (/^[NSEW]{1,2}$/.test(before) && ended(words[s - 2])))) continue;
    if (isUsPlace(words.slice(s), state)) return true;
  }
  return false;
}

interface HouseNumber {
  number: number;
  prefix: string | null;
  suffix: string | null;
  /** Words of the street line the number used up (1 or 2). */
  used: number;
  /** "48S 400E": the grid direction glued to the number. */
  preDir: string | null;
}

/** Words that join a name ("C and N Smith Mill Rd", "P de Leon Blvd"): a letter before them is an initial, not a suffix. */
const NAME_JOINING_WORDS = new Set(["AND", "&", "DE", "DEL", "LA", "EL", "OF", "THE", "VON", "VAN"]);

/**
 * "4922 B South Cornell Ave", "4224 A Lincolnshire": a lone letter between the
 * number and the street is the number's suffix when a directional or a whole
 * name word follows it. Before another initial ("2964 L B J Fwy"), a number
 * ("4715 F 41", "11745 I 10 W") or a joining word ("701 C and N Smith Mill
 * Rd"), the letter starts the street's name.
 */
function isLetterSuffix(letter: string | undefined, next: string | undefined): boolean {
  if (!letter || !/^[A-Z]$/.test(letter) || directionalOf(letter) || !next) return false;
  if (directionalOf(next)) return true;
  return /^[A-Z]{2,}$/.test(next) && !NAME_JOINING_WORDS.has(next) && !streetTypeOf(next);
}

function readNumber(words: string[]): HouseNumber | null {
  const [first, second] = words;
  if (!first) return null;
  let m: RegExpMatchArray | null;
  if ((m = first.match(/^(\d{1,7})$/))) {
    if (second === "1/2") return { number: Number(m[1]), prefix: null, suffix: "1/2", used: 2, preDir: null };
    if (isLetterSuffix(second, words[2])) return { number: Number(m[1]), prefix: null, suffix: second, used: 2, preDir: null };
    return { number: Number(m[1]), prefix: null, suffix: null, used: 1, preDir: null };
  }
  // Wisconsin grid written in two words: "W210 N16570", "N170 W20015", "W206N W16282".
  const grid = second?.match(/^([NSEW])(\d{1,6})$/);
  if (grid && /^[NSEW]\d{1,4}[NSEW]?$/.test(first) && words.length >= 3) {
    return { number: Number(grid[2]), prefix: `${first}${grid[1]}`, suffix: null, used: 2, preDir: null };
  }
  if ((m = first.match(/^(\d{1,7})([NSEW])$/)) && second && /^\d/.test(second)) {
    return { number: Number(m[1]), prefix: null, suffix: null, used: 1, preDir: m[2] };
  }
  if ((m = first.match(/^(\d{1,7})-?([A-Z])$/))) return { number: Number(m[1]), prefix: null, suffix: m[2], used: 1, preDir: null };
  if ((m = first.match(/^([NSEW]\d{1,4}[NSEW])(\d{1,6})$/))) return { number: Number(m[2]), prefix: m[1], suffix: null, used: 1, preDir: null };
  if ((m = first.match(/^(\d{1,6}-)(\d{1,6}[A-Z]?)$/))) {
    const tail = m[2].match(/^(\d+)([A-Z]?)$/)!;
    return { number: Number(tail[1]), prefix: m[1], suffix: tail[2] || null, used: 1, preDir: null };
  }
  if (NUMBER_WORDS[first] && second && !streetTypeOf(second)) return { number: NUMBER_WORDS[first], prefix: null, suffix: null, used: 1, preDir: null };
  return null;
}

/** A group that is only a unit: "Ste 105", "Apt 4", "#4", "2nd Floor", "Floor 4", a bare "1600" or "4B". */
function isUnitGroup(words: string[]): boolean {
  if (words.length === 0 || words.length > 3) return false;
  if (unitDesignatorOf(words[0])) return true;
  if (words.length === 2 && /^\d+(ST|ND|RD|TH)?$/.test(words[0]) && ["FL", "FLOOR", "FLR"].includes(words[1])) return true;
  // "125 G Avenue, B, Gwinn": a single letter alone between commas is a unit too (no city is one letter).
  return words.length === 1 && ((/\d/.test(words[0]) && words[0].length <= 10) || (/^[A-Z]$/.test(words[0]) && !directionalOf(words[0])));
}

const FLOOR_WORDS = new Set(["FL", "FLOOR", "FLR"]);
/** "2nd", "2", "Ground", "Second": what can stand before "Floor". */
const FLOOR_LEVEL = /^(\d+(ST|ND|RD|TH)?|GROUND|FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)$/;

/** A unit's id: has a digit ("4", "2B", "1-5"), or is one or two letters ("K", "LH"). "Unit Cedar Rapids" has none. */
function isUnitId(word: string | undefined): boolean {
  return word !== undefined && (/\d/.test(word) || /^[A-Z]{1,2}$/.test(word));
}

/** One unit at words[i] ("Apt 4", "# Apt 25", "2nd Floor", "Rear"), as its length in words, or 0. */
function unitLengthAt(words: string[], i: number): number {
  const w = words[i];
  const next = words[i + 1];
  if (next && FLOOR_LEVEL.test(w) && FLOOR_WORDS.has(next)) return 2;
  // "Bonhomme Ave St 1400", "Bldg 10, St. 310": "St" and a number after a street's type, or opening a group, is a suite.
  if (w === "ST" && next !== undefined && /^\d+$/.test(next) && (i === 0 || (i >= 2 && streetTypeOf(words[i - 1]) && streetTypeOf(words[i - 1]) !== "ST" && !directionalOf(words[i - 2])))) return 2;
  const designator = unitDesignatorOf(w);
  if (!designator) return 0;
  // "Lot", "Key", "Side", "Stop", "Pier", "Flat" are also street name words: a unit only when an id follows.
  const needsId = ["LOT", "KEY", "SIDE", "STOP", "PIER", "SLIP", "PH", "FRNT", "UPPR", "LOWR", "REAR", "FLAT"].includes(designator);
  if (needsId && !(next && /\d/.test(next))) {
    // "Rear", "Lobby", "Upper": a unit without an id, only as the last word or before "Level".
    if (["REAR", "FRNT", "UPPR", "LOWR", "PH"].includes(designator) && (next === undefined || next === "LEVEL")) return next === "LEVEL" ? 2 : 1;
    return 0;
  }
  if (designator === "LBBY" || designator === "BSMT") return 1;
  // "# Apt 25": the number sign before a designator and its id.
  if (w === "#" && unitDesignatorOf(next) && next !== "#" && isUnitId(words[i + 2])) return 3;
  // "Ste # 2", "Ste # D", "Apt No. 456": a designator, the number sign (or "No", "Number"), then the id.
  if (designator !== "#" && unitDesignatorOf(next) === "#" && isUnitId(words[i + 2])) return 3;
  if (designator === "#" && next === "#" && words[i + 2]) return 3;
  // "No. 5" needs a digit ("Ave No. Ste 130": "No." is no unit there); "#" takes any id ("# A").
  if (designator === "#" && w !== "#") return next !== undefined && /\d/.test(next) ? 2 : 0;
  if (next !== undefined && (isUnitId(next) || (designator === "#" && /^[A-Z0-9-]+$/.test(next)))) return 2;
  // "718 Dorchester Pl NE Unit Cedar Rapids": "Unit" or "Apt" with no id is still the unit ("Ste" is also Sainte).
  if ((designator === "UNIT" || designator === "APT") && i > 0) return 1;
  return 0;
}

/** A building or department holds units; the suite or apartment within it is the address's unit. */
function isContainerUnit(word: string | undefined): boolean {
  const designator = unitDesignatorOf(word);
  return designator === "BLDG" || designator === "DEPT";
}

/** The units that open a group of words: where the run ends, and which unit of it is kept (see findUnit). */
function unitRunAt(words: string[]): { keep: [number, number]; end: number } | null {
  let at = 0;
  let keep: [number, number] | null = null;
  for (let length = unitLengthAt(words, at); length > 0; length = unitLengthAt(words, at)) {
    if (!keep || isContainerUnit(words[keep[0]])) keep = [at, at + length];
    else if (!isContainerUnit(words[at]) && keep[1] === at) keep = [keep[0], at + length];
    at += length;
  }
  // "2nd floor conference room", "12th Floor Executive Conference Room": words without a digit after the unit that
  // end with a unit word of their own (Room, Lobby) name a room of that unit, not a city.
  const last = words.length - 1;
  const roomWords = words.slice(at, last);
  if (keep && keep[1] === at && roomWords.length > 0 && unitDesignatorOf(words[last]) && !/\d/.test(words[last]) && roomWords.every((w) => !/\d/.test(w) && !unitDesignatorOf(w))) {
    keep = [keep[0], words.length];
    at = words.length;
  }
  // "Suite C 507,", "Suite 250 North,": the rest of a group that opens with a unit, when it is only ids and a
  // directional, is the unit's (a city has a name word).
  const left = words.slice(at);
  if (keep && keep[1] === at && left.length > 0 && left.length <= 2 && left.every((w) => /\d/.test(w) || directionalOf(w)) && left.some((w) => /\d/.test(w) || left.length === 1)) {
    keep = [keep[0], words.length];
    at = words.length;
  }
  return keep ? { keep, end: at } : null;
}

/**
 * Where a unit starts in the street words (index ≥ 1, so a name stays), and
 * how many words it takes. Several units in a row ("Bldg 171 Ste 7002", "Dept
 * 528 4th Floor", "# 403 Rm 306") are read as one run; the unit kept is the
 * first that is not a building or department (those contain the unit).
 */
function findUnit(words: string[]): { at: number; length: number; keep: [number, number] } | null {
  for (let i = 1; i < words.length; i++) {
    // "U.S. Highway No. 130", "Route # A": "No" or "#" after a route word is the route's number sign, not a unit.
    if ((words[i] === "NO" || words[i] === "NUMBER" || words[i] === "#") && ROUTE_DESIGNATORS.has(words[i - 1])) continue;
    let length = unitLengthAt(words, i);
    if (length === 0) continue;
    let keep: [number, number] = [i, i + length];
    for (let more = unitLengthAt(words, i + length); more > 0; more = unitLengthAt(words, i + length)) {
      if (isContainerUnit(words[keep[0]])) keep = [i + length, i + length + more];
      else if (!isContainerUnit(words[i + length]) && keep[1] === i + length) keep = [keep[0], i + length + more];
      length += more;
    }
    return { at: i, length, keep };
  }
  return null;
}

/**
 * The street's words and the city's, from one run of words with no comma
 * between them: the street ends after its type word (the first one that is
 * not followed by another type word, with a name word before it) and an
 * optional post-directional; without a type, the first name word is the
 * street when a city must follow (a state or ZIP was given). When a city must
 * follow and the last words name a US place of that state (us-places.ts), the
 * place decides where the city begins.
 */
function splitStreetAndCity(words: string[], cityExpected: boolean, state: string | null = null, zip: string | null = null): { street: string[]; city: string[]; unit?: string[] } {
  const grammar = splitStreetAndCityByGrammar(words, cityExpected);
  const place = cityExpected ? placeSplit(words, state, zip) : null;
  if (!place) return grammar;
  // "Lake Shore Drive 6 Waco", "10th Ave SW A Mount Vernon": an id between the street and the place is a unit, read later.
  const extra = grammar.city.length - place.city.length;
  if (extra > 0 && grammar.city.slice(extra).join(" ") === place.city.join(" ")) {
    const between = grammar.city.slice(0, extra);
    if (between.every((w) => /\d/.test(w) || (/^[A-Z]$/.test(w) && !directionalOf(w)) || (directionalOf(w) && /\d/.test(between[0])))) {
      return { street: grammar.street, city: place.city, unit: between };
    }
    // "Riverfront Drive Mailbox 2825 Little Rock", "Arrow Highway Blg E Upland": after a street that ends with its
    // type, what stands between it and the place is a unit of some kind.
    const unitLike = between.some((w) => /\d/.test(w)) || !between.some((w) => streetTypeOf(w) || directionalOf(w));
    if (unitLike && endsWithThoroughfare(grammar.street)) return { street: grammar.street, city: place.city, unit: between };
  }
  // "Cottage Grove Woods Cedar Rapids", "Imperial Hgwy Redford": an unknown word between a street without a type and
  // the place is a name word of the street (USPS lists no "Woods" type; the street normalizer reads it as a name).
  return place;
}

/** "Main St", "Main St NW", "Arrow Highway": the words end with the type of a way (and maybe a post-directional). */
function endsWithThoroughfare(words: string[]): boolean {
  const n = words.length;
  const isWay = (w: string) => THOROUGHFARE_TYPES.has(streetTypeOf(w) ?? "");
  if (n >= 2 && isWay(words[n - 1])) return true;
  return n >= 3 && Boolean(directionalOf(words[n - 1])) && isWay(words[n - 2]);
}

/**
 * The longest run of words at the end that names a US place (in the state,
 * when one was given), leaving a street with a name word before it: "Okeechobee
 * Blvd W Palm Beach" → West Palm Beach, "Marsielle St Louis MO" → Saint Louis,
 * "Main St N Saint Petersburg" → Saint Petersburg (North Saint Petersburg is no place).
 */
/** Where the longest run of words at the end that is a place of the state begins, or -1. */
function placeStart(words: string[], state: string | null, zip: string | null): number {
  for (let s = 0; s < words.length; s++) if (isUsPlace(words.slice(s), state, zip)) return s;
  return -1;
}

function placeSplit(words: string[], state: string | null, zip: string | null): { street: string[]; city: string[] } | null {
  for (let s = 1; s < words.length; s++) {
    if (!words.slice(0, s).some((w) => !directionalOf(w))) continue;
    // "Walton Street", "Gravenstein Highway North": a street type or a directional alone is no city (Street, MD; North, SC)
    // — except a type word after a street that has its name and its way's type already ("Thibodo Road Vista CA").
    const streetEnded = s >= 2 && THOROUGHFARE_TYPES.has(streetTypeOf(words[s - 1]) ?? "") && !streetTypeOf(words[s - 2]) && !directionalOf(words[s - 2]);
    if (s === words.length - 1 && (directionalOf(words[s]) || (streetTypeOf(words[s]) && !streetEnded))) continue;
    if (!isUsPlace(words.slice(s), state, zip)) continue;
    // "Hwy 6 S Houston", "I 45 N Houston": after a route's number an abbreviated directional is the route's
    // post-directional when the place stands without it too (South Houston and Houston are both places).
    if (/^\d+$/.test(words[s - 1]) && /^[NSEW]{1,2}$/.test(words[s]) && s + 1 < words.length && isUsPlace(words.slice(s + 1), state, zip)) {
      return { street: words.slice(0, s + 1), city: words.slice(s + 1) };
    }
    return { street: words.slice(0, s), city: words.slice(s) };
  }
  return null;
}

function splitStreetAndCityByGrammar(words: string[], cityExpected: boolean): { street: string[]; city: string[] } {
  if (!cityExpected) {
    // No state or ZIP: only plain words after the last type word ("Howard Street DesPlaines") can be a city.
    for (let t = words.length - 1; t >= 1; t--) {
      if (!streetTypeOf(words[t])) continue;
      // "Main St N Chicago Heights", "Elm Ave Palm Springs": a place name may end with a type word spelled out; an
      // abbreviated type before it, with a name word between, still ends the street.
      const cityEndsWithTypeWord = (u: number) => u === words.length - 1 && !isAbbreviatedStreetType(words[u]);
      if (cityEndsWithTypeWord(t)) {
        const earlier = words.slice(0, t - 1).findLastIndex((w, i) => i >= 1 && isAbbreviatedStreetType(w));
        const between = earlier >= 0 ? words.slice(earlier + 1, t) : [];
        if (earlier >= 1 && between.some((w) => !directionalOf(w) && !streetTypeOf(w) && !/\d/.test(w))) {
          t = earlier + 1;
          continue;
        }
      }
      if (t === words.length - 1) break;
      if (t === 1 && /^[NSEW]{1,2}$/.test(words[0])) break;
      let end = t + 1;
      // "Main St N", "Main St N Chicago Heights"; "Central Park South 27A": before one id (a unit, read later) too.
      const left = words.length - end;
      // "Main St S E": a diagonal written as two letters.
      if (/^[NS]$/.test(words[end]) && /^[EW]$/.test(words[end + 1] ?? "")) end += 2;
      else if (directionalOf(words[end]) && (left === 1 || left > 2 || (left === 2 && /\d/.test(words[end + 1])))) end++;
      const after = words.slice(end);
      if (after.length === 0 || /^\d+$/.test(words[t + 1]) || (words[t + 1].length === 1 && !directionalOf(words[t + 1]))) break;
      return { street: words.slice(0, end), city: after };
    }
    return { street: words, city: [] };
  }
  for (let t = 1; t < words.length - 1; t++) {
    if (!streetTypeOf(words[t])) continue;
    if (t === 1 && /^[NSEW]{1,2}$/.test(words[0]) && words.length > 2 && !streetTypeOf(words[2])) continue;
    const after = words[t + 1];
    // "Mount Vernon", "Fort Lauderdale": spelled out before a name word, these begin a name, not end a street.
    if (NAME_LEADING_TYPE_WORDS.has(words[t]) && !streetTypeOf(after) && !directionalOf(after)) continue;
    // "Old Bridge Road Ln", "Lake Run Dr Flowery Br", "Lake Shore Drive": a whole type word followed by another
    // type word is part of the name; the street ends at a later one. (An abbreviation, "Dr", always ends it.)
    if (streetTypeOf(after) && !isAbbreviatedStreetType(words[t])) continue;
    // "Park Shore East Court": nor is one followed by a directional and a type word, which ends the street later.
    if (directionalOf(after) && streetTypeOf(words[t + 2]) && !isAbbreviatedStreetType(words[t])) continue;
    const leading = words.slice(0, t).every((w) => directionalOf(w));
    if (/^\d+$/.test(after)) {
      // "Country Road 183 Carbon", "Loop 410", "Highway 71 Business": the number after a road word or a leading
      // type word is the route's, and the street ends after it.
      // A road or lane word takes the number only as a route's own ("County Road 183", "Ranch Road 620", "Road 6"):
      // after a name ("Cleveland Road 203 Garner") the number is a unit, as after any named street.
      const routeWord = ROUTE_NUMBER_BEFORE.has(words[t]) && (!ROAD_WORDS.has(words[t]) || ROAD_ROUTE_QUALIFIERS.has(words[t - 1]));
      if (leading || routeWord) {
        const end = routeEnd(words, t + 2);
        if (end < words.length) return { street: words.slice(0, end), city: words.slice(end) };
        continue;
      }
      // "Lake Shore Drive 6 Waco": after a named street the number is a unit (read below), and the street ends here.
      return { street: words.slice(0, t + 1), city: words.slice(t + 1) };
    }
    // "N Avenue N": a type word before a single letter is a route designator, not the end — when no name word comes
    // before it; after a name ("Cashwell Drive B Goldsboro") the letter is a unit.
    if (after.length === 1 && !directionalOf(after) && leading) continue;
    const end = postDirectionalEnd(words, t + 1);
    return { street: words.slice(0, end), city: words.slice(end) };
  }
  const last = words[words.length - 1];
  const opening = directionalOf(words[0]) && words.length >= 3 ? 1 : 0;
  const route = routePrefix(words.slice(opening));
  // "E Fulton Grand Rapids", "Sedgeford SE Cedar Rapids": a feature word spelled out at the end of three or more
  // words, with no thoroughfare type before it, ends the city ("Rapids", "Springs", "Beach"), not the street.
  const cityFeatureLast = words.length - opening >= 3 && !isAbbreviatedStreetType(last) && !THOROUGHFARE_TYPES.has(streetTypeOf(last) ?? "");
  const streetTypeLast = streetTypeOf(last) && !cityFeatureLast;
  if (!route && (streetTypeLast || (directionalOf(last) && words.length > 1 && streetTypeOf(words[words.length - 2])))) return { street: words, city: [] };
  if (words.length >= 2) {
    let end = opening;
    // A route keeps its number: "County Road 43", "State Highway 116", "U.S. 17 Business"; so does
    // a lettered county road ("F 41", Michigan).
    const lettered = /^[A-Z]$/.test(words[end]) && /^\d+$/.test(words[end + 1] ?? "") && words.length > end + 2;
    end = route ? routeEnd(words, end + route[1] + 1) : lettered ? end + 2 : end + 1;
    if (!route && end < words.length && directionalOf(words[end]) && words.length - end > 1) end++;
    if (end < words.length) return { street: words.slice(0, end), city: words.slice(end) };
  }
  return { street: words, city: [] };
}

/** Street types that name a way, not a feature ("Rapids", "Beach", "Springs" end many city names). */
const THOROUGHFARE_TYPES = new Set([
  "ALY", "AVE", "BLVD", "BYP", "CIR", "CT", "CSWY", "DR", "EXPY", "FWY", "HWY", "LN", "LOOP", "MALL", "PATH", "PIKE", "PKWY", "PL", "PLZ",
  "RD", "ROW", "RTE", "RUN", "SQ", "ST", "TER", "TPKE", "TRL", "WALK", "WAY", "XING",
]);

/** Spelled out before a name word, these begin a name ("Mount Vernon", "Fort Lauderdale"), so no street ends with them there. */
const NAME_LEADING_TYPE_WORDS = new Set(["MOUNT", "FORT", "PORT"]);
/** "Highway 71 Business", "US 1 Alt", "I 49 Service Rd": words that qualify a route number. */
const ROUTE_QUALIFIERS = new Set(["BUSINESS", "BUS", "ALT", "ALTERNATE", "BYPASS", "BYP", "SPUR", "TRUCK", "CONNECTOR", "LOOP"]);

/** Where the street ends after a route number at `end`: a qualifier and a post-directional stay with the route. */
function routeEnd(words: string[], end: number): number {
  if (ROUTE_QUALIFIERS.has(words[end])) end++;
  // "Highway 10 W Branch"; "Highway 10 W IA" too: a directional alone is no city.
  if (directionalOf(words[end]) && (words.length - end > 1 || words.length - end === 1)) end++;
  return end;
}

/**
 * Where the street ends after its type word at `end`: a directional right
 * after the type is the post-directional. (Before a city that starts with
 * one, "Okeechobee Blvd W Palm Beach", this is wrong; when a state or ZIP is
 * given, the list of place names settles it first, in splitStreetAndCity.)
 */
function postDirectionalEnd(words: string[], end: number): number {
  if (/^[NS]$/.test(words[end]) && /^[EW]$/.test(words[end + 1] ?? "") && words.length > end + 2) return end + 2;
  return directionalOf(words[end]) ? end + 1 : end;
}

/** "60E" at the end of a street is a number and a post-directional ("County Hwy 60 E", grid "400E"). */
function splitGluedDirection(words: string[]): string[] {
  const n = words.length;
  // "Lucerne Dr S E": a diagonal written as two letters.
  if (n >= 3 && /^[NS]$/.test(words[n - 2]) && /^[EW]$/.test(words[n - 1]) && streetTypeOf(words[n - 3])) return [...words.slice(0, -2), words[n - 2] + words[n - 1]];
  const last = words[words.length - 1];
  const m = last?.match(/^(\d+)([NSEW])$/);
  return m && words.length >= 1 ? [...words.slice(0, -1), m[1], m[2]] : words;
}

/**
 * Whether a number after these street words is the route's own ("County Road
 * 57", "NW Loop 410", "Avenue 3", "Old Number 6"), not a unit: after a route
 * designator that opens the street, a type word with no name before it, or a
 * road or route word.
 */
function isRouteNumberAfter(input: string[]): boolean {
  // "State Highway #50", "Hwy No. 5": the number sign between a route designator and its number.
  const signed = input.length >= 2 && ["#", "NO", "NUMBER"].includes(input[input.length - 1]) && ROUTE_DESIGNATORS.has(input[input.length - 2]);
  const before = signed ? input.slice(0, -1) : input;
  const opening = before.findIndex((w) => !directionalOf(w));
  if (opening === -1) return true;
  const body = before.slice(opening);
  const route = routePrefix([...body, "1"]);
  if (route && route[1] === body.length) return true;
  if (body.length === 1 && streetTypeOf(body[0])) return true;
  return ROUTE_NUMBER_BEFORE.has(before[before.length - 1]);
}

/** Whether the street words (after any directional) are only a route designator or one type word ("Loop", "US Hwy"). */
function opensRoute(input: string[]): boolean {
  const opening = input.findIndex((w) => !directionalOf(w));
  if (opening === -1) return false;
  const body = input.slice(opening);
  const route = routePrefix([...body, "1"]);
  return (route !== null && route[1] === body.length) || (body.length === 1 && streetTypeOf(body[0]) !== null);
}

function streetOf(words: string[]): StreetName | null {
  const street = streetFromWords(splitGluedDirection(words));
  if (!street) return null;
  if (!/[A-Z0-9]/.test(street.name)) return null;
  return street;
}

export function parseAddress(text: string): ParsedAddress {
  if (typeof text !== "string" || text.trim() === "") return unparsed("empty address", null);
  if (text.length > MAX_ADDRESS_LENGTH) return unparsed(`longer than ${MAX_ADDRESS_LENGTH} characters`, null);
  const clean = preClean(text);
  if (!/[A-Z0-9]/.test(clean)) return unparsed("no letters or digits", null);
  const flat = clean.replace(/\./g, "").replace(/\s+/g, " ");

  // A street address that also gives a box is placed by its street; "Box Elder Rd" is a street, "Box 12" a box.
  const candidateBox = /^\d/.test(flat) ? null : (flat.match(RURAL_BOX) ?? flat.match(PO_BOX));
  const box = candidateBox && (candidateBox.length === 4 || !/^\s?BOX/.test(candidateBox[0]) || /\d/.test(candidateBox[1])) ? candidateBox : null;
  if (box) {
    const label = box.length === 4 ? `${boxRouteDesignator(box[1])} ${box[2]} BOX ${box[3]}` : `PO BOX ${box[1]}`;
    const restWords = groupsOf(flat.slice((box.index ?? 0) + box[0].length)).flatMap((g, group) => g.map((w) => ({ w, group })));
    const { rest, zip, state } = takeZipAndState([{ w: "X", group: -1 }, { w: "X", group: -1 }, ...restWords]);
    const cityWords = rest.slice(2).map((r) => r.w);
    const military = state ? null : cityWords.join(" ").match(MILITARY_POST);
    // "PO Box 5, Omaha, NE": with no street before it, a state code that is also a street word (NE, CT) is the state.
    const lastState = !state && !military && cityWords.length >= 2 ? stateOf(cityWords.slice(-1)) : null;
    const locality = military
      ? { city: military[1], state: military[2] }
      : { city: normalizeCity((lastState ? cityWords.slice(0, -1) : cityWords).join(" ")), state: state ?? lastState };
    return { kind: "po_box", box: box.length === 4 ? box[3] : box[1], label, ...locality, zip };
  }

  const groups = groupsOf(clean.replace(CORNER_PREFIX, ""));
  if (groups.length === 0) return unparsed("no letters or digits", null);
  const words = groups.flatMap((g, group) => g.map((w) => ({ w, group })));
  const { rest, zip, state, group: localityGroup } = takeZipAndState(words);

  // A unit written before the number: "#42 233 S Wacker Dr".
  let leadingUnit: string | null = null;
  if (rest.length > 2 && rest[0].w === "#" && /^\w+$/.test(rest[1].w) && readNumber(rest.slice(2).map((r) => r.w))) {
    leadingUnit = normalizeUnit(`# ${rest[1].w}`);
    rest.splice(0, 2);
  } else if (rest.length > 2 && rest[0].w === "#" && readNumber(rest.slice(1).map((r) => r.w))) {
    // "# 2 Turner Rd": the number sign before the house number.
    rest.splice(0, 1);
  } else {
    // "Unit 111 501 South Mill St", "Suite 200 Bldg 17 7000 Peachtree Dunwoody Rd": units written before the number.
    const lead = rest.map((r) => r.w);
    let at = 0;
    let first: string[] | null = null;
    for (let length = unitLengthAt(lead, at); length > 0 && unitDesignatorOf(lead[at]) && lead[at] !== "#"; length = unitLengthAt(lead, at)) {
      first ??= lead.slice(at, at + length);
      at += length;
    }
    if (first && at < lead.length - 1 && readNumber(lead.slice(at))) {
      leadingUnit = normalizeUnit(first.join(" "));
      rest.splice(0, at);
    }
  }
  // The street line is the first group that starts with a house number (groups before it name a building).
  const startGroup = rest.find((r, i) => (i === 0 || rest[i - 1].group !== r.group) && readNumber(rest.filter((x) => x.group === r.group).map((x) => x.w)))?.group;
  if (startGroup === undefined) {
    const intersection = parseIntersectionWords(rest, { zip, state });
    if (intersection) return intersection;
    const hint = cleanText(withoutApostrophes(groups[0]).join(" "));
    if (groups.flat().every((w) => /^[\d#-]+$/.test(w))) return unparsed("no street name", null);
    return unparsed("no house number", /[A-Z]/.test(hint) ? hint : null);
  }
  const lineWords = rest.filter((r) => r.group === startGroup).map((r) => r.w);
  const house = readNumber(lineWords)!;
  if (house.number <= 0) return unparsed("house number must be positive", null);
  let streetWordsLeft = lineWords.slice(house.used);
  if (house.preDir) streetWordsLeft = [house.preDir, ...splitGluedDirection(streetWordsLeft.slice(0, 1)), ...streetWordsLeft.slice(1)];
  if (streetWordsLeft.length === 0 || streetWordsLeft.every((w) => /^[\d#-]+$/.test(w))) return unparsed("no street name", null);

  const laterGroups = [...new Set(rest.filter((r) => r.group > startGroup).map((r) => r.group))].map((g) => groupWords(rest, g));
  let unitWords: string[] | null = null;
  let postDir: string | null = null;
  const cityGroups: string[][] = [];
  for (const g of laterGroups) {
    // "1800 M Street, NW, Washington": a directional alone after the street is its post-directional.
    // "Bolton Road, NW Atlanta": a two-letter diagonal opening the next group is the street's too ("N Sebastopol" is a city).
    if (!postDir && cityGroups.length === 0 && directionalOf(g[0]) && (g.length === 1 || unitDesignatorOf(g[1]) || /^[NS][EW]$/.test(directionalOf(g[0])!))) {
      postDir = directionalOf(g[0]);
      const restOfGroup = g.slice(1);
      if (restOfGroup.length > 0 && unitDesignatorOf(restOfGroup[0]) && !unitWords) {
        unitWords = restOfGroup.slice(0, 2);
        if (restOfGroup.length > 2) cityGroups.push(restOfGroup.slice(2));
      } else if (restOfGroup.length > 0) cityGroups.push(restOfGroup);
      continue;
    }
    // "Bldg 171, Ste 7002 San Antonio", "14th Floor, Room 1418, New York": a group that opens with units; the one
    // kept is the first that is not a building or department, and what follows them is the city.
    const run = cityGroups.length === 0 ? unitRunAt(g) : null;
    if (run) {
      const kept = g.slice(run.keep[0], run.keep[1]);
      if (!unitWords || isContainerUnit(unitWords[0])) unitWords = kept;
      else if (!isContainerUnit(kept[0])) unitWords = [...unitWords, ...kept];
      if (run.end < g.length) cityGroups.push(g.slice(run.end));
      continue;
    }
    if (!unitWords && cityGroups.length === 0 && g.length > 3 && unitDesignatorOf(g[0]) && g[0] !== "#") {
      unitWords = g.slice(0, 2);
      cityGroups.push(g.slice(2));
    } else if (!unitWords && cityGroups.length === 0 && isUnitGroup(g)) {
      unitWords = g.slice(0, g.length > 2 && unitDesignatorOf(g[0]) ? 2 : 3);
      if (g.length > unitWords.length) cityGroups.push(g.slice(unitWords.length));
    } else cityGroups.push(g);
  }

  // The city shares the street's line when no later group holds it: after the type word, or (with a state or ZIP given) after the name.
  const cityExpected = cityGroups.length === 0 && (localityGroup !== null || Boolean(state || zip));
  const typeEndsStreet = cityGroups.length === 0 && !cityExpected;
  let streetPart = streetWordsLeft;
  let cityFromLine: string[] = [];
  const unitAt = findUnit(streetPart);
  if (unitAt) {
    let length = unitAt.length;
    const after = streetPart.slice(unitAt.at + length);
    // "Apt 13 C", "Unit 2 East": one more short word at the very end belongs to the unit.
    const extra = !cityExpected && cityGroups.length === 0 && after.length === 1 && after[0].length <= 5 ? 1 : 0;
    length += extra;
    unitWords ??= streetPart.slice(unitAt.keep[0], unitAt.keep[1] + extra);
    cityFromLine = streetPart.slice(unitAt.at + length);
    streetPart = streetPart.slice(0, unitAt.at);
  } else if (cityExpected || typeEndsStreet) {
    const split = splitStreetAndCity(streetPart, cityExpected, state, zip);
    streetPart = split.street;
    cityFromLine = split.city;
    // "Loop 410 San Antonio", "Spur 5 W Lubbock": a number after a street that is only a route word or a type is the
    // route's number (and a directional after it the post-directional), not a unit.
    const routeNumber = split.unit && /^\d+$/.test(split.unit[0]) && (split.unit.length === 1 || (split.unit.length === 2 && /^([NSEW]|1\/2)$/.test(split.unit[1])));
    if (routeNumber && opensRoute(streetPart)) streetPart = [...streetPart, ...split.unit!];
    else if (split.unit && !unitWords) unitWords = ["#", ...split.unit];
  }
  // "1160 Park Ave W 4 N", "1056 W Northshore 1 W": a number and a directional letter after the street are a unit (floor and side).
  const sideUnit = streetPart.length >= 4 && /^\d+$/.test(streetPart[streetPart.length - 2]) && /^[NSEW]$/.test(streetPart[streetPart.length - 1]);
  if (!unitAt && !unitWords && sideUnit && !isRouteNumberAfter(streetPart.slice(0, -2))) {
    unitWords = ["#", ...streetPart.slice(-2)];
    streetPart = streetPart.slice(0, -2);
  }
  if (!unitAt && cityFromLine.length === 0 && !unitWords && streetPart.length >= 2 && /\d/.test(streetPart[streetPart.length - 1]) && !/^\d+(ST|ND|RD|TH)$/.test(streetPart[streetPart.length - 1])) {
    // "1020 West Bryn Mawr 211", "101 W. Grand Ave. 600": a number after the street is a unit, unless it is a route's number.
    const before = streetPart.slice(0, -1);
    if (!isRouteNumberAfter(before)) {
      unitWords = ["#", streetPart[streetPart.length - 1]];
      streetPart = before;
    }
  }
  // "Park Ave W 4 N", "Randolph 1 N Oak Park": a number and a directional letter right after the street are a unit.
  if (!unitWords && cityFromLine.length >= 2 && /^\d+$/.test(cityFromLine[0]) && /^[NSEW]$/.test(cityFromLine[1])) {
    unitWords = ["#", ...cityFromLine.slice(0, 2)];
    cityFromLine = cityFromLine.slice(2);
  }
  // "Lake Shore Drive 6 Waco", "10th Ave SW A Mount Vernon": an id right after the street, before the city, is a unit.
  if (!unitWords && cityFromLine.length >= 2 && (/^\d+[A-Z]?$/.test(cityFromLine[0]) || /^[A-Z]$/.test(cityFromLine[0])) && !directionalOf(cityFromLine[0])) {
    unitWords = ["#", cityFromLine[0]];
    cityFromLine = cityFromLine.slice(1);
  }
  // "801 South Canal Street C1S", "4315 Webster Avenue LH": one word with a digit, or of one or two letters (no
  // directional; a state was read before), after the street, with no state or ZIP, is a unit: no city is that short.
  if (!unitWords && !cityExpected && cityFromLine.length === 1 && (/\d/.test(cityFromLine[0]) || (/^[A-Z]{1,2}$/.test(cityFromLine[0]) && !directionalOf(cityFromLine[0])))) {
    unitWords = ["#", cityFromLine[0]];
    cityFromLine = [];
  }
  const street = streetOf(streetPart);
  if (!street) return unparsed("no street name", null);
  if (postDir && !street.postDir) street.postDir = postDir;
  let cityWords = cityGroups.length > 0 ? cityGroups[0] : cityFromLine;
  // "15th Street, AF 1025 Augusta GA", "32nd Avenue, Interim Unit 1 San Francisco, CA": words with a digit before a
  // place of the state, in the city's group, are a unit.
  if (!unitWords && !leadingUnit && cityGroups.length > 0 && (state || zip)) {
    const at = placeStart(cityWords, state, zip);
    if (at > 0 && cityWords.slice(0, at).some((w) => /\d/.test(w))) {
      unitWords = ["#", ...cityWords.slice(0, at)];
      cityWords = cityWords.slice(at);
    }
  }
  return {
    kind: "address",
    number: house.number,
    numberPrefix: house.prefix,
    numberSuffix: house.suffix,
    street,
    unit: leadingUnit ?? (unitWords ? normalizeUnit(unitWords.join(" ")) : null),
    city: normalizeCity(cityWords.join(" ")),
    state,
    zip,
  };
}

const groupCache = new WeakMap<Word[], Map<number, string[]>>();
/** The words of one group (the same array each time, so groups can be compared by identity). */
function groupWords(words: Word[], group: number): string[] {
  let byGroup = groupCache.get(words);
  if (!byGroup) groupCache.set(words, (byGroup = new Map()));
  let g = byGroup.get(group);
  if (!g) byGroup.set(group, (g = words.filter((w) => w.group === group).map((w) => w.w)));
  return g;
}

function parseIntersectionWords(words: Word[], locality: { zip: string | null; state: string | null }): ParsedIntersection | null {
  const first = words[0]?.group;
  const line = words.filter((w) => w.group === first).map((w) => w.w);
  const separators = line.flatMap((w, i) => (INTERSECTION_WORDS.has(w) && i > 0 && i < line.length - 1 ? [i] : []));
  if (separators.length !== 1) return null;
  const at = separators[0];
  const left = line.slice(0, at);
  let right = line.slice(at + 1);
  const laterGroups = [...new Set(words.filter((w) => w.group !== first).map((w) => w.group))].map((g) => groupWords(words, g));
  let cityWords: string[] = laterGroups[0] ?? [];
  if (laterGroups.length === 0 && (locality.state || locality.zip)) {
    const split = splitStreetAndCity(right, true, locality.state, locality.zip);
    right = split.street;
    cityWords = split.city;
  }
  // "Mission and Valencia Sts": a plural type belongs to both streets.
  const plural = PLURAL_TYPES[right[right.length - 1]];
  if (plural) {
    right = [...right.slice(0, -1), plural];
    if (!streetTypeOf(left[left.length - 1]) || left.length === 1) left.push(plural);
  }
  const a = streetOf(left);
  const b = streetOf(right);
  if (!a || !b) return null;
  return { kind: "intersection", streets: [a, b], city: normalizeCity(cityWords.join(" ")), ...locality };
}

/** The structured form from the registration API: its fields win over what the line seems to say. */
export function parseAddressInput(input: AddressInput): ParsedAddress {
  const parsed = parseAddress(input.line1 ?? "");
  if (parsed.kind === "unparsed") return parsed;
  const city = normalizeCity(input.city) ?? parsed.city;
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

/** "W Cermak Rd" → {W, CERMAK, RD}; "Hull" → {HULL}; a bare number is not a street. */
export function parseStreetOnly(text: string): StreetName | null {
  const words = streetWords(preClean(text ?? ""));
  if (words.length === 0 || (words.length === 1 && /^\d+$/.test(words[0]))) return null;
  return streetOf(words);
}

function unparsed(reason: string, streetHint: string | null): UnparsedAddress {
  return { kind: "unparsed", reason, streetHint };
}

/** "10300 A", "N95W18855", "120-55", "3813 1/2": the house number as written on the door. */
export function formatHouseNumber(address: Pick<ParsedStreetAddress, "number" | "numberPrefix" | "numberSuffix">): string {
  const base = `${address.numberPrefix ?? ""}${address.number}`;
  return address.numberSuffix ? `${base} ${address.numberSuffix}` : base;
}

export { formatStreet as formatStreetName };
