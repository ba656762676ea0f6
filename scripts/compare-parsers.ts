/**
 * npm run geocode:compare-parsers — how parse-address and addresser (raw) and
 * pelias-parser (raw) and our parser read real labelled addresses (datamade/usaddress training data,
 * street addresses only), component by component on the whole set and on
 * its development and held-out halves (the street compared as one field read by
 * our street-name normalizer, and for ours also in the labels' own parts), and how many of
 * parse-address's own test table each passes. Kept so the choice can be
 * re-checked on new data. Fixtures: tests/support/fixtures/geocoding/.
 */
import * as addresser from "addresser";
import parser from "parse-address";
import { createRequire } from "node:module";
import { formatHouseNumber } from "../lib/geocode/parse";
import { parseAddressTagged } from "../lib/geocode/parse-tagged";
import { formatScore, readingFromStreet, scoreParser, type AddressReading } from "../lib/geocode/parser-accuracy";
import { normalizeStreetParts, parseStreetName } from "../lib/geocode/street-name";
import { ourReading, parseAddressTableCases, readingFromParseAddressExpectation, usaddressStreetCases } from "../tests/support/parser-fixtures";

// pelias-parser is CommonJS without types; it needs lodash, which it does not declare (both are devDependencies here).
const require = createRequire(import.meta.url);
interface PeliasSolution {
  pair: { classification: { label: string }; span: { body: string } }[];
}
const PeliasParser = require("pelias-parser/parser/AddressParser") as new () => { classify(t: unknown): void; solve(t: unknown): void };
const PeliasTokenizer = require("pelias-parser/tokenization/Tokenizer") as new (text: string) => { solution: PeliasSolution[] };
const pelias = new PeliasParser();

const readers: Record<string, (text: string) => AddressReading | null> = {
  "parse-address (raw)": (text) => {
    const p = parser.parseLocation(text);
    if (!p?.number) return null;
    return readingFromParseAddressExpectation(p as Record<string, string>);
  },
  "addresser (raw)": (text) => {
    const p = addresser.parseAddress(text);
    if (!p.streetNumber) return null;
    const street = normalizeStreetParts({ name: p.streetName, type: p.streetSuffix });
    return readingFromParseAddressExpectation({
      number: p.streetNumber,
      street: street?.name ?? "",
      type: street?.type ?? "",
      sec_unit_type: (p as { addressLine2?: string }).addressLine2 ?? "",
      city: p.placeName,
      state: p.stateAbbreviation,
      zip: p.zipCode,
    });
  },
  "pelias-parser (raw)": (text) => {
    const tokens = new PeliasTokenizer(text);
    pelias.classify(tokens);
    pelias.solve(tokens);
    const best = tokens.solution[0];
    if (!best) return null;
    const field = (label: string) => best.pair.find((p) => p.classification.label === label)?.span.body;
    const number = field("housenumber");
    if (!number) return null;
    // pelias labels the whole street ("N Green Bay Rd"): split it with our street-name normalizer.
    const street = parseStreetName(field("street"));
    return readingFromParseAddressExpectation({
      number,
      prefix: street?.preDir ?? "",
      street: street?.name ?? "",
      type: street?.type ?? "",
      suffix: street?.postDir ?? "",
      sec_unit_type: field("unit") ?? "",
      city: field("locality"),
      state: field("region"),
      zip: field("postcode"),
    });
  },
  sightline: ourReading,
  // Candidate, not in use: the rules plus the learned tagger where the rules' city is no known place (lib/geocode/parse-tagged.ts).
  // Its tagger was trained on the development half (and other usaddress files), so only its held-out figure is fair.
  "sightline + address tagger (candidate)": (text) => {
    const p = parseAddressTagged(text);
    if (p.kind !== "address") return null;
    return readingFromStreet({ number: formatHouseNumber(p).replace(/ /g, ""), street: p.street, unit: p.unit, city: p.city, state: p.state, zip: p.zip });
  },
};

// Our rules were tuned on the development half only (tests/support/parser-fixtures.ts fixtureHalf); the held-out
// half is the fair comparison with the other parsers, which never saw either.
const halves = { "whole set": usaddressStreetCases(), development: usaddressStreetCases("development"), "held-out": usaddressStreetCases("held-out") };
const table = parseAddressTableCases();
for (const [name, read] of Object.entries(readers)) {
  const started = performance.now();
  const lines = Object.entries(halves).map(([half, cases]) => `  ${formatScore(half, scoreParser(cases, read))}`);
  const tableScore = scoreParser(table, read);
  console.log(`${name}\n${lines.join("\n")}\n  parse-address test table: ${tableScore.exact}/${tableScore.total}; ${Math.round(performance.now() - started)} ms`);
}
// The comparison before 2026-11-30: the street compared in the labels' own parts (README "Parser").
const before = { "whole set": usaddressStreetCases(undefined, "labelled-parts"), development: usaddressStreetCases("development", "labelled-parts"), "held-out": usaddressStreetCases("held-out", "labelled-parts") };
console.log(`sightline, street compared in the labels' parts\n${Object.entries(before).map(([half, cases]) => `  ${formatScore(half, scoreParser(cases, ourReading))}`).join("\n")}`);
