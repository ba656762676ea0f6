/**
 * THE street-name normalizer: the reference-data import and every query go
 * through it, so a stored name and a queried name cannot differ. Pure.
 *
 * A street is { preDir, name, type, postDir } (NENA St_PreDir, St_Name,
 * St_PosTyp, St_PosDir). The rules, all upper case, USPS Publication 28:
 * - a street type (USPS C1 suffix) is read only in final position, or just
 *   before a post-directional, and only when a name word stays before it:
 *   "Court St" is COURT + ST, "Park Ave" PARK + AVE, "Grove" alone is a name;
 * - a leading directional is a pre-directional only when a name word follows:
 *   "North Ave" is NORTH + AVE, "N Wells St" N + WELLS + ST;
 * - numbered routes stay whole in the name, pre-type canonical: "County Road
 *   332" → CO RD 332, "US Highway 89" → US HWY 89, "State Route 360" → STATE
 *   HWY 360, "Route 30" → RTE 30, "I-294" → I 294, "Avenue H" → AVE H;
 * - ordinals in one form: "Third", "3rd", and "3" before a type → 3RD;
 * - "&" stays inside names ("Hills & Hollows Ln").
 * Separate name parts from a reference file go through normalizeStreetParts
 * (no re-parsing); a full-name column through parseStreetName.
 */

export interface StreetName {
  preDir: string | null;
  name: string;
  type: string | null;
  postDir: string | null;
}

const DIRECTIONAL_WORDS: Record<string, string> = {
  NORTH: "N", SOUTH: "S", EAST: "E", WEST: "W",
  NORTHEAST: "NE", NORTHWEST: "NW", SOUTHEAST: "SE", SOUTHWEST: "SW",
  N: "N", S: "S", E: "E", W: "W", NE: "NE", NW: "NW", SE: "SE", SW: "SW",
  "NORTH EAST": "NE", "NORTH WEST": "NW", "SOUTH EAST": "SE", "SOUTH WEST": "SW",
  "N E": "NE", "N W": "NW", "S E": "SE", "S W": "SW",
  // "8517 So Nashville": a common spelling of South ("No" is not North: it is the number sign of "No. 130").
  SO: "S",
};

/** The abbreviated directionals, which are never a name word by themselves before a street type ("Ballast Pt W Blvd"). */
const ABBREVIATED_DIRECTIONALS = new Set(["N", "S", "E", "W", "NE", "NW", "SE", "SW"]);

/**
 * USPS Publication 28, Appendix C1: standard suffix abbreviation → the spellings that mean it. Three abbreviations in
 * common use that C1 does not list are added: "Bvd" (Boulevard), "Py" (Parkway, as New York City writes it) and
 * "Hgwy" (Highway).
 */
