import { describe, expect, it } from "vitest";
import { MAX_ADDRESS_LENGTH, parseAddress, parseAddressInput } from "@/lib/geocode/parse";
import { formatAddressLine } from "@/lib/geocode/normalize";
import { normalizeStreetParts, parseStreetName } from "@/lib/geocode/street-name";
import { normalizeCity, normalizeUnit } from "@/lib/geocode/usps";

describe("parseAddress", () => {
  it.each([
    ["10300 W Roosevelt Rd, Westchester, IL 60154", { number: 10300, street: { preDir: "W", name: "ROOSEVELT", type: "RD", postDir: null }, city: "WESTCHESTER", state: "IL", zip: "60154" }],
    ["10300 west roosevelt road westchester il", { number: 10300, street: { preDir: "W", name: "ROOSEVELT", type: "RD", postDir: null }, city: "WESTCHESTER", state: "IL", zip: null }],
    ["10300 Roosevelt", { number: 10300, street: { preDir: null, name: "ROOSEVELT", type: null, postDir: null }, city: null, zip: null }],
    ["2215 S Hull Ave Apt 2B, Westchester IL 60154, USA", { number: 2215, unit: "APT 2B", street: { preDir: "S", name: "HULL", type: "AVE", postDir: null }, zip: "60154" }],
    ["10450 W. Cermak Rd. #4", { number: 10450, unit: "# 4", street: { preDir: "W", name: "CERMAK", type: "RD", postDir: null } }],
    ["10501 W 31st St Westchester IL", { number: 10501, street: { preDir: "W", name: "31ST", type: "ST", postDir: null } }],
    ["10300 W ROOSEVELT RD, United States", { number: 10300, city: null, street: { preDir: "W", name: "ROOSEVELT", type: "RD", postDir: null } }],
    ["10300A W Roosevelt Rd", { number: 10300, numberSuffix: "A", street: { preDir: "W", name: "ROOSEVELT", type: "RD", postDir: null } }],
    ["  10300   W   Roosevelt   Boulevard  ", { number: 10300, street: { preDir: "W", name: "ROOSEVELT", type: "BLVD", postDir: null } }],
  ])("reads %j", (text, expected) => {
    expect(parseAddress(text)).toMatchObject({ kind: "address", ...expected });
  });

  it.each([
    ["Cermak & Hull", null],
    ["corner of Cermak and Hull", null],
    ["Corner of Cermak & Hull, Westchester, IL", "WESTCHESTER"],
    ["W Cermak Rd & S Hull Ave, Westchester IL", "WESTCHESTER"],
    ["Cermak @ Hull", null],
  ])("reads the intersection %j", (text, city) => {
    const parsed = parseAddress(text);
    expect(parsed.kind).toBe("intersection");
    if (parsed.kind !== "intersection") return;
    expect(parsed.streets.map((s) => s.name)).toEqual(["CERMAK", "HULL"]);
    expect(parsed.city).toBe(city);
  });

  it("reads PO boxes as PO boxes, not streets", () => {
    expect(parseAddress("PO Box 123, Westchester, IL 60154")).toEqual({ kind: "po_box", box: "123", label: "PO BOX 123", city: "WESTCHESTER", state: "IL", zip: "60154" });
    expect(parseAddress("P.O. Box 9")).toMatchObject({ kind: "po_box", box: "9" });
    expect(parseAddress("post office box 77 Westchester IL")).toMatchObject({ kind: "po_box", box: "77" });
  });

  it("refuses hostile and odd input without throwing", () => {
    expect(parseAddress("")).toMatchObject({ kind: "unparsed", reason: "empty address" });
    expect(parseAddress("   ")).toMatchObject({ kind: "unparsed" });
    expect(parseAddress("1234")).toMatchObject({ kind: "unparsed", reason: "no street name" });
    expect(parseAddress("0 Main St")).toMatchObject({ kind: "unparsed" });
    expect(parseAddress("!!!???")).toMatchObject({ kind: "unparsed" });
    expect(parseAddress(undefined as unknown as string)).toMatchObject({ kind: "unparsed" });
    const started = Date.now();
    expect(parseAddress("1".repeat(10_000) + " Main St")).toMatchObject({ kind: "unparsed", reason: `longer than ${MAX_ADDRESS_LENGTH} characters` });
    expect(parseAddress("a".repeat(10_240))).toMatchObject({ kind: "unparsed" });
    expect(Date.now() - started).toBeLessThan(100);
  });

  it("folds unicode to ASCII", () => {
    expect(parseAddress("10300 W Roosévelt Rd")).toMatchObject({ kind: "address", street: { name: "ROOSEVELT" } });
    expect(parseAddress("１０３００ W Roosevelt Rd")).toMatchObject({ kind: "address", number: 10300 });
    expect(parseAddress("🏠🏠🏠")).toMatchObject({ kind: "unparsed" });
    expect(parseAddress("10300 W Roosevelt Rd \u0000\u202e")).toMatchObject({ kind: "address", number: 10300 });
  });

  it("lets the structured fields win over the line", () => {
    const parsed = parseAddressInput({ line1: "10300 W Roosevelt Rd", unit: "Suite 200", city: "westchester", state: "Illinois", zip: "60154-1234" });
    expect(parsed).toMatchObject({ kind: "address", unit: "STE 200", city: "WESTCHESTER", state: "IL", zip: "60154" });
  });
});

