/**
 * The learned address tagger (lib/geocode/address-tagger.ts) and the
 * candidate parser built on it (lib/geocode/parse-tagged.ts, measured, not in
 * use): its training data leaves the held-out half out, the fast scoring path
 * gives the same scores as the features it was trained on, and the
 * candidate's held-out figures do not fall below what it measured.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { streetAddressFromTags, tagLine, taggerEmissions, taggerFeatures, taggerTokens } from "@/lib/geocode/address-tagger";
import { formatHouseNumber, parseAddress } from "@/lib/geocode/parse";
import { addressTaggerModel, parseAddressTagged } from "@/lib/geocode/parse-tagged";
import { formatScore, readingFromStreet, scoreParser } from "@/lib/geocode/parser-accuracy";
import { fixtureHalf, parseAddressTableCases, usaddressFixture, usaddressStreetCases } from "../support/parser-fixtures";

const TRAINING = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "support", "fixtures", "geocoding", "address-tagger-training.json");
const keyOf = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim();

function taggedReading(text: string) {
  const p = parseAddressTagged(text);
  if (p.kind !== "address") return null;
  return readingFromStreet({ number: formatHouseNumber(p).replace(/ /g, ""), street: p.street, unit: p.unit, city: p.city, state: p.state, zip: p.zip });
}

describe("address tagger", () => {
  it("is trained on no line of the held-out half, nor on any copy of one", () => {
    const training = JSON.parse(fs.readFileSync(TRAINING, "utf8")) as { license: string; lines: { source: string; tokens: [string, string][] }[] };
    expect(training.license).toMatch(/MIT License/);
    const heldOut = new Set(usaddressFixture().addresses.filter((a) => fixtureHalf(a.text) === "held-out").map((a) => keyOf(a.text)));
    expect(heldOut.size).toBeGreaterThan(700);
    const trainingKeys = training.lines.map((l) => keyOf(l.tokens.map(([, v]) => v).join(" ")));
    expect(trainingKeys.filter((k) => heldOut.has(k))).toEqual([]);
    // The development half is in it, and material from outside labeled.xml too.
    expect(training.lines.filter((l) => l.source.startsWith("labeled.xml")).length).toBeGreaterThan(600);
    expect(training.lines.filter((l) => !l.source.startsWith("labeled.xml")).length).toBeGreaterThan(1000);
  });

  it("scores words with its cached per-word sums exactly as the features it was trained on", () => {
    const model = addressTaggerModel();
    const k = model.tags.length;
    let largest = 0;
    for (const { text } of usaddressStreetCases().slice(0, 300)) {
      const tokens = taggerTokens(text);
      const rules = parseAddress(text);
      const hint = rules.kind === "address" ? rules : null;
      const fast = taggerEmissions(model, tokens, hint);
      taggerFeatures(tokens, hint).forEach((features, i) => {
        for (let t = 0; t < k; t++) {
          const slow = features.reduce((sum, f) => sum + (model.weights.get(f)?.[t] ?? 0), 0);
          largest = Math.max(largest, Math.abs(slow - fast[i * k + t]));
        }
      });
    }
    expect(largest).toBeLessThan(1e-9);
  });

  it("labels an address line word by word", () => {
    const text = "300 S. Wacker Dr., Suite 1600, Chicago, IL 60606";
    const line = tagLine(addressTaggerModel(), text, null);
    expect(line.tokens.map((t) => t.word)).toEqual(["300", "S", "WACKER", "DR", "SUITE", "1600", "CHICAGO", "IL", "60606"]);
    expect(line.tags).toEqual(["AddressNumber", "StreetNamePreDirectional", "StreetName", "StreetNamePostType", "OccupancyType", "OccupancyIdentifier", "PlaceName", "StateName", "ZipCode"]);
    expect(streetAddressFromTags(line)).toMatchObject({ number: 300, street: { preDir: "S", name: "WACKER", type: "DR" }, unit: "STE 1600", city: "CHICAGO", state: "IL", zip: "60606" });
  });

  it("as a candidate parser: held-out figures no lower than measured, boxes, crossings and parse-address's table kept", () => {
    const heldOut = scoreParser(usaddressStreetCases("held-out"), taggedReading);
    console.log(formatScore("sightline + address tagger (candidate), held-out half", heldOut));
    expect(heldOut.exact / heldOut.total).toBeGreaterThanOrEqual(0.795);
    expect(heldOut.components.name / heldOut.total).toBeGreaterThanOrEqual(0.853);
    expect(heldOut.components.city / heldOut.total).toBeGreaterThanOrEqual(0.927);
    expect(scoreParser(parseAddressTableCases(), taggedReading).exact).toBeGreaterThanOrEqual(59);
    expect(parseAddressTagged("RR 2 Box 10, Prattville, AL 36067").kind).toBe("po_box");
    expect(parseAddressTagged("12th & Millard").kind).toBe("intersection");
  });
});