const STREET_TYPE_SPELLINGS: Record<string, string[]> = {
  ALY: ["ALLEY", "ALLEE", "ALLY"], ANX: ["ANEX", "ANNEX", "ANNX"], ARC: ["ARCADE"], AVE: ["AVENUE", "AV", "AVEN", "AVENU", "AVN", "AVNUE"],
  BYU: ["BAYOU", "BAYOO"], BCH: ["BEACH"], BND: ["BEND"], BLF: ["BLUFF", "BLUF"], BLFS: ["BLUFFS"], BTM: ["BOTTOM", "BOT", "BOTTM"],
  BLVD: ["BOULEVARD", "BOUL", "BOULV", "BLV", "BVD"], BR: ["BRANCH", "BRNCH"], BRG: ["BRIDGE", "BRDGE"], BRK: ["BROOK"], BRKS: ["BROOKS"],
  BG: ["BURG"], BGS: ["BURGS"], BYP: ["BYPASS", "BYPA", "BYPAS", "BYPS"], CP: ["CAMP", "CMP"], CYN: ["CANYON", "CANYN", "CNYN"],
  CPE: ["CAPE"], CSWY: ["CAUSEWAY", "CAUSWA"], CTR: ["CENTER", "CEN", "CENT", "CENTR", "CENTRE", "CNTER", "CNTR"], CTRS: ["CENTERS"],
  CIR: ["CIRCLE", "CIRC", "CIRCL", "CRCL", "CRCLE"], CIRS: ["CIRCLES"], CLF: ["CLIFF"], CLFS: ["CLIFFS"], CLB: ["CLUB"],
  CMN: ["COMMON"], CMNS: ["COMMONS"], COR: ["CORNER"], CORS: ["CORNERS"], CRSE: ["COURSE"], CT: ["COURT"], CTS: ["COURTS"],
  CV: ["COVE"], CVS: ["COVES"], CRK: ["CREEK"], CRES: ["CRESCENT", "CRSENT", "CRSNT"], CRST: ["CREST"], XING: ["CROSSING", "CRSSNG"],
  XRD: ["CROSSROAD"], XRDS: ["CROSSROADS"], CURV: ["CURVE"], DL: ["DALE"], DM: ["DAM"], DV: ["DIVIDE", "DIV", "DVD"],
  DR: ["DRIVE", "DRIV", "DRV"], DRS: ["DRIVES"], EST: ["ESTATE"], ESTS: ["ESTATES"], EXPY: ["EXPRESSWAY", "EXP", "EXPR", "EXPRESS", "EXPW"],
  EXT: ["EXTENSION", "EXTN", "EXTNSN"], EXTS: ["EXTENSIONS"], FALL: [], FLS: ["FALLS"], FRY: ["FERRY", "FRRY"], FLD: ["FIELD"],
  FLDS: ["FIELDS"], FLT: ["FLAT"], FLTS: ["FLATS"], FRD: ["FORD"], FRDS: ["FORDS"], FRST: ["FOREST", "FORESTS"], FRG: ["FORGE", "FORG"],
  FRGS: ["FORGES"], FRK: ["FORK"], FRKS: ["FORKS"], FT: ["FORT", "FRT"], FWY: ["FREEWAY", "FREEWY", "FRWAY", "FRWY"],
  GDN: ["GARDEN", "GARDN", "GRDEN", "GRDN"], GDNS: ["GARDENS", "GRDNS"], GTWY: ["GATEWAY", "GATEWY", "GATWAY", "GTWAY"], GLN: ["GLEN"],
  GLNS: ["GLENS"], GRN: ["GREEN"], GRNS: ["GREENS"], GRV: ["GROVE", "GROV"], GRVS: ["GROVES"], HBR: ["HARBOR", "HARB", "HARBR", "HRBOR"],
  HBRS: ["HARBORS"], HVN: ["HAVEN"], HTS: ["HEIGHTS", "HT"], HWY: ["HIGHWAY", "HIGHWY", "HIWAY", "HIWY", "HWAY", "HGWY"], HL: ["HILL"],
  HLS: ["HILLS"], HOLW: ["HOLLOW", "HLLW", "HOLLOWS", "HOLWS"], INLT: ["INLET"], IS: ["ISLAND", "ISLND"], ISS: ["ISLANDS", "ISLNDS"],
  ISLE: ["ISLES"], JCT: ["JUNCTION", "JCTION", "JCTN", "JUNCTN", "JUNCTON"], JCTS: ["JUNCTIONS"], KY: ["KEY"], KYS: ["KEYS"],
  KNL: ["KNOLL", "KNOL"], KNLS: ["KNOLLS"], LK: ["LAKE"], LKS: ["LAKES"], LAND: [], LNDG: ["LANDING", "LNDNG"], LN: ["LANE"],
  LGT: ["LIGHT"], LGTS: ["LIGHTS"], LF: ["LOAF"], LCK: ["LOCK"], LCKS: ["LOCKS"], LDG: ["LODGE", "LDGE", "LODG"], LOOP: ["LOOPS"],
  MALL: [], MNR: ["MANOR"], MNRS: ["MANORS"], MDW: ["MEADOW"], MDWS: ["MEADOWS", "MEDOWS"], MEWS: [], ML: ["MILL"], MLS: ["MILLS"],
  MSN: ["MISSION", "MISSN", "MSSN"], MTWY: ["MOTORWAY"], MT: ["MOUNT", "MNT"], MTN: ["MOUNTAIN", "MNTAIN", "MNTN", "MOUNTIN", "MTIN"],
  MTNS: ["MOUNTAINS"], NCK: ["NECK"], ORCH: ["ORCHARD", "ORCHRD"], OVAL: ["OVL"], OPAS: ["OVERPASS"], PARK: ["PRK", "PARKS"],
  PKWY: ["PARKWAY", "PARKWY", "PKWAY", "PKY", "PARKWAYS", "PKWYS", "PY"], PASS: [], PSGE: ["PASSAGE"], PATH: ["PATHS"], PIKE: ["PIKES"],
  PNE: ["PINE"], PNES: ["PINES"], PL: ["PLACE"], PLN: ["PLAIN"], PLNS: ["PLAINS"], PLZ: ["PLAZA", "PLZA"], PT: ["POINT"], PTS: ["POINTS"],
  PRT: ["PORT"], PRTS: ["PORTS"], PR: ["PRAIRIE", "PRR"], RADL: ["RADIAL", "RAD", "RADIEL"], RAMP: [], RNCH: ["RANCH", "RANCHES", "RNCHS"],
  RPD: ["RAPID"], RPDS: ["RAPIDS"], RST: ["REST"], RDG: ["RIDGE", "RDGE"], RDGS: ["RIDGES"], RIV: ["RIVER", "RVR", "RIVR"], RD: ["ROAD"],
  RDS: ["ROADS"], RTE: ["ROUTE"], ROW: [], RUE: [], RUN: [], SHL: ["SHOAL"], SHLS: ["SHOALS"], SHR: ["SHORE", "SHOAR"],
  SHRS: ["SHORES", "SHOARS"], SKWY: ["SKYWAY"], SPG: ["SPRING", "SPNG", "SPRNG"], SPGS: ["SPRINGS", "SPNGS", "SPRNGS"], SPUR: ["SPURS"],
  SQ: ["SQUARE", "SQR", "SQRE", "SQU"], SQS: ["SQUARES", "SQRS"], STA: ["STATION", "STATN", "STN"],
  STRA: ["STRAVENUE", "STRAV", "STRAVEN", "STRAVN", "STRVN", "STRVNUE"], STRM: ["STREAM", "STREME"], ST: ["STREET", "STRT", "STR"],
  STS: ["STREETS"], SMT: ["SUMMIT", "SUMIT", "SUMITT"], TER: ["TERRACE", "TERR"], TRWY: ["THROUGHWAY"], TRCE: ["TRACE", "TRACES"],
  TRAK: ["TRACK", "TRACKS", "TRK", "TRKS"], TRFY: ["TRAFFICWAY"], TRL: ["TRAIL", "TRAILS", "TRLS"], TRLR: ["TRAILER", "TRLRS"],
  TUNL: ["TUNNEL", "TUNEL", "TUNLS", "TUNNELS", "TUNNL"], TPKE: ["TURNPIKE", "TRNPK", "TURNPK"], UPAS: ["UNDERPASS"], UN: ["UNION"],
  UNS: ["UNIONS"], VLY: ["VALLEY", "VALLY", "VLLY"], VLYS: ["VALLEYS"], VIA: ["VIADUCT", "VDCT", "VIADCT"], VW: ["VIEW"], VWS: ["VIEWS"],
  VLG: ["VILLAGE", "VILL", "VILLAG", "VILLG", "VILLIAGE"], VLGS: ["VILLAGES"], VL: ["VILLE"], VIS: ["VISTA", "VIST", "VST", "VSTA"],
  WALK: ["WALKS"], WALL: [], WAY: ["WY"], WAYS: [], WL: ["WELL"], WLS: ["WELLS"],
};

