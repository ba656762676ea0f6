/**
 * The labelled address fixtures (see fixtures/geocoding/README.md for sources
 * and licenses) as parser test cases, and our parser's reading of a text.
 */
import fs from "node:fs";
import path from "node:path";
import { formatHouseNumber, parseAddress } from "@/lib/geocode/parse";
import { readingFromLabels, readingFromStreet, type AddressReading, type LabelledToken, type StreetComparison } from "@/lib/geocode/parser-accuracy";
import { normalizeStreetParts, parseStreetName } from "@/lib/geocode/street-name";

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures", "geocoding");

interface UsaddressFixture {
  addresses: { kind: "street" | "po_box" | "intersection" | "other"; text: string; tokens: LabelledToken[] }[];
}

export function usaddressFixture(): UsaddressFixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "usaddress-labelled.json"), "utf8")) as UsaddressFixture;
}

export type FixtureHalf = "development" | "held-out";

/**
 * Which half of the labelled set an address belongs to, from a hash of its
 * text (FNV-1a, 32 bits): even → development, odd → held-out. Deterministic
 * and independent of the file's order, so a rebuilt fixture keeps each line
 * in its half. Parser rules are tuned by looking at development misses only;
 * the held-out half says whether they generalise.
 */
export function fixtureHalf(text: string): FixtureHalf {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 2 === 0 ? "development" : "held-out";
}

/** A line's text as the held-out checks compare it: upper case, letters and digits only. */
export function lineKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim();
}

/** Word-set overlap at or above which a line counts as a near-copy of a held-out line (a word or a comma apart). */
export const NEAR_COPY = 0.7;

let heldOutLines: { keys: Set<string>; words: Set<string>[] } | null = null;

/**
 * Whether a line of other material equals a held-out line of labeled.xml or is a near-copy of one (its word set
 * NEAR_COPY or more the same), so fixture builders can leave it out without anyone reading the held-out lines.
 */
export function nearHeldOutLine(text: string): boolean {
  heldOutLines ??= (() => {
    const keys = usaddressFixture().addresses.filter((a) => fixtureHalf(a.text) === "held-out").map((a) => lineKey(a.text));
    return { keys: new Set(keys), words: keys.map((k) => new Set(k.split(" "))) };
  })();
  const key = lineKey(text);
  if (heldOutLines.keys.has(key)) return true;
  const words = new Set(key.split(" "));
  return heldOutLines.words.some((h) => {
    let both = 0;
    for (const w of words) if (h.has(w)) both++;
    return both / (words.size + h.size - both) >= NEAR_COPY;
  });
}

export function usaddressStreetCases(half?: FixtureHalf, comparison?: StreetComparison): { text: string; expected: AddressReading }[] {
  return usaddressFixture()
    .addresses.filter((a) => a.kind === "street" && (!half || fixtureHalf(a.text) === half))
    .map((a) => ({ text: a.text, expected: readingFromLabels(a.tokens, comparison) }));
}

interface SecondDevelopmentFixture {
  lines: { source: string; text: string; streetAsOneField?: boolean; tokens: LabelledToken[] }[];
}

/**
 * The second development set: street addresses of datamade/usaddress's other labelled files (no held-out line nor a
 * near-copy of one; fixtures/geocoding/README.md). Files that label the whole street as StreetName compare the street
 * as one, read by the same street-name normalizer as ours.
 */
export function secondDevelopmentCases(comparison?: StreetComparison): { source: string; text: string; expected: AddressReading }[] {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, "usaddress-second-development.json"), "utf8")) as SecondDevelopmentFixture;
  return fixture.lines.map((l) => {
    const expected = readingFromLabels(l.tokens, comparison);
    if (!l.streetAsOneField) return { source: l.source, text: l.text, expected };
    const street = parseStreetName(l.tokens.filter(([t]) => t.startsWith("StreetName")).map(([, v]) => v.replace(/[,;]+$/, "")).join(" "));
    return { source: l.source, text: l.text, expected: { ...expected, preDir: street?.preDir ?? null, name: street?.name ?? null, type: street?.type ?? null, postDir: street?.postDir ?? null } };
  });
}

/**
 * A third, small development set: the US street-address cases of pelias/parser's own tests (fixtures/geocoding/
 * README.md). Its street is one field, read by the same street-name normalizer as ours.
 */
