/** The US place names the parser consults (GeoNames postal places, CC BY 4.0; lib/geocode/us-places-data.ts). */
import { describe, expect, it } from "vitest";
import { isUsPlace, zipStates } from "@/lib/geocode/us-places";

describe("US place names", () => {
  it("knows places by state, with the city normalizer's spellings", () => {
    expect(isUsPlace(["W", "PALM", "BEACH"], "FL")).toBe(true);
    expect(isUsPlace("St. Louis", "MO")).toBe(true);
    expect(isUsPlace("Winston-Salem", "NC")).toBe(true);
    expect(isUsPlace("Louis", "MO")).toBe(false);
    expect(isUsPlace("North Saint Petersburg", "FL")).toBe(false);
    expect(isUsPlace("West Palm Beach", "IL")).toBe(false);
  });

  it("takes the state from the ZIP's first three digits when no state is given, else any state", () => {
    expect(zipStates("60154")).toEqual(["IL"]);
    expect(zipStates("00000")).toEqual([]);
    expect(isUsPlace("Westchester", null, "60154")).toBe(true);
    expect(isUsPlace("West Palm Beach", null, "60154")).toBe(false);
    expect(isUsPlace("West Palm Beach", null)).toBe(true);
  });
});
