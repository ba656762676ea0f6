import { describe, expect, it } from "vitest";
import { normalizeAddressKey, unitKey } from "@/lib/geocode/address-key";

const base = { line1: "10300 W Roosevelt Rd", city: "Westchester", state: "IL", zip: "60154" };
const key = (over: Partial<typeof base> & { unit?: string | null } = {}) => normalizeAddressKey({ ...base, ...over });

describe("address key", () => {
  it("is one key for the ways people write one address", () => {
    const expected = "10300 W ROOSEVELT RD, 60154";
    expect(key()).toBe(expected);
    for (const line1 of [
      "10300 West Roosevelt Road",
      " 10300  w. roosevelt  rd. ",
      "10300 W ROOSEVELT RD",
      "10300 W. Roosevelt Rd., Westchester, IL",
      "10300 west roosevelt road, westchester illinois 60154, USA",
    ]) {
      expect(key({ line1 }), line1).toBe(expected);
    }
    expect(key({ zip: "60154-0001" })).toBe(expected);
    // The city is spelled many ways; the ZIP decides.
    expect(key({ city: "Westchester Village" })).toBe(expected);
    expect(key({ city: "WESTCHESTER", state: "il" })).toBe(expected);
  });

  it("is one key for the ways people write one unit, in its field or in the line", () => {
    const expected = "10300 W ROOSEVELT RD #2B, 60154";
    for (const unit of ["Apt 2B", "apt. 2b", "#2B", "# 2B", "Unit 2B", "Suite 2B", "Ste 2B", "No. 2B", "Number 2B", "Apartment #2B", "2B", "2-B", "Apt 2 B"]) {
      expect(key({ unit }), unit).toBe(expected);
    }
    expect(key({ line1: "10300 W Roosevelt Rd Apt 2B" })).toBe(expected);
    expect(key({ line1: "10300 W Roosevelt Rd #2B" })).toBe(expected);
    expect(key({ line1: "10300 W Roosevelt Rd Unit 2B" })).toBe(expected);
    expect(normalizeAddressKey("10300 W Roosevelt Rd Ste 2B, Westchester, IL 60154, USA")).toBe(expected);
  });

  it("keeps different places apart", () => {
    const plain = key();
    const distinct = [
      key({ line1: "10302 W Roosevelt Rd" }),
      key({ line1: "10300 E Roosevelt Rd" }),
      key({ line1: "10300 W Roosevelt Ave" }),
      key({ line1: "10300 W Cermak Rd" }),
      key({ line1: "10300A W Roosevelt Rd" }),
      key({ zip: "60153" }),
      key({ unit: "Apt 1" }),
      key({ unit: "Apt 2" }),
      key({ unit: "Fl 2" }),
      key({ unit: "Bldg 2" }),
      key({ unit: "Rear" }),
    ];
    expect(new Set([plain, ...distinct]).size).toBe(distinct.length + 1);
  });

  it("reads units the way a door is named", () => {
    expect(unitKey("Apartment 4")).toBe("#4");
    expect(unitKey("Suite 200")).toBe("#200");
    expect(unitKey("Room 12")).toBe("#12");
    expect(unitKey("#  7")).toBe("#7");
    expect(unitKey("Floor 2")).toBe("FL 2");
    expect(unitKey("2nd floor")).toBe("FL 2");
    expect(unitKey("Fl. 2")).toBe("FL 2");
    expect(unitKey("Building C")).toBe("BLDG C");
    expect(unitKey("rear")).toBe("REAR");
    expect(unitKey("Basement")).toBe("BSMT");
    expect(unitKey("")).toBeNull();
    expect(unitKey("  ")).toBeNull();
    expect(unitKey(null)).toBeNull();
  });

  it("uses the city and state only when there is no ZIP", () => {
    expect(normalizeAddressKey("10300 W Roosevelt Rd, Westchester, IL")).toBe("10300 W ROOSEVELT RD, WESTCHESTER, IL");
    expect(normalizeAddressKey("10300 W Roosevelt Rd")).toBe("10300 W ROOSEVELT RD");
  });

  it("is deterministic for what the parser cannot read", () => {
    expect(normalizeAddressKey({ line1: "somewhere", unit: "apt 3", city: "Westchester", state: "il" })).toBe("SOMEWHERE #3, WESTCHESTER, IL");
    expect(normalizeAddressKey({ line1: "somewhere", city: "Westchester", state: "IL", zip: "60154" })).toBe("SOMEWHERE, 60154");
    expect(normalizeAddressKey("Cermak & Hull")).toBe("CERMAK & HULL");
    expect(normalizeAddressKey("PO Box 12, Westchester IL 60154")).toBe("PO BOX 12, 60154");
    expect(normalizeAddressKey("")).toBe("");
    expect(normalizeAddressKey("ünïcödé  straße 5")).toBe("UNICODE STRASSE 5");
  });
});