describe("formatAddressLine (what a remote geocoder is asked)", () => {
  it("gives one line for the many ways people type one address", () => {
    const key = "10300 W ROOSEVELT RD APT 4, WESTCHESTER, IL 60154";
    expect(formatAddressLine({ line1: "10300 west Roosevelt Road", unit: "Apartment 4", city: "westchester", state: "Illinois", zip: "60154-1234" })).toBe(key);
    expect(formatAddressLine({ line1: "10300 W. Roosevelt Rd.", unit: "apt 4", city: "Westchester", state: "IL", zip: "60154" })).toBe(key);
    expect(formatAddressLine("10300 W Roosevelt Rd Apt 4, Westchester, IL 60154, USA")).toBe(key);
  });

  it("keeps units apart and sends unreadable input as cleaned text", () => {
    expect(formatAddressLine({ line1: "10300 W Roosevelt Rd", unit: "1" })).not.toBe(formatAddressLine({ line1: "10300 W Roosevelt Rd", unit: "2" }));
    expect(formatAddressLine({ line1: "somewhere", city: "Westchester", state: "il" })).toBe("SOMEWHERE, WESTCHESTER, IL");
    expect(formatAddressLine("Cermak & Hull")).toBe("CERMAK & HULL");
  });
});

// Rules from the street-name misses of the development half of the usaddress set (README "Parser", 2026-11-29
// evening); most cases are written here, not copied from the set, so that they test the rule and not one line.
describe("parseAddress: street-name rules of 2026-11-29 (evening)", () => {
  it.each([
    // Units before the house number, several in a row; "Bld", "Blg" are Building; "Flat" with a number is a unit.
    ["Suite 200 Bld 17 7000 Peachtree Dunwoody Rd", { number: 7000, street: { name: "PEACHTREE DUNWOODY", type: "RD" }, unit: "STE 200" }],
    ["Flat 2 15A Dr Martin Luther King Jr Blvd, Austin, TX 78701", { number: 15, numberSuffix: "A", street: { name: "DR MARTIN LUTHER KING JR", type: "BLVD" }, unit: "FLAT 2" }],
    ["400 Arrow Hwy Blg C Upland CA 91786", { street: { name: "ARROW", type: "HWY" }, unit: "BLDG C", city: "UPLAND" }],
    ["9800 SW 184th St Bld-A Fl 3", { street: { preDir: "SW", name: "184TH", type: "ST" }, unit: "FL 3" }],
    ["12 Pine Flat Rd", { street: { name: "PINE FLAT", type: "RD" }, unit: null }],
    // Grid roads ("2900 E Rd" is the road 2900 East), "No" after the type is North.
    ["2928 N. 2900 E. Road", { street: { preDir: "N", name: "2900 E", type: "RD", postDir: null } }],
    ["500 21st Ave No Ste 130 Plymouth MN 55447", { street: { name: "21ST", type: "AVE", postDir: "N" }, unit: "STE 130", city: "PLYMOUTH" }],
    // A directional after the type before one id, with no city: the id is a unit.
    ["40 Central Park South 12B", { street: { name: "CENTRAL", type: "PARK", postDir: "S" }, unit: "# 12B", city: null }],
    ["4315 Webster Avenue LH", { street: { name: "WEBSTER", type: "AVE" }, unit: "# LH", city: null }],
    // A state code that is also a street type, with a ZIP of another state, is the type.
    ["400 North Mcclurg CT, 60611", { street: { preDir: "N", name: "MCCLURG", type: "CT" }, state: null, zip: "60611" }],
    ["40 Elm Ct, Hartford, CT 06103", { street: { name: "ELM", type: "CT" }, city: "HARTFORD", state: "CT" }],
    // The number sign between a route and its number.
    ["1413 State Highway #50, Mays Landing, NJ 08330", { street: { name: "STATE HWY 50" }, unit: null, city: "MAYS LANDING" }],
    ["10 Cleveland Road # 26, Tampa FL", { street: { name: "CLEVELAND", type: "RD" }, unit: "# 26" }],
    // A whole type word, a directional and a type word: the street goes on to the last type.
    ["6250 South Park Shore East Court, 60637", { street: { preDir: "S", name: "PARK SHORE EAST", type: "CT" }, city: null }],
    // An unknown word between a street without a type and the place is the street's ("Woods" is no USPS type).
    ["975 River Bay Mount Vernon IA 52314", { street: { name: "RIVER BAY", type: null }, city: "MOUNT VERNON" }],
    ["12 Cottage Grove Woods Cedar Rapids IA 52403", { street: { name: "COTTAGE GROVE WOODS", type: null }, city: "CEDAR RAPIDS" }],
    // A place whose last word is abbreviated ("Vy", "Spgs").
    ["3555 Hillview Turn Huntingdon Vy PA 19006", { street: { name: "HILLVIEW TURN" }, city: "HUNTINGDON VY", state: "PA" }],
    ["10 Pikes Peak Ave Colorado Spgs CO", { street: { name: "PIKES PEAK", type: "AVE" }, city: "COLORADO SPGS", state: "CO" }],
  ])("reads %j", (text, expected) => {
    expect(parseAddress(text)).toMatchObject({ kind: "address", ...expected });
  });
});

