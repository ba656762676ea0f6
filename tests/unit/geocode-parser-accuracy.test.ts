/**
 * The parser on real labelled addresses nobody here wrote (sources and
 * licenses: tests/support/fixtures/geocoding/README.md). Prints the
 * per-component accuracy of ours, on the development half (the misses the
 * rules were tuned on), the held-out half (never looked at while tuning) and
 * the whole set, and of the raw parse-address package; the floors are what
 * ours measured when the rules last changed (README figures), so a change
 * that makes the parser worse fails here.
 */
import parser from "parse-address";
import { describe, expect, it } from "vitest";
import { parseAddress } from "@/lib/geocode/parse";
import { formatScore, readingFromLabels, scoreParser, type ParserScore } from "@/lib/geocode/parser-accuracy";
import { addresserUsCases, fixtureHalf, moreUsCases, nearHeldOutLine, ourReading, parseAddressTableCases, readingFromParseAddressExpectation, peliasUsCases, secondDevelopmentCases, usaddressFixture, usaddressStreetCases } from "../support/parser-fixtures";

// The second development set's hand-labelled files: what ours measured when the rules last changed (README figures).
const HAND_FLOOR = 0.995;
const HAND_NAME_FLOOR = 0.995;

describe("parser accuracy on real labelled addresses", () => {
  it("splits the labelled set into a development and a held-out half, the same way every time", () => {
    const development = usaddressStreetCases("development");
    const heldOut = usaddressStreetCases("held-out");
    expect(development.length + heldOut.length).toBe(usaddressStreetCases().length);
    // Roughly half each: the hash spreads the lines, whatever their order in the file.
    expect(Math.abs(development.length - heldOut.length)).toBeLessThan(0.1 * (development.length + heldOut.length));
    expect(fixtureHalf("1600 Pennsylvania Ave NW, Washington, DC 20500")).toBe(fixtureHalf("1600 Pennsylvania Ave NW, Washington, DC 20500"));
  });

  it("reads the usaddress street addresses component by component (development, held-out, whole), better than raw parse-address", () => {
    const cases = usaddressStreetCases();
    expect(cases.length).toBeGreaterThan(1000);
    // Rules were tuned on the development half only; the held-out half is the honest figure for new addresses.
    const development = scoreParser(usaddressStreetCases("development"), ourReading);
    const heldOut = scoreParser(usaddressStreetCases("held-out"), ourReading);
    const ours = scoreParser(cases, ourReading);
    const raw = scoreParser(cases, (text) => {
      const p = parser.parseLocation(text);
      return p?.number ? readingFromParseAddressExpectation(p as Record<string, string>) : null;
    });
    // The comparison before 2026-11-30 (the labels' own split of the street's words; README "Parser"), printed beside.
    const before = {
      development: scoreParser(usaddressStreetCases("development", "labelled-parts"), ourReading),
      heldOut: scoreParser(usaddressStreetCases("held-out", "labelled-parts"), ourReading),
      whole: scoreParser(usaddressStreetCases(undefined, "labelled-parts"), ourReading),
    };
    console.log(formatScore("sightline, development half", development));
    console.log(formatScore("sightline, held-out half", heldOut));
    console.log(formatScore("sightline, whole set", ours));
    console.log(formatScore("parse-address (raw), whole set", raw));
    console.log(formatScore("sightline, development half (street compared in the labels' parts)", before.development));
    console.log(formatScore("sightline, held-out half (street compared in the labels' parts)", before.heldOut));
    console.log(formatScore("sightline, whole set (street compared in the labels' parts)", before.whole));
    // Floors: what ours measured when the rules last changed (README figures), so a change that makes it worse fails.
    const share = (score: ParserScore, n: number) => n / score.total;
    expect(share(development, development.exact)).toBeGreaterThanOrEqual(0.956);
    expect(share(development, development.components.name)).toBeGreaterThanOrEqual(0.983);
    expect(share(before.development, before.development.exact)).toBeGreaterThanOrEqual(0.946);
    expect(share(before.development, before.development.components.name)).toBeGreaterThanOrEqual(0.973);
    expect(share(before.heldOut, before.heldOut.exact)).toBeGreaterThanOrEqual(0.838);
    expect(share(before.heldOut, before.heldOut.components.name)).toBeGreaterThanOrEqual(0.887);
    expect(share(heldOut, heldOut.exact)).toBeGreaterThanOrEqual(0.887);
    expect(share(ours, ours.exact)).toBeGreaterThanOrEqual(0.92);
    expect(share(ours, ours.components.number)).toBeGreaterThanOrEqual(0.985);
    expect(share(ours, ours.components.zip)).toBeGreaterThanOrEqual(0.99);
    expect(share(ours, ours.components.name)).toBeGreaterThanOrEqual(0.959);
    expect(share(heldOut, heldOut.components.name)).toBeGreaterThanOrEqual(0.935);
    expect(ours.exact).toBeGreaterThan(raw.exact);
    for (const c of ["number", "name", "type", "unit", "city", "state", "zip"] as const) {
      expect(ours.components[c], c).toBeGreaterThanOrEqual(raw.components[c]);
    }
  });

  it("reads the second development set (usaddress's other labelled files, no held-out line) component by component", () => {
    const cases = secondDevelopmentCases();
    expect(cases.length).toBeGreaterThan(1500);
    const heldOutKeys = new Set(usaddressStreetCases("held-out").map((c) => c.text.toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim()));
    expect(cases.filter((c) => heldOutKeys.has(c.text.toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim()))).toEqual([]);
    const handLabelled = cases.filter((c) => !c.source.includes("synthetic"));
    const all = scoreParser(cases, ourReading);
    const hand = scoreParser(handLabelled, ourReading);
    const handBefore = scoreParser(secondDevelopmentCases("labelled-parts").filter((c) => !c.source.includes("synthetic")), ourReading);
    console.log(formatScore("sightline, second development set, hand-labelled files (street compared in the labels' parts)", handBefore));
    expect(handBefore.exact / handBefore.total).toBeGreaterThanOrEqual(0.967);
    for (const source of [...new Set(cases.map((c) => c.source))]) console.log(formatScore(`sightline, second development set, ${source}`, scoreParser(cases.filter((c) => c.source === source), ourReading)));
    console.log(formatScore("sightline, second development set, hand-labelled files", hand));
    console.log(formatScore("sightline, second development set, all", all));
    // Floors: what ours measured when the rules last changed (README figures).
    expect(hand.exact / hand.total).toBeGreaterThanOrEqual(HAND_FLOOR);
    expect(hand.components.name / hand.total).toBeGreaterThanOrEqual(HAND_NAME_FLOOR);
    expect(all.exact / all.total).toBeGreaterThanOrEqual(0.985);
    expect(all.components.name / all.total).toBeGreaterThanOrEqual(0.985);
  });

  it("reads the US street addresses of pelias-parser's own tests (a third development set)", () => {
    const score = scoreParser(peliasUsCases(), ourReading);
    console.log(formatScore("sightline, pelias-parser's US cases", score));
    expect(score.total).toBe(22);
    // Floor: what ours measured when the rules last changed (README figures).
    expect(score.exact).toBeGreaterThanOrEqual(19);
  });

  it("reads the US street addresses of addresser's own tests (a fourth development set, no held-out line nor a near-copy)", () => {
    const cases = addresserUsCases();
    expect(cases.length).toBe(56);
    expect(cases.filter((c) => nearHeldOutLine(c.text))).toEqual([]);
    const score = scoreParser(cases, ourReading);
    console.log(formatScore("sightline, addresser's US cases", score));
    // Floor: what ours measured when the rules last changed (README figures).
    expect(score.exact).toBeGreaterThanOrEqual(56);
  });

  it("reads the fifth development set (libpostal's, street_address's and pelias's other US cases, Congress offices; no held-out line nor a near-copy)", () => {
    const cases = moreUsCases();
    expect(cases.length).toBe(1203);
    expect(cases.filter((c) => nearHeldOutLine(c.text))).toEqual([]);
    for (const source of [...new Set(cases.map((c) => c.source))]) console.log(formatScore(`sightline, fifth development set, ${source}`, scoreParser(cases.filter((c) => c.source === source), ourReading)));
    const score = scoreParser(cases, ourReading);
    console.log(formatScore("sightline, fifth development set, all", score));
    // Floors: what ours measured when the rules last changed (README figures; 1 177 before the rules written from it).
    expect(score.exact).toBeGreaterThanOrEqual(1188);
    expect(score.components.number).toBeGreaterThanOrEqual(1202);
    expect(score.components.name).toBeGreaterThanOrEqual(1202);
    expect(score.components.unit).toBeGreaterThanOrEqual(1195);
    expect(score.components.city).toBeGreaterThanOrEqual(1198);
    expect(score.components.zip).toBe(1203);
  });

  it("compares the street as the words the labels give it, read by the one street-name normalizer (and, as before, in the labels' parts)", () => {
    // us50_train_tagged labels a spelled-out leading directional as part of the name: the same street as N DUPONT BLVD.
    const dupont: Parameters<typeof readingFromLabels>[0] = [["AddressNumber", "697"], ["StreetName", "North"], ["StreetName", "Dupont"], ["StreetNamePostType", "Boulevard,"], ["PlaceName", "Milford,"], ["StateName", "DE"], ["ZipCode", "19963"]];
    expect(readingFromLabels(dupont)).toMatchObject({ preDir: "N", name: "DUPONT", type: "BLVD" });
    expect(readingFromLabels(dupont, "labelled-parts")).toMatchObject({ preDir: null, name: "NORTH DUPONT", type: "BLVD" });
    expect(ourReading("697 North Dupont Boulevard, Milford, DE 19963")).toMatchObject({ preDir: "N", name: "DUPONT", type: "BLVD", city: "MILFORD" });
    // Which words are the street still counts: a unit read into the street is a miss either way.
    const unitAfter: Parameters<typeof readingFromLabels>[0] = [["AddressNumber", "1"], ["StreetName", "Main"], ["StreetNamePostType", "St"], ["OccupancyType", "Apt"], ["OccupancyIdentifier", "5"]];
    expect(readingFromLabels(unitAfter)).toMatchObject({ name: "MAIN", type: "ST", unit: "APT 5" });
  });

  it("compares usaddress labels through the same street normalizer as ours (route designators, directionals inside a name, non-USPS types)", () => {
    // "Old West State Route 21": a directional labelled as a pre-directional between words of the name is a name word.
    for (const comparison of ["one-field", "labelled-parts"] as const) {
      expect(
        readingFromLabels([["AddressNumber", "5442"], ["StreetNamePreModifier", "OLD"], ["StreetNamePreDirectional", "WEST"], ["StreetNamePreType", "STATE"], ["StreetNamePreType", "ROUTE"], ["StreetName", "21,"], ["PlaceName", "IMPERIAL,"], ["StateName", "MO"]], comparison),
      ).toMatchObject({ preDir: null, name: "OLD WEST STATE ROUTE 21" });
    }
    expect(ourReading("5442 Old West State Route 21, Imperial, MO")).toMatchObject({ preDir: null, name: "OLD WEST STATE ROUTE 21" });
    // A leading one stays the pre-directional; one after the whole name and its type is the post-directional.
    expect(readingFromLabels([["AddressNumber", "1"], ["StreetNamePreDirectional", "W"], ["StreetName", "Main"], ["StreetNamePostType", "St"]])).toMatchObject({ preDir: "W", name: "MAIN", type: "ST" });
    expect(readingFromLabels([["AddressNumber", "2"], ["StreetName", "7th"], ["StreetNamePostType", "Street"], ["StreetNamePreDirectional", "Southeast,"]], "labelled-parts")).toMatchObject({ preDir: null, name: "7TH", type: "ST", postDir: "SE" });
    expect(readingFromLabels([["AddressNumber", "2"], ["StreetName", "7th"], ["StreetNamePostType", "Street"], ["StreetNamePreDirectional", "Southeast,"]])).toMatchObject({ preDir: null, name: "7TH", type: "ST", postDir: "SE" });
    // A type USPS does not list is a name word on both sides (street-name.ts normalizeStreetParts).
    expect(readingFromLabels([["AddressNumber", "19"], ["StreetName", "HARGROVE"], ["StreetNamePostType", "GRADE,"], ["PlaceName", "PALM"], ["PlaceName", "COAST"], ["StateName", "FL"]])).toMatchObject({ name: "HARGROVE GRADE", type: null });
    expect(ourReading("19 Hargrove Grade, Palm Coast FL")).toMatchObject({ name: "HARGROVE GRADE", type: null, city: "PALM COAST" });
  });

  it("passes parse-address's own test table (street addresses)", () => {
    const cases = parseAddressTableCases();
    const ours = scoreParser(cases, ourReading);
    console.log(`parse-address test table: ${ours.exact}/${ours.total}; misses: ${ours.failures.map((f) => f.text).join(" | ")}`);
    expect(cases.length).toBe(61);
    expect(ours.exact).toBeGreaterThanOrEqual(59);
    // Grid and Wisconsin addresses are read, not refused.
    expect(parseAddress("550 S 400 E #3206, Salt Lake City UT 84111")).toMatchObject({ number: 550, street: { preDir: "S", name: "400", postDir: "E" }, unit: "# 3206" });
    expect(parseAddress("N95W18855 Jay Dr, Menomonee Falls, WI 53051")).toMatchObject({ number: 18855, numberPrefix: "N95W", street: { name: "JAY", type: "DR" } });
  });

  it("recognises the labelled PO boxes and intersections as what they are", () => {
    const fixture = usaddressFixture().addresses;
    const boxes = fixture.filter((a) => a.kind === "po_box");
    const readAsBox = boxes.filter((a) => parseAddress(a.text).kind === "po_box").length;
    const crossings = fixture.filter((a) => a.kind === "intersection");
    const readAsCrossing = crossings.filter((a) => parseAddress(a.text).kind === "intersection").length;
    console.log(`PO boxes read as boxes: ${readAsBox}/${boxes.length}; intersections: ${readAsCrossing}/${crossings.length}`);
    expect(readAsBox / boxes.length).toBeGreaterThanOrEqual(0.94);
    expect(readAsCrossing).toBe(crossings.length);
  });

  it.each([
    ["300 S. Wacker Dr., 1600, Chicago, IL 60606", { number: 300, street: { preDir: "S", name: "WACKER", type: "DR" }, unit: "# 1600", city: "CHICAGO", state: "IL", zip: "60606" }],
    ["10300 W Roosevelt Rd, IL 60154", { city: null, state: "IL", zip: "60154" }],
    ["10300 W Roosevelt Rd, Westchester, 60154", { city: "WESTCHESTER", zip: "60154" }],
    ["10300 W Roosevelt Rd Westchester IL 60154", { street: { name: "ROOSEVELT", type: "RD" }, city: "WESTCHESTER", state: "IL", zip: "60154" }],
    ["One S. Dearborn St., Chicago", { number: 1, street: { preDir: "S", name: "DEARBORN", type: "ST" } }],
    ["123 Third St", { street: { name: "3RD", type: "ST" } }],
    ["123 3rd St", { street: { name: "3RD", type: "ST" } }],
    ["123 County Road 332", { street: { name: "CO RD 332", type: null } }],
    ["123 US Highway 89", { street: { name: "US HWY 89", type: null } }],
    ["123 State Hwy 360", { street: { name: "STATE HWY 360", type: null } }],
    ["123 Court St", { street: { name: "COURT", type: "ST" } }],
    ["123 Green Bay Rd", { street: { name: "GREEN BAY", type: "RD" } }],
    ["123 Hills & Hollows Ln", { street: { name: "HILLS & HOLLOWS", type: "LN" } }],
    // The grammar rules of the development-half misses (README "Parser"): highway forms, names ending in a feature
    // word, a directional written before the type, two-word Wisconsin numbers, units after the street without a comma.
    ["1101 U.S. Highway No. 130 North, Burlington, NJ 08016", { street: { name: "US HWY 130", type: null, postDir: "N" }, unit: null, city: "BURLINGTON" }],
    ["820 North Highway 71 Business Lowell AR 72745", { street: { preDir: "N", name: "HWY 71 BUSINESS" }, city: "LOWELL" }],
    ["1901 County Road 183 Carbon TX 76435", { street: { name: "CO RD 183" }, city: "CARBON" }],
    ["830 NW Loop 410", { street: { preDir: "NW", name: "LOOP 410" }, unit: null }],
    ["6330 S Stony Island", { street: { preDir: "S", name: "STONY ISLAND", type: null } }],
    ["9208 South Cottage Grove", { street: { preDir: "S", name: "COTTAGE GROVE", type: null } }],
    ["7411 South Cottage Grove Ave. Ground Floor", { street: { name: "COTTAGE GROVE", type: "AVE" }, unit: "FL GROUND", city: null }],
    ["3606 Ballast Pt W Blvd", { street: { name: "BALLAST PT", type: "BLVD", postDir: "W" } }],
    ["W210 N16570 Glencoe Ln, Jackson, WI 53037", { number: 16570, numberPrefix: "W210N", street: { name: "GLENCOE", type: "LN" } }],
    ["2964 L B J Fwy", { number: 2964, numberSuffix: null, street: { name: "L B J", type: "FWY" } }],
    ["4224 A Lincolnshire", { number: 4224, numberSuffix: "A", street: { name: "LINCOLNSHIRE" } }],
    ["545 Liberty St # Apt 25 Durham 27701", { unit: "# APT 25", city: "DURHAM", zip: "27701" }],
    ["3158 Des Plaines Ave 39", { street: { name: "DES PLAINES", type: "AVE" }, unit: "# 39" }],
    ["1160 Park Ave. W 4 N", { street: { name: "PARK", type: "AVE", postDir: "W" }, unit: "# 4 N", city: null }],
    ["6008 Old Bridge Road Ln Cedar Rapids IA 52404", { street: { name: "OLD BRIDGE ROAD", type: "LN" }, city: "CEDAR RAPIDS" }],
    ["61 Polaris Dr Lake in the Hills IL", { street: { name: "POLARIS", type: "DR" }, city: "LAKE IN THE HILLS", state: "IL" }],
    ["904 Marquette Ave Sault Ste. Marie, MI 49783", { street: { name: "MARQUETTE", type: "AVE" }, unit: null, city: "SAULT STE MARIE" }],
    ["718 Dorchester Pl NE Unit Cedar Rapids IA 52402", { unit: "UNIT", city: "CEDAR RAPIDS" }],
    ["3315 S General McMullen Bldg 171 Ste 7002 San Antonio, TX 78236", { unit: "STE 7002", city: "SAN ANTONIO" }],
    ["Unit 111 501 South Mill St Goldendale Washington 98620", { number: 501, street: { preDir: "S", name: "MILL", type: "ST" }, unit: "UNIT 111", city: "GOLDENDALE", state: "WA" }],
    ["500 US 19 Clearwater FL", { street: { name: "US HWY 19" }, city: "CLEARWATER", state: "FL" }],
    ["233 East Fulton Grand Rapids, MI 49503", { street: { preDir: "E", name: "FULTON", type: null }, city: "GRAND RAPIDS" }],
    // Where the street ends and the city begins, settled by the US place names of the state (or of the ZIP's state).
    ["525 okeechobee blvd. w. palm beach fl 33401", { street: { name: "OKEECHOBEE", type: "BLVD", postDir: null }, city: "WEST PALM BEACH" }],
    ["100 Main St N Saint Petersburg FL", { street: { name: "MAIN", type: "ST", postDir: "N" }, city: "SAINT PETERSBURG" }],
    ["7700 northshore place dr north little rock ar 72118", { street: { name: "NORTHSHORE PLACE", type: "DR", postDir: null }, city: "NORTH LITTLE ROCK" }],
    ["9543 WATSON INDUSTRIAL PARK ST LOUIS MO 63126", { street: { name: "WATSON INDUSTRIAL", type: "PARK" }, city: "SAINT LOUIS", state: "MO" }],
    ["4108 MARSIELLE ST LOUIS MO 63129", { street: { name: "MARSIELLE", type: null }, city: "SAINT LOUIS" }],
    ["201 east south temple Salt Lake City Utah 84111", { street: { preDir: "E", name: "SOUTH TEMPLE", type: null }, city: "SALT LAKE CITY" }],
    ["252 SLEEPY AVENUE WEST RD WILKESBORO 28697", { street: { name: "SLEEPY AVENUE WEST", type: "RD" }, city: "WILKESBORO", zip: "28697" }],
    ["2400 riverfront drive mailbox 2825 little rock ar 72202", { street: { name: "RIVERFRONT", type: "DR" }, unit: "# MAILBOX 2825", city: "LITTLE ROCK" }],
    ["2320 West LAKE SHORE DRIVE 6 Waco Texas 76708", { street: { name: "LAKE SHORE", type: "DR" }, unit: "# 6", city: "WACO" }],
    ["60 East Walton Street, 60611", { street: { preDir: "E", name: "WALTON", type: "ST" }, city: null, zip: "60611" }],
    ["1120 15th street, af 1025 augusta ga 30912", { street: { name: "15TH", type: "ST" }, unit: "# AF 1025", city: "AUGUSTA" }],
    ["12645 fredrick street 1-5 344 moreno valley ca 92553-0000", { street: { name: "FREDRICK", type: "ST" }, unit: "# 1-5 344", city: "MORENO VALLEY" }],
    // Multi-part units, a suite written "St", a misspelled type in the type's place.
    ["180 Water Street, 14th Floor, Room 1418, New York, NY 10038", { unit: "# 14 FLOOR ROOM 1418", city: "NEW YORK" }],
    ["7777 bonhomme ave st 1400 st louis mo 63105", { street: { name: "BONHOMME", type: "AVE" }, unit: "# ST 1400", city: "SAINT LOUIS" }],
    ["2850 NE Brookwood Pakway, Hillsboro, OR 97124", { street: { preDir: "NE", name: "BROOKWOOD", type: "PKWY" }, city: "HILLSBORO" }],
    ["123 Ethan Allen", { street: { name: "ETHAN ALLEN", type: null } }],
    // Causes found on the second development set (README "Second development set").
    ["2002 FM 544 Wylie, TX 75098", { street: { name: "FM 544", type: null }, unit: null, city: "WYLIE" }],
    ["519 PR 462 Leonard, TX 75452", { street: { name: "PR 462", type: null }, unit: null, city: "LEONARD" }],
    ["83 Business 15, Mansfield, PA 16933", { street: { name: "BUSINESS 15" }, unit: null, city: "MANSFIELD" }],
    ["123A E County Road DV, Waupaca, WI 54981", { street: { preDir: "E", name: "CO RD DV", type: null } }],
    ["12631 Imperial Hgwy Santa Fe CA 90670", { street: { name: "IMPERIAL", type: "HWY" }, city: "SANTA FE" }],
    ["10502 shadow ridge ln apt 103 louisville ky", { street: { name: "SHADOW RIDGE", type: "LN" }, unit: "APT 103", city: "LOUISVILLE", state: "KY" }],
    ["400 North Mcclurg CT", { street: { preDir: "N", name: "MCCLURG", type: "CT" }, state: null }],
    ["59-17 Junction Boulevard, 17th Floor Conference Room, Flushing, New York", { unit: "# 17 FLOOR CONFERENCE ROOM", city: "FLUSHING" }],
    ["1111 MD 760, Lusby, MD", { street: { name: "MD 760", type: null }, unit: null, city: "LUSBY", state: "MD" }],
    ["1210a Highway 10 W IA", { street: { name: "HWY 10", postDir: "W" }, city: null, state: "IA" }],
    // General forms found on addresser's cases and by forms written here (README "Generalisation"), not on held-out lines.
    ["826 N Avenue N, Crowley, LA 70526", { street: { preDir: "N", name: "AVE N", type: null, postDir: null }, city: "CROWLEY" }],
    ["45 Loop 410 San Antonio TX", { street: { name: "LOOP 410" }, unit: null, city: "SAN ANTONIO" }],
    ["45 Spur 5 W San Antonio TX", { street: { name: "SPUR 5", postDir: "W" }, unit: null, city: "SAN ANTONIO" }],
    ["594 Lane 8 1/2 Powell WY 82435", { street: { name: "LANE 8 1/2" }, unit: null, city: "POWELL" }],
    ["2320 West Lake Shore Drive 6 Waco Texas 76708", { street: { name: "LAKE SHORE", type: "DR" }, unit: "# 6", city: "WACO" }],
    ["45 US-1 Jupiter FL", { street: { name: "US HWY 1" }, city: "JUPITER", state: "FL" }],
    ["45 Hwy 6 S Houston TX 77083", { street: { name: "HWY 6", postDir: "S" }, city: "HOUSTON" }],
    ["45 Hwy. 101 N. Kalispell MT", { street: { name: "HWY 101", postDir: "N" }, city: "KALISPELL", state: "MT" }],
    ["45 N. E. 8th St Miami FL", { street: { preDir: "NE", name: "8TH", type: "ST" }, city: "MIAMI" }],
    ["45 8th St. North East, Washington, DC", { street: { name: "8TH", type: "ST", postDir: "NE" }, city: "WASHINGTON" }],
    ["45 Main St S E", { street: { name: "MAIN", type: "ST", postDir: "SE" }, city: null }],
    ["45 South West End Ave", { street: { preDir: "S", name: "WEST END", type: "AVE" } }],
    ["45 Main St N Chicago Heights", { street: { name: "MAIN", type: "ST", postDir: "N" }, city: "CHICAGO HEIGHTS" }],
    ["45 Elm Ave Palm Springs", { street: { name: "ELM", type: "AVE" }, city: "PALM SPRINGS" }],
    ["45 Main St Ext", { street: { name: "MAIN ST", type: "EXT" }, city: null }],
    ["45 Main St Grand Jct CO", { street: { name: "MAIN", type: "ST", postDir: null }, city: "GRAND JCT", state: "CO" }],
    ["45 Main St So Pasadena CA", { street: { name: "MAIN", type: "ST", postDir: null }, city: "SO PASADENA", state: "CA" }],
    ["45½ Main St", { number: 45, numberSuffix: "1/2", street: { name: "MAIN", type: "ST" } }],
    // General forms found on the fifth development set's misses (README "New material").
    ["30 W 26th St Sixth Floor", { street: { preDir: "W", name: "26TH", type: "ST" }, unit: "FL 6", city: null }],
    ["123 Main St Apt No. 456 Oakland CA 94789", { unit: "APT 456", city: "OAKLAND", zip: "94789" }],
    ["3360 Grand Ave Oakland 94610-2737 CA", { street: { name: "GRAND", type: "AVE" }, city: "OAKLAND", state: "CA", zip: "94610" }],
    ["45 Elm St, Tucson, CT 85712", { city: "TUCSON", state: "CT", zip: "85712" }],
    ["50 Washington Road Woodbury CT 08550", { street: { name: "WASHINGTON", type: "RD" }, city: "WOODBURY", state: "CT", zip: "08550" }],
    ["400 North Mcclurg CT, 60611", { street: { preDir: "N", name: "MCCLURG", type: "CT" }, city: null, state: null, zip: "60611" }],
    ["1800 Thibodo Road Vista CA 92081", { street: { name: "THIBODO", type: "RD" }, city: "VISTA", state: "CA" }],
    ["125 G Avenue, B, Gwinn, MI 49841", { street: { name: "G", type: "AVE" }, unit: "# B", city: "GWINN" }],
    ["801 Broadway, Suite C 507, Nashville, TN 37203", { street: { name: "BROADWAY" }, unit: "STE C 507", city: "NASHVILLE" }],
    ["155 Pinelawn Rd., Suite 250 North, Melville, NY 11747", { unit: "STE 250 NORTH", city: "MELVILLE" }],
    ["2803 Cashwell Drive B Goldsboro NC 27534", { street: { name: "CASHWELL", type: "DR" }, unit: "# B", city: "GOLDSBORO" }],
    ["12450 Cleveland Road 203 Garner NC 27529", { street: { name: "CLEVELAND", type: "RD" }, unit: "# 203", city: "GARNER" }],
    ["2500 Ranch Road 620 Austin TX", { street: { name: "RANCH ROAD 620", type: null }, unit: null, city: "AUSTIN" }],
    ["10 Country Road 3668 Splendora TX 77372", { street: { name: "COUNTRY ROAD 3668" }, unit: null, city: "SPLENDORA" }],
  ])("reads %j", (text, expected) => {
    expect(parseAddress(text)).toMatchObject({ kind: "address", ...expected });
  });

  it.each([
    ["12th & Millard", ["12TH", "MILLARD"]],
    ["Route 30 & Route 45", ["RTE 30", "RTE 45"]],
  ])("reads the intersection %j", (text, names) => {
    const parsed = parseAddress(text);
    expect(parsed.kind).toBe("intersection");
    if (parsed.kind === "intersection") expect(parsed.streets.map((s) => s.name)).toEqual(names);
  });

  it("recognises rural boxes (never placed)", () => {
    expect(parseAddress("RR 2 Box 10, Prattville, AL 36067")).toMatchObject({ kind: "po_box", label: "RR 2 BOX 10", zip: "36067" });
    expect(parseAddress("Route 2 Box 10 Prattville AL")).toMatchObject({ kind: "po_box", label: "RR 2 BOX 10", city: "PRATTVILLE", state: "AL" });
    expect(parseAddress("RFD 3 Box 7, Paris ME")).toMatchObject({ kind: "po_box", label: "RR 3 BOX 7", city: "PARIS", state: "ME" });
    expect(parseAddress("HC 61 Box 5 Ely NV")).toMatchObject({ kind: "po_box", label: "HC 61 BOX 5", city: "ELY", state: "NV" });
  });

  it("recognises other PO box forms: drawers and callers, military boxes, a state that is also a street word", () => {
    expect(parseAddress("PO Drawer 538, Basile LA 70515")).toMatchObject({ kind: "po_box", label: "PO BOX 538", city: "BASILE", state: "LA", zip: "70515" });
    expect(parseAddress("Caller 3000 Dallas TX")).toMatchObject({ kind: "po_box", label: "PO BOX 3000", city: "DALLAS", state: "TX" });
    expect(parseAddress("PSC 802 Box 74, APO AE 09499")).toMatchObject({ kind: "po_box", label: "PSC 802 BOX 74", city: "APO", state: "AE", zip: "09499" });
    expect(parseAddress("Unit 2050 Box 4190, APO AP 96278")).toMatchObject({ kind: "po_box", label: "UNIT 2050 BOX 4190", city: "APO", state: "AP" });
    expect(parseAddress("PO Box 5, Omaha, NE")).toMatchObject({ kind: "po_box", city: "OMAHA", state: "NE" });
    expect(parseAddress("123 Box Elder Rd")).toMatchObject({ kind: "address", street: { name: "BOX ELDER", type: "RD" } });
  });
});
