/**
 * Scores an address parser against labelled addresses (datamade/usaddress
 * tags), component by component. Both sides go through the same normalizers
 * (street-name.ts, usps.ts), so only where the parser drew the lines counts.
 * Used by the parser test and `npm run geocode:compare-parsers`. Pure.
 */
import { formatStreet, normalizeDirectional, normalizeStreetParts, normalizeStreetType, streetFromWords, streetWords, type StreetName } from "./street-name";
import { normalizeCity, normalizeState, normalizeUnit, normalizeZip } from "./usps";

export type LabelledToken = [tag: string, text: string];

/** One reading of an address, in the normalized form both sides are compared in. */
export interface AddressReading {
  number: string | null;
  preDir: string | null;
  name: string | null;
  type: string | null;
  postDir: string | null;
  unit: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

export const COMPONENTS = ["number", "preDir", "name", "type", "postDir", "unit", "city", "state", "zip"] as const;
export type Component = (typeof COMPONENTS)[number];

const NUMBER_WORDS: Record<string, string> = { ONE: "1", TWO: "2", THREE: "3", FOUR: "4", FIVE: "5", SIX: "6", SEVEN: "7", EIGHT: "8", NINE: "9", TEN: "10" };

export function normalizeHouseNumber(text: string | null | undefined): string | null {
  const t = (text ?? "").toUpperCase().replace(/[\s.,#]/g, "");
  if (!t) return null;
  return NUMBER_WORDS[t] ?? t.replace(/^0+(?=\d)/, "").replace(/^(\d+)-([A-Z])$/, "$1$2");
}

export function readingFromStreet(parts: {
  number: string | null;
  street: StreetName | null;
  unit: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}): AddressReading {
  return {
    number: normalizeHouseNumber(parts.number),
    preDir: parts.street?.preDir ?? null,
    name: parts.street?.name ?? null,
    type: parts.street?.type ?? null,
    postDir: parts.street?.postDir ?? null,
    unit: normalizeUnit(parts.unit),
    city: normalizeCity(parts.city),
    state: normalizeState(parts.state),
    zip: normalizeZip(parts.zip),
  };
}

/**
 * How the label side's street is read. "one-field" (since 2026-11-30): the words the labels give the street, in
 * written order, read by the one street-name normalizer (`streetFromWords`) — the way the import reads a full-name
 * column and the way pelias's, addresser's and us50_test_tagged's whole-street fields were already read — so what
 * counts is which words the parser gave the street, not how a labeller split the street's own words into
 * directional, name and type ("North Dupont Boulevard": name NORTH DUPONT in us50_train_tagged, N + DUPONT + BLVD by
 * USPS and by our import). "labelled-parts": the labels' own split, each part through the same normalizers (the
 * comparison before; README "Parser" gives both).
 */
export type StreetComparison = "one-field" | "labelled-parts";

const STREET_TAGS = new Set([
  "StreetNamePreDirectional",
  "StreetNamePreModifier",
  "StreetNamePreType",
  "StreetName",
  "StreetNamePostType",
  "StreetNamePostDirectional",
  "StreetNamePostModifier",
]);

/** The expected reading from usaddress labels. */
export function readingFromLabels(tokens: LabelledToken[], comparison: StreetComparison = "one-field"): AddressReading {
  const reading = readingFromLabelledParts(tokens);
  if (comparison === "labelled-parts") return reading;
  const street = streetFromWords(streetWords(tokens.filter(([t]) => STREET_TAGS.has(t)).map(([, v]) => v.replace(/[,;]+$/, "")).join(" ")));
  return { ...reading, preDir: street?.preDir ?? null, name: street?.name ?? null, type: street?.type ?? null, postDir: street?.postDir ?? null };
}

function readingFromLabelledParts(tokens: LabelledToken[]): AddressReading {
  const join = (...tags: string[]) => {
    const text = tokens.filter(([t]) => tags.includes(t)).map(([, v]) => v.replace(/[,;]+$/, "")).join(" ").trim();
    return text || null;
  };
  // "Old West State Route 21": usaddress labels WEST a pre-directional although "Old" comes first. USPS puts a
  // pre-directional before everything else of the street, so a directional labelled between words of the name is
  // a word of the name, kept in written order (the same street either way; README "Parser"). One labelled after the
  // whole name and its type ("7th Street Southeast", us50_messiest_manual_label) stands where USPS puts the
  // post-directional, and is read as one.
  const nameTags = ["StreetNamePreModifier", "StreetNamePreType", "StreetName", "StreetNamePostModifier"];
  const firstName = tokens.findIndex(([t]) => nameTags.includes(t));
  const lastName = tokens.findLastIndex(([t]) => nameTags.includes(t));
  const inner = (i: number) => i > firstName && i < lastName;
  const trailing = (i: number) => lastName >= 0 && i > lastName && tokens.some(([t], j) => t === "StreetNamePostType" && j > lastName && j < i);
  const innerPreDir = firstName >= 0 && tokens.some(([t], i) => t === "StreetNamePreDirectional" && inner(i));
  const inOrder = (pick: (tag: string, i: number) => boolean) =>
    tokens.filter(([t], i) => pick(t, i)).map(([, v]) => v.replace(/[,;]+$/, "")).join(" ").trim() || null;
  const postDir = inOrder((t, i) => t === "StreetNamePostDirectional" || (t === "StreetNamePreDirectional" && trailing(i)));
  const street = innerPreDir
    ? normalizeStreetParts({
        preDir: inOrder((t, i) => t === "StreetNamePreDirectional" && !inner(i) && !trailing(i)),
        name: inOrder((t, i) => nameTags.includes(t) || (t === "StreetNamePreDirectional" && inner(i))),
        type: join("StreetNamePostType"),
        postDir,
      })
    : normalizeStreetParts({
    preDir: inOrder((t, i) => t === "StreetNamePreDirectional" && !trailing(i)),
    preType: join("StreetNamePreModifier", "StreetNamePreType"),
    name: join("StreetName", "StreetNamePostModifier"),
    type: join("StreetNamePostType"),
    postDir,
  });
  const occupancy = join("OccupancyType", "OccupancyIdentifier");
  return readingFromStreet({
    number: [join("AddressNumberPrefix"), join("AddressNumber"), join("AddressNumberSuffix")].filter(Boolean).join(""),
    street: street ? { ...street, type: normalizeStreetType(street.type), preDir: normalizeDirectional(street.preDir) } : null,
    unit: occupancy ?? join("SubaddressType", "SubaddressIdentifier"),
    city: join("PlaceName"),
    state: join("StateName"),
    zip: join("ZipCode"),
  });
}

export interface ParserScore {
  total: number;
  exact: number;
  /** Per component: right / total (every address counts; an absent component must be absent). */
  components: Record<Component, number>;
  failures: { text: string; expected: AddressReading; got: AddressReading | null }[];
}

export function scoreParser(
  cases: { text: string; expected: AddressReading }[],
  read: (text: string) => AddressReading | null,
): ParserScore {
  const right = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<Component, number>;
  let exact = 0;
  const failures: ParserScore["failures"] = [];
  for (const c of cases) {
    let got: AddressReading | null = null;
    try {
      got = read(c.text);
    } catch {
      got = null;
    }
    let all = true;
    for (const component of COMPONENTS) {
      if (got && got[component] === c.expected[component]) right[component]++;
      else all = false;
    }
    if (all) exact++;
    else failures.push({ text: c.text, expected: c.expected, got });
  }
  return { total: cases.length, exact, components: right, failures };
}

export function formatScore(name: string, score: ParserScore): string {
  const pct = (n: number) => `${((n / score.total) * 100).toFixed(1)}%`;
  return `${name}: whole address ${pct(score.exact)} (${score.exact}/${score.total}); ${COMPONENTS.map((c) => `${c} ${pct(score.components[c])}`).join(", ")}`;
}

export const streetText = formatStreet;