const STREET_TYPES = new Map<string, string>();
for (const [abbreviation, spellings] of Object.entries(STREET_TYPE_SPELLINGS)) {
  STREET_TYPES.set(abbreviation, abbreviation);
  for (const s of spellings) STREET_TYPES.set(s, abbreviation);
}

/**
 * Type words that are whole English words ("Road", "Park", "Way"), as opposed
 * to abbreviations ("Rd", "Ave", "Pkwy"). An abbreviation is always meant as
 * a street type; a whole word may be a name word ("Old Bridge Road Ln",
 * "Cottage Grove Ave"). The parser uses this to tell where a street ends.
 */
const SHORT_WHOLE_TYPE_WORDS = new Set([
  "BEND", "BURG", "CAMP", "CAPE", "CLUB", "COVE", "DALE", "DAM", "FALL", "FORD", "FORK", "FORT", "GLEN", "HILL", "ISLE", "KEY",
  "LAKE", "LAND", "LOAF", "LOCK", "LOOP", "MALL", "MEWS", "MILL", "NECK", "OVAL", "PARK", "PASS", "PATH", "PIKE", "PINE", "PORT",
  "RAMP", "REST", "ROAD", "ROW", "RUE", "RUN", "SPUR", "VIA", "VIEW", "WALK", "WALL", "WAY", "WAYS", "WELL",
]);

