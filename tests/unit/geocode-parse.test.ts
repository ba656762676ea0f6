import { describe, expect, it } from "vitest";
import { MAX_ADDRESS_LENGTH, parseAddress, parseAddressInput } from "@/lib/geocode/parse";
import { formatAddressLine } from "@/lib/geocode/normalize";

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
