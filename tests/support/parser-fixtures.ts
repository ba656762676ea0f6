/**
 * The labelled address fixtures (see fixtures/geocoding/README.md for sources
 * and licenses) as parser test cases, and our parser's reading of a text.
 */
import fs from "node:fs";
import path from "node:path";
import { formatHouseNumber, parseAddress } from "@/lib/geocode/parse";
import { readingFromLabels, readingFromStreet, type AddressReading, type LabelledToken } from "@/lib/geocode/parser-accuracy";
import { normalizeStreetParts } from "@/lib/geocode/street-name";

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures", "geocoding");

interface UsaddressFixture {
  addresses: { kind: "street" | "po_box" | "intersection" | "other"; text: string; tokens: LabelledToken[] }[];
}

export function usaddressFixture(): UsaddressFixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "usaddress-labelled.json"), "utf8")) as UsaddressFixture;
}

export function usaddressStreetCases(): { text: string; expected: AddressReading }[] {
  return usaddressFixture()
    .addresses.filter((a) => a.kind === "street")
    .map((a) => ({ text: a.text, expected: readingFromLabels(a.tokens) }));
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