describe("apostrophes inside names (O'Hare, O'Connor, Mary's)", () => {
  // The import stores a name from its full-name column (parseStreetName) or its parts (normalizeStreetParts); the
  // query's street must come out the same, or an address on such a street is never found. Before: "100 O'Connor St"
  // read as number 100, suffix O, street CONNOR ST; "Mary's Ln" as MARY LN with post-direction S; stored: OCONNOR, MARYS.
  it.each([
    ["100 O'Connor St, Westchester, IL 60154", "O'Connor St", { name: "O'Connor", type: "St" }, { preDir: null, name: "OCONNOR", type: "ST", postDir: null }],
    ["100 O\u2019Connor Street", "O\u2019Connor St", { name: "O\u2019Connor", type: "Street" }, { preDir: null, name: "OCONNOR", type: "ST", postDir: null }],
    ["10000 W O'Hare Ave, Chicago IL", "W O'Hare Ave", { preDir: "W", name: "O'Hare", type: "Ave" }, { preDir: "W", name: "OHARE", type: "AVE", postDir: null }],
    ["12 Mary's Ln", "Mary's Ln", { name: "Mary's", type: "Ln" }, { preDir: null, name: "MARYS", type: "LN", postDir: null }],
    ["5 D'Amico Dr Apt 2", "D'Amico Dr", { name: "D'Amico", type: "Dr" }, { preDir: null, name: "DAMICO", type: "DR", postDir: null }],
  ])("%j: the queried street is the stored one", (query, fullName, parts, street) => {
    const parsed = parseAddress(query);
    expect(parsed).toMatchObject({ kind: "address", numberSuffix: null, street });
    expect(parseStreetName(fullName)).toEqual(street);
    expect(normalizeStreetParts(parts)).toEqual(street);
  });

  it("keeps a city's apostrophe a word break, as the place list and the import's city normalizer have it", () => {
    expect(parseAddress("100 Main St, O'Fallon, IL 62269")).toMatchObject({ street: { name: "MAIN", type: "ST" }, city: "O FALLON", unit: null });
    expect(parseAddress("100 Main St O'Fallon IL")).toMatchObject({ street: { name: "MAIN", type: "ST" }, city: "O FALLON", unit: null });
    expect(normalizeCity("O'Fallon")).toBe("O FALLON");
  });

  it("reads a city's hyphen as a word break, as the import's city normalizer does, so a typed and a stored city agree", () => {
    expect(normalizeCity("Winston-Salem")).toBe("WINSTON SALEM");
    expect(parseAddress("100 Main St, Winston-Salem, NC 27101")).toMatchObject({ city: "WINSTON SALEM" });
    expect(parseAddress("100 Main St Winston-Salem NC")).toMatchObject({ city: "WINSTON SALEM", state: "NC" });
  });

  it("drops a spelled-out number sign after a unit designator, as it drops '#'", () => {
    expect(normalizeUnit("Apt No. 456")).toBe("APT 456");
    expect(normalizeUnit("Ste # 2")).toBe("STE 2");
    expect(normalizeUnit("No. 5")).toBe("# 5");
    expect(normalizeUnit("Apt No")).toBe("APT NO");
  });

  it("still drops quotes around words and an apostrophe at a word's end", () => {
    expect(parseAddress("'100 Main St'")).toMatchObject({ number: 100, street: { name: "MAIN", type: "ST" }, unit: null });
    expect(parseAddress("100 Farmers' Market Rd")).toMatchObject({ street: { name: "FARMERS MARKET", type: "RD" } });
    expect(parseAddress("O'Hare Ave & Main St, Chicago IL")).toMatchObject({ kind: "intersection", streets: [{ name: "OHARE" }, { name: "MAIN" }] });
  });
});
