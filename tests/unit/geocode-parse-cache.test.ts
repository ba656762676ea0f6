import { beforeEach, describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/geocode/parse";
import { clearParseCache, PARSE_CACHE_SIZE, parseCacheSize, parseQueryCached } from "@/lib/geocode/parse-cache";

beforeEach(() => clearParseCache());

describe("parse cache", () => {
  it("answers what the parser answers, and the same object on a repeat", () => {
    const text = "10300 W Roosevelt Rd Apt 4, Westchester, IL 60154";
    const first = parseQueryCached(text);
    expect(first).toEqual(parseQuery(text));
    expect(parseQueryCached(text)).toBe(first);
    expect(parseCacheSize()).toBe(1);
  });

  it("keeps structured input apart from text, and by every field", () => {
    const base = { line1: "10300 W Roosevelt Rd", unit: "Apt 4", city: "Westchester", state: "IL", zip: "60154" };
    const a = parseQueryCached(base);
    const b = parseQueryCached({ ...base, unit: "Apt 5" });
    const c = parseQueryCached({ ...base, zip: "60155" });
    expect(a).toMatchObject({ unit: "APT 4", zip: "60154" });
    expect(b).toMatchObject({ unit: "APT 5" });
    expect(c).toMatchObject({ zip: "60155" });
    // The line alone as text is a different query (no unit, no locality).
    expect(parseQueryCached(base.line1)).toMatchObject({ unit: null, zip: null });
    expect(parseCacheSize()).toBe(4);
  });

  it("is bounded, dropping the least recently used entry", () => {
    parseQueryCached("1 Keep St");
    const oldestFiller = parseQueryCached("2 Filler St");
    for (let i = 1; i < PARSE_CACHE_SIZE - 1; i++) parseQueryCached(`${i + 2} Filler St`);
    const kept = parseQueryCached("1 Keep St"); // a hit: now the most recently used
    parseQueryCached("99999 Overflow St");
    expect(parseCacheSize()).toBe(PARSE_CACHE_SIZE);
    expect(parseQueryCached("1 Keep St")).toBe(kept);
    const reparsed = parseQueryCached("2 Filler St");
    expect(reparsed).not.toBe(oldestFiller); // it was evicted and parsed again
    expect(reparsed).toEqual(oldestFiller);
    expect(parseCacheSize()).toBe(PARSE_CACHE_SIZE);
  });
});
