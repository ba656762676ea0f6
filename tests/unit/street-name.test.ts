/**
 * The street-name normalizer (lib/geocode/street-name.ts) shared by the
 * import and every query: a name given in separate parts and the same name
 * written out in full must normalize to the same street, or a stored street
 * and a queried one differ.
 */
import { describe, expect, it } from "vitest";
import { normalizeDirectional, normalizeStreetParts, normalizeStreetType, parseStreetName } from "@/lib/geocode/street-name";

describe("street-name normalizer", () => {
  it.each([
    // A type field is read like the end of a full name: only a USPS suffix is a type, the words before it are name words.
    [{ name: "Hargrove", type: "Grade" }, "Hargrove Grade", { name: "HARGROVE GRADE", type: null }],
    [{ name: "Cottage Grove", type: "Woods" }, "Cottage Grove Woods", { name: "COTTAGE GROVE WOODS", type: null }],
    [{ name: "21st", type: "St Ln", postDir: "NW" }, "21st St Ln NW", { name: "21ST ST", type: "LN", postDir: "NW" }],
    [{ name: "Meadow", type: "Gate Way" }, "Meadow Gate Way", { name: "MEADOW GATE", type: "WAY" }],
    [{ name: "Brookwood", type: "Pakway" }, "Brookwood Pakway", { name: "BROOKWOOD", type: "PKWY" }],
    [{ name: "Main", type: "Street" }, "Main Street", { name: "MAIN", type: "ST" }],
    [{ preType: "State Road", name: "7", preDir: "N" }, "N State Road 7", { preDir: "N", name: "STATE HWY 7", type: null }],
    // Routes whose designator is no type: Farm to Market, Park Road, a business route, a state's code; a lettered
    // county road after a pre-directional.
    [{ preType: "FM", name: "544" }, "FM 544", { name: "FM 544", type: null }],
    [{ preType: "PR", name: "462" }, "PR 462", { name: "PR 462", type: null }],
    [{ preType: "Business", name: "15" }, "Business 15", { name: "BUSINESS 15", type: null }],
    [{ preType: "MD", name: "760" }, "MD 760", { name: "MD 760", type: null }],
    [{ preDir: "E", preType: "County Road", name: "DV" }, "E County Road DV", { preDir: "E", name: "CO RD DV", type: null }],
  ])("stores the parts %j as a query for %j reads them", (parts, fullName, expected) => {
    const fromParts = normalizeStreetParts(parts);
    expect(fromParts).toMatchObject(expected);
    expect(parseStreetName(fullName)).toEqual(fromParts);
  });

  it("reads a lettered avenue after a pre-directional, a diagonal written as two words, and a route joined to its number by a hyphen", () => {
    // "N Avenue N" (Crowley, LA): the last N is the avenue's letter, as in "Avenue N".
    expect(parseStreetName("N Avenue N")).toEqual({ preDir: "N", name: "AVE N", type: null, postDir: null });
    expect(normalizeStreetParts({ preDir: "N", preType: "Avenue", name: "N" })).toEqual(parseStreetName("N Avenue N"));
    expect(parseStreetName("Lucerne Dr S E")).toEqual({ preDir: null, name: "LUCERNE", type: "DR", postDir: "SE" });
    expect(parseStreetName("8th St North East")).toEqual({ preDir: null, name: "8TH", type: "ST", postDir: "NE" });
    expect(parseStreetName("S.W. Broadway")).toEqual({ preDir: "SW", name: "BROADWAY", type: null, postDir: null });
    // Spelled out before a name, two directionals stay apart ("South West End Ave" is S + WEST END).
    expect(parseStreetName("South West End Ave")).toEqual({ preDir: "S", name: "WEST END", type: "AVE", postDir: null });
    expect(parseStreetName("US-1")).toEqual(parseStreetName("US 1"));
    expect(parseStreetName("SR-50")).toMatchObject({ name: "STATE HWY 50" });
  });

  it("reads a grid road's name whole: a directional after a bare number before the type is part of the name", () => {
    expect(parseStreetName("N 2900 E Rd")).toEqual({ preDir: "N", name: "2900 E", type: "RD", postDir: null });
    expect(parseStreetName("1500 N Road")).toEqual({ preDir: null, name: "1500 N", type: "RD", postDir: null });
    // After a name word the directional before the type is still the post-directional.
    expect(parseStreetName("Ballast Pt W Blvd")).toEqual({ preDir: null, name: "BALLAST PT", type: "BLVD", postDir: "W" });
    expect(parseStreetName("Washington NE Pl")).toMatchObject({ name: "WASHINGTON", type: "PL", postDir: "NE" });
  });

  it("reads a final \"No\" after the type as North, and \"No\" in a directional field", () => {
    expect(parseStreetName("21st Ave No")).toEqual({ preDir: null, name: "21ST", type: "AVE", postDir: "N" });
    expect(normalizeDirectional("No.")).toBe("N");
    expect(normalizeStreetParts({ name: "21st", type: "Ave", postDir: "No." })).toEqual(parseStreetName("21st Ave No."));
    // Elsewhere it is still the number sign of a route, and no name word.
    expect(parseStreetName("US Highway No. 130")).toMatchObject({ name: "US HWY 130", postDir: null });
    expect(normalizeDirectional("Nol")).toBeNull();
  });

  it("knows the abbreviations Bvd (Boulevard), Py (Parkway) and Hgwy (Highway) besides USPS's own", () => {
    expect(normalizeStreetType("Bvd.")).toBe("BLVD");
    expect(parseStreetName("Imperial Hgwy")).toMatchObject({ name: "IMPERIAL", type: "HWY" });
    // A directional is no state route: "NE 45 St" is NE + 45TH ST.
    expect(parseStreetName("NE 45 St")).toMatchObject({ preDir: "NE", name: "45TH", type: "ST" });
    expect(parseStreetName("Paradise Harbour Bvd")).toMatchObject({ name: "PARADISE HARBOUR", type: "BLVD" });
    expect(parseStreetName("Manhattan College Py")).toMatchObject({ name: "MANHATTAN COLLEGE", type: "PKWY" });
  });
});