/** "Rd", "Ave", "Blvd", "Pkwy", "Av": an abbreviated street type (not a whole word such as "Road" or "Park"). */
export function isAbbreviatedStreetType(word: string | null | undefined): boolean {
  if (!word || !streetTypeOf(word)) return false;
  const w = word.toUpperCase().replace(/[^A-Z]/g, "");
  return w.length <= 4 && !SHORT_WHOLE_TYPE_WORDS.has(w);
}

/**
 * Feature words that USPS lists as suffixes but that, spelled out in full as
 * the last word of a street with no other type, are nearly always part of
 * the name: "S Stony Island" (Stony Island Ave), "South Cottage Grove",
 * "Washington Square Village". Abbreviated ("Stony Is", "Cottage Grv") they
 * are the type. A judgement call, kept short on purpose.
 */
const NAME_ENDING_FEATURE_WORDS = new Set(["ISLAND", "ISLANDS", "GROVE", "GROVES", "HOLLOW", "VILLAGE", "VILLAGES"]);

const ORDINAL_WORDS: Record<string, string> = {
  FIRST: "1ST", SECOND: "2ND", THIRD: "3RD", FOURTH: "4TH", FIFTH: "5TH", SIXTH: "6TH", SEVENTH: "7TH", EIGHTH: "8TH",
  NINTH: "9TH", TENTH: "10TH", ELEVENTH: "11TH", TWELFTH: "12TH", THIRTEENTH: "13TH", FOURTEENTH: "14TH", FIFTEENTH: "15TH",
  SIXTEENTH: "16TH", SEVENTEENTH: "17TH", EIGHTEENTH: "18TH", NINETEENTH: "19TH", TWENTIETH: "20TH",
};

