/**
 * npm run geocode:compare-parsers — how parse-address and addresser (raw) and
 * our parser read real labelled addresses (datamade/usaddress training data,
 * street addresses only), component by component, and how many of
 * parse-address's own test table each passes. Kept so the choice can be
 * re-checked on new data. Fixtures: tests/support/fixtures/geocoding/.
 */
import * as addresser from "addresser";
import parser from "parse-address";
import { formatScore, scoreParser, type AddressReading } from "../lib/geocode/parser-accuracy";
import { normalizeStreetParts } from "../lib/geocode/street-name";
import { ourReading, parseAddressTableCases, readingFromParseAddressExpectation, usaddressStreetCases } from "../tests/support/parser-fixtures";

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
  sightline: ourReading,
};

const usaddress = usaddressStreetCases();
const table = parseAddressTableCases();
for (const [name, read] of Object.entries(readers)) {
  const started = performance.now();
  const score = scoreParser(usaddress, read);
  const tableScore = scoreParser(table, read);
  console.log(`${formatScore(name, score)}\n  parse-address test table: ${tableScore.exact}/${tableScore.total}; ${Math.round(performance.now() - started)} ms`);
}