export function peliasUsCases(): { text: string; expected: AddressReading }[] {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, "pelias-parser-us-cases.json"), "utf8")) as {
    cases: { text: string; expected: Record<string, string>[] }[];
  };
  return fixture.cases.map((c) => {
    const field = (name: string) => c.expected.find((f) => name in f)?.[name] ?? null;
    return {
      text: c.text,
      expected: readingFromStreet({ number: field("housenumber"), street: parseStreetName(field("street")), unit: field("unit"), city: field("locality"), state: field("region"), zip: field("postcode") }),
    };
  });
}

/**
 * A further development set: the US street-address cases of addresser's own tests (fixtures/geocoding/README.md).
 * addresser writes the street line whole (addressLine1: number and street); the street after the number is read by
 * the same street-name normalizer as ours, as for pelias's cases.
 */
export function addresserUsCases(): { text: string; expected: AddressReading }[] {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, "addresser-us-cases.json"), "utf8")) as {
    cases: { text: string; expected: Record<string, string | null> }[];
  };
  return fixture.cases.map(({ text, expected: e }) => {
    const line = e.addressLine1 ?? "";
    const street = line.startsWith(`${e.streetNumber} `) ? line.slice(`${e.streetNumber} `.length) : line;
    return {
      text,
      expected: readingFromStreet({ number: e.streetNumber, street: parseStreetName(street), unit: e.addressLine2, city: e.placeName, state: e.stateAbbreviation, zip: e.zipCode }),
    };
  });
}

/** parse-address's field names (number, prefix, street, type, suffix, sec_unit_*, city, state, zip). */
export function readingFromParseAddressExpectation(e: Record<string, string | undefined>): AddressReading {
  const street = normalizeStreetParts({ preDir: e.prefix, name: e.street, type: e.type, postDir: e.suffix });
  const unit = [e.sec_unit_type, e.sec_unit_num].filter(Boolean).join(" ") || null;
  return readingFromStreet({ number: e.number ?? null, street, unit, city: e.city ?? null, state: e.state ?? null, zip: e.zip ?? null });
}

export function parseAddressTableCases(): { text: string; expected: AddressReading }[] {
  const table = JSON.parse(fs.readFileSync(path.join(FIXTURES, "parse-address-test-table.json"), "utf8")) as {
    cases: { text: string; expect: Record<string, string> }[];
  };
  return table.cases
    .filter((c) => c.expect.number && !c.expect.street1)
    .map((c) => ({ text: c.text, expected: readingFromParseAddressExpectation(c.expect) }));
}

export function ourReading(text: string): AddressReading | null {
  const p = parseAddress(text);
  if (p.kind !== "address") return null;
  return readingFromStreet({ number: formatHouseNumber(p).replace(/ /g, ""), street: p.street, unit: p.unit, city: p.city, state: p.state, zip: p.zip });
}

/**
 * A case of more-us-cases.json (written by scripts/fixtures/build-more-us-cases.ts): the street as one field
 * (`street`) or in parts (`streetParts`, street_address's split).
 */
export interface MoreUsCase {
  source: "libpostal" | "street_address" | "pelias-parser" | "congress-offices";
  text: string;
  expected: {
    number: string;
    street?: string;
    streetParts?: { prefix: string | null; street: string; type: string | null; suffix: string | null };
    unit: string | null;
    city: string | null;
    state: string | null;
    zip: string | null;
  };
}

/**
 * A fifth development set, none of whose lines the rules were written from: the US street addresses of libpostal's,
 * street_address's (Ruby) and pelias/parser's other US tests with the fields they expect, and the offices of members of
 * Congress as separate fields with the free-typed text written from them (fixtures/geocoding/README.md). A street
 * given as one field is read by the same street-name normalizer as ours; street_address's parts as parse-address's.
 */
export function moreUsCases(): { source: string; text: string; expected: AddressReading }[] {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, "more-us-cases.json"), "utf8")) as { cases: MoreUsCase[] };
  return fixture.cases.map(({ source, text, expected: e }) => {
    const p = e.streetParts;
    const street = p ? normalizeStreetParts({ preDir: p.prefix, name: p.street, type: p.type, postDir: p.suffix }) : parseStreetName(e.street);
    return { source, text, expected: readingFromStreet({ number: e.number, street, unit: e.unit, city: e.city, state: e.state, zip: e.zip }) };
  });
}