/** An apostrophe inside a word ("O'Hare", "O’Connor", "Mary's"), any of its spellings. */
const IN_WORD_APOSTROPHE = /([A-Za-z])['\u2019`](?=[A-Za-z])/g;

/**
 * Upper-case words: accents folded, periods and stray punctuation dropped, "&" and "/" kept as words. An apostrophe
 * inside a word is dropped ("O'Connor" → OCONNOR, "Mary's" → MARYS), never a word break: stored names and
 * queried names both go through here. `keepApostrophes` keeps it inside its word as "'" instead (the address
 * parser: the street drops it in streetFromWords, a city turns it into a space as its normalizer always has).
 */
export function streetWords(text: string | null | undefined, options: { keepApostrophes?: boolean } = {}): string[] {
  if (!text) return [];
  const keep = options.keepApostrophes === true;
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(IN_WORD_APOSTROPHE, keep ? "$1'" : "$1")
    .toUpperCase()
    .replace(/(\d)\s*-\s*(\d)/g, "$1-$2")
    // "I-294", "US-1", "SR-50": a route designator joined to its number by a hyphen.
    .replace(/\b(I|US|SR|CR|FM|HWY|RT|RTE)-(?=\d)/g, "$1 ")
    .replace(/&/g, " & ")
    .replace(keep ? /[.\u2019`]|'(?![A-Z])|(?<![A-Z])'/g : /[.'\u2019`]/g, "")
    // "Dawson-Williams", "J-M": a hyphen between letters separates words; "120-55" (a Queens number) keeps it.
    .replace(/([A-Z])-(?=[A-Z])/g, "$1 ")
    .replace(keep ? /[^A-Z0-9&/\-' ]+/g : /[^A-Z0-9&/\- ]+/g, " ")
    .split(/\s+/)
    .map((w) => w.replace(/^-+|-+$/g, ""))
    .filter((w) => w !== "");
}

/** Words that may hold an apostrophe (streetWords' keepApostrophes) without it. */
export const withoutApostrophes = (words: string[]): string[] => words.map((w) => w.replace(/'/g, ""));

export function directionalOf(word: string | null | undefined): string | null {
  if (!word) return null;
  return DIRECTIONAL_WORDS[word.toUpperCase().replace(/[^A-Z ]/g, "").trim()] ?? null;
}

export function streetTypeOf(word: string | null | undefined): string | null {
  // "31st" is an ordinal, not "St".
  if (!word || /\d/.test(word)) return null;
  return STREET_TYPES.get(word.toUpperCase().replace(/[^A-Z]/g, "")) ?? null;
}

/** "Road" → RD, "Pakway" → PKWY; a type word we do not know is kept as written (upper case) so nothing is lost. */
export function normalizeStreetType(value: string | null | undefined): string | null {
  const words = streetWords(value);
  if (words.length === 0) return null;
  const joined = words.join(" ");
  return streetTypeOf(joined) ?? misspelledStreetTypeOf(joined) ?? joined;
}

/** The spelled-out types of ways, six letters or more, that a misspelling is measured against. */
const WAY_TYPE_SPELLINGS = [
  ["AVENUE", "AVE"], ["BOULEVARD", "BLVD"], ["BYPASS", "BYP"], ["CAUSEWAY", "CSWY"], ["CIRCLE", "CIR"], ["CROSSING", "XING"],
  ["EXPRESSWAY", "EXPY"], ["FREEWAY", "FWY"], ["HIGHWAY", "HWY"], ["PARKWAY", "PKWY"], ["SQUARE", "SQ"], ["STREET", "ST"],
  ["TERRACE", "TER"], ["TURNPIKE", "TPKE"],
] as const;

/**
 * A street type misspelled by one letter (one letter missing, added, changed,
 * or two swapped): "Pakway" → PKWY, "Avenu" is already a USPS spelling,
 * "Terace" → TER. Only against the spelled-out types of ways of six letters or
 * more, and only for a word of six letters or more, so short name words
 * ("Allen", "Peace") are never read as types. Used only where a type stands:
 * a type field, and the last word of a street.
 */
export function misspelledStreetTypeOf(word: string | null | undefined): string | null {
  if (!word || /[^A-Z]/i.test(word) || word.length < 6 || streetTypeOf(word)) return null;
  const w = word.toUpperCase();
  for (const [spelling, abbreviation] of WAY_TYPE_SPELLINGS) {
    if (withinOneEdit(w, spelling)) return abbreviation;
  }
  return null;
}

/** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function normalizeDirectional(value: string | null | undefined): string | null {
  const words = streetWords(value);
  if (words.length === 0) return null;
  // In a directional's own field "No" can only be North ("21st Ave No."); in free text it is also the number sign.
  if (words.length === 1 && words[0] === "NO") return "N";
  return directionalOf(words.join(" "));
}

function ordinalSuffix(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return "TH";
  return ["TH", "ST", "ND", "RD", "TH", "TH", "TH", "TH", "TH", "TH"][n % 10];
}

/** The states' two-letter codes (and DC, PR), for state routes written "MD 760". */
const STATE_ROUTE_CODES = new Set(
  "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split(" "),
);
const HIGHWAY_WORDS = new Set(["HWY", "HIGHWAY", "HY", "HIWAY", "HWAY", "HGWY"]);
const ROUTE_WORDS = new Set(["ROUTE", "RTE", "RT"]);
const ROAD_WORDS = new Set(["ROAD", "RD"]);

/**
 * The leading route designator of a name in one spelling, or null: [canonical
 * words, words consumed]. Only when something (the route number or name) follows.
 */
export function routePrefix(words: string[]): [string[], number] | null {
  const [a, b, c] = words;
  const rest = (n: number) => words.length > n;
  if ((a === "US" || a === "U" ) && (HIGHWAY_WORDS.has(b) || ROUTE_WORDS.has(b)) && rest(2)) return [["US", "HWY"], 2];
  if (a === "U" && b === "S" && (HIGHWAY_WORDS.has(c) || ROUTE_WORDS.has(c)) && rest(3)) return [["US", "HWY"], 3];
  if (a === "US" && /^\d/.test(b ?? "")) return [["US", "HWY"], 1];
  if (a === "U" && b === "S" && /^\d/.test(c ?? "")) return [["US", "HWY"], 2];
  if ((a === "STATE" || a === "ST") && (HIGHWAY_WORDS.has(b) || ROUTE_WORDS.has(b) || ROAD_WORDS.has(b)) && rest(2)) return [["STATE", "HWY"], 2];
  if (a === "SR" && rest(1) && /^\d/.test(b)) return [["STATE", "HWY"], 1];
  if ((a === "COUNTY" || a === "CO" || a === "CNTY") && ROAD_WORDS.has(b) && rest(2)) return [["CO", "RD"], 2];
  if ((a === "COUNTY" || a === "CO" || a === "CNTY") && HIGHWAY_WORDS.has(b) && rest(2)) return [["CO", "HWY"], 2];
  if (a === "CR" && rest(1) && /^\d/.test(b)) return [["CO", "RD"], 1];
  if ((a === "INTERSTATE" || a === "I") && /^\d/.test(b ?? "")) return [["I"], 1];
  if (a === "FARM" && (b === "TO" || b === "TO-MARKET") && rest(2)) return null;
  // "MD 760", "IA 10", "NJ 70": a state route written with the state's code (not a directional: "NE 45 St").
  if (STATE_ROUTE_CODES.has(a) && !directionalOf(a) && /^\d{1,4}$/.test(b ?? "") && rest(1)) return [[a], 1];
  // "FM 544" (Farm to Market Road), "PR 462" (Texas Park Road or county private road), "Business 15" (a business
  // route): designators that are no type of their own before a number.
  if ((a === "FM" || a === "PR" || a === "BUSINESS") && rest(1) && /^\d+$/.test(b)) return [[a], 1];
  if (HIGHWAY_WORDS.has(a) && rest(1) && /^\d/.test(b)) return [["HWY"], 1];
  if (ROUTE_WORDS.has(a) && rest(1) && /^\d/.test(b)) return [["RTE"], 1];
  if ((a === "AVENUE" || a === "AVE" || a === "AV") && rest(1)) return [["AVE"], 1];
  return null;
}

/** Name words in one spelling: route designators, ordinal words ("Third" → 3RD). */
function canonicalNameWords(input: string[], hasType: boolean): string[] {
  // "Route # A", "Hwy # 5": a number sign inside a name only says that a number follows.
  const words = input.filter((w) => w !== "#");
  const route = routePrefix(words);
  let body = route ? words.slice(route[1]) : words;
  // "U.S. Highway No. 130" is US HWY 130: "No." between a route designator and its number is the number sign.
  if (route && ["NO", "NUMBER", "#"].includes(body[0]) && /^\d/.test(body[1] ?? "")) body = body.slice(1);
  const out = body.map((w) => ORDINAL_WORDS[w] ?? w.replace(/^(\d+)(ST|ND|RD|TH)$/, (_, d: string) => `${Number(d)}${ordinalSuffix(Number(d))}`));
  // "3 St" and "3rd St" are one street: a bare number followed by a type is an ordinal street.
  if (!route && hasType && out.length === 1 && /^\d+$/.test(out[0])) out[0] = `${Number(out[0])}${ordinalSuffix(Number(out[0]))}`;
  return route ? [...route[0], ...out] : out;
}

/**
 * A type field read the way a full name is: the type is its last word, and only a USPS suffix (or a misspelling of
 * a long one) is a type. Words before it, and a word that is no type at all ("Hargrove" + "Grade", "Cottage
 * Grove" + "Woods"), are name words, so a file with separate name parts stores what a query for the same words
 * reads ("19 Hargrove Grade" is HARGROVE GRADE with no type). "St Ln" is ST in the name and LN the type.
 */
function typeField(value: string | null | undefined): { type: string | null; nameWords: string[] } {
  const words = streetWords(value);
  if (words.length === 0) return { type: null, nameWords: [] };
  const last = words[words.length - 1];
  const lastType = streetTypeOf(last) ?? misspelledStreetTypeOf(last);
  if (lastType) return { type: lastType, nameWords: words.slice(0, -1) };
  return { type: null, nameWords: words };
}

/** Separate name parts (NENA St_PreDir/St_PreTyp/St_Name/St_PosTyp/St_PosDir, TIGER prefix/pretype/name/type/suffix). */
export function normalizeStreetParts(parts: {
  preDir?: string | null;
  preType?: string | null;
  name: string | null | undefined;
  type?: string | null;
  postDir?: string | null;
}): StreetName | null {
  const { type, nameWords: typeNameWords } = typeField(parts.type);
  const nameWords = [...streetWords(parts.preType), ...streetWords(parts.name), ...typeNameWords];
  if (nameWords.length === 0) return null;
  return {
    preDir: normalizeDirectional(parts.preDir),
    name: canonicalNameWords(nameWords, Boolean(type)).join(" "),
    type,
    postDir: normalizeDirectional(parts.postDir),
  };
}

/**
 * The street from its words alone (no house number, unit or locality): what
 * a full-name column holds, and what the address parser found between the
 * number and the unit or city.
 */
export function streetFromWords(input: string[]): StreetName | null {
  const words = withoutApostrophes(input);
  if (words.length === 0) return null;
  let postDir: string | null = null;
  let type: string | null = null;
  let preDir: string | null = null;

  const nameLeft = (from: number, to: number) => to - from >= 1;
  // "Lucerne Dr S E", "8th St North East": a diagonal written as two words after the type.
  const n = words.length;
  const diagonal = (a: string | undefined, b: string | undefined) => {
    const first = directionalOf(a);
    const second = directionalOf(b);
    return (first === "N" || first === "S") && (second === "E" || second === "W") ? first + second : null;
  };
  const trailingDiagonal = n >= 3 && streetTypeOf(words[n - 3]) ? diagonal(words[n - 2], words[n - 1]) : null;
  if (trailingDiagonal) words.splice(n - 2, 2, trailingDiagonal);
  // "21st Ave No.": after a street type, a final "No" is North (it is the number sign only before a number).
  if (words.length >= 3 && words[words.length - 1] === "NO" && streetTypeOf(words[words.length - 2])) {
    words.pop();
    postDir = "N";
  }
  // Post-directional: the last word, when a name (not only a route designator) stays before it.
  if (!postDir && words.length >= 2 && directionalOf(words[words.length - 1])) {
    // "Route N", "N Avenue N" (a lettered avenue after a pre-directional): a letter after nothing but a route word is
    // that route's name.
    const before = words.slice(nameStart(words), -1);
    const onlyRouteWord = before.length === 1 && (routePrefix([...before, "1"])?.[1] ?? 0) === 1;
    if (!onlyRouteWord) postDir = directionalOf(words.pop());
  }
  // Type: the last word left, with at least one name word before it ("Court St", never "St" alone).
  // "N Wells", "S Park": after a one-letter directional alone, the type word is the name ("North Ave" keeps AVE).
  // "S St NW", "E St" (lettered streets): an abbreviated type is never a name, so the letter is.
  const onlyDirectionLetterBefore = words.length === 2 && /^[NSEW]{1,2}$/.test(words[0]) && !isAbbreviatedStreetType(words[1]);
  const last = words[words.length - 1];
  const featureName = NAME_ENDING_FEATURE_WORDS.has(last) && words.length >= 2 && !directionalOf(words[words.length - 2]);
  // "Brookwood Pakway": a misspelled type, in the type's place only.
  const lastType = streetTypeOf(last) ?? misspelledStreetTypeOf(last);
  if (words.length >= 2 && lastType && !onlyDirectionLetterBefore && !featureName) {
    // "US Hwy" + "Rd"? no: a route designator followed only by a type is not a name; nor after a pre-directional
    // ("E County Road DV", a lettered county road).
    const from = words.length >= 3 && directionalOf(words[0]) ? 1 : 0;
    const route = routePrefix(words.slice(from, -1).concat("1"));
    if (!(route && route[1] === words.length - 1 - from)) {
      words.pop();
      type = lastType;
    }
    // "Ballast Pt W Blvd", "Washington NE Pl": an abbreviated directional written before the type is the
    // post-directional (Publication 28 puts it after the type), when a name word stays before it; after an
    // initial it is one more initial ("G S Rd"); after a bare number it is the other half of a grid road's name
    // ("N 2900 E Rd", the road 2900 East).
    const beforeType = words[words.length - 1];
    const nameBefore = words[words.length - 2];
    if (type && !postDir && words.length >= 2 && ABBREVIATED_DIRECTIONALS.has(beforeType) && !directionalOf(nameBefore) && nameBefore.length > 1 && !/^\d+$/.test(nameBefore)) {
      postDir = directionalOf(words.pop());
    }
  }
  // Pre-directional: the first word, when a name word follows ("North Ave" keeps NORTH as the name).
  // "N E 8th St", "S.W. Broadway" (periods dropped: S W): a diagonal written as two letters before the name.
  const leadingDiagonal = words.length >= 3 && /^[NS]$/.test(words[0]) && /^[EW]$/.test(words[1]) ? diagonal(words[0], words[1]) : null;
  if (leadingDiagonal) {
    words.splice(0, 2);
    preDir = leadingDiagonal;
  } else if (nameLeft(1, words.length) && words.length >= 2 && directionalOf(words[0])) {
    // "N W Highway": a two-word directional "NORTH WEST".
    preDir = directionalOf(words.shift());
  }
  if (words.length === 0) return null;
  return { preDir, name: canonicalNameWords(words, Boolean(type)).join(" "), type, postDir };
}

/** Where the name starts after a leading directional that a name follows ("N Avenue N": 1). */
function nameStart(words: string[]): number {
  return words.length >= 3 && directionalOf(words[0]) ? 1 : 0;
}

/** A full-name column ("US Hwy 82", "1st Ave NE", "Hills & Hollows Ln") as one street. */
export function parseStreetName(text: string | null | undefined): StreetName | null {
  return streetFromWords(streetWords(text));
}

export function formatStreet(street: Pick<StreetName, "preDir" | "name" | "type" | "postDir">): string {
  return [street.preDir, street.name, street.type, street.postDir].filter(Boolean).join(" ");
}
