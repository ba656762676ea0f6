import { describe, expect, it } from "vitest";
import { BY_RANK, inViewOrder, numberingSentence, siteNumber, type Numbering } from "@/lib/investigation/result-numbering";
import type { SiteFeature } from "@/lib/investigation/site-features";

const site = (rank: number, registrationId: string) => ({ properties: { rank, registrationId } }) as unknown as SiteFeature;
const SITES = [site(1, "a"), site(2, "b"), site(3, "c"), site(4, "d")];
const WALK: Numbering = { kind: "walk", stopByRegistration: { a: 3, b: 1, c: 2 } };

describe("one numbering per view", () => {
  it("numbers the map by rank", () => {
    expect(SITES.map((s) => siteNumber(s, BY_RANK)?.long)).toEqual(["#1", "#2", "#3", "#4"]);
    expect(inViewOrder(SITES, BY_RANK)).toBe(SITES);
  });

  it("numbers a saved incident by walk order, sites not on its canvass last and unnumbered", () => {
    const ordered = inViewOrder(SITES, WALK);
    expect(ordered.map((s) => s.properties.registrationId)).toEqual(["b", "c", "a", "d"]);
    expect(ordered.map((s) => siteNumber(s, WALK)?.long ?? null)).toEqual(["Stop 1", "Stop 2", "Stop 3", null]);
    // On the canvass before its walk is planned: a stop without a number, never the rank.
    expect(siteNumber(site(4, "d"), { kind: "walk", stopByRegistration: { d: null } })?.long).toBe("Stop (walk not planned yet)");
  });
});

describe("the sentence that says which numbering", () => {
  it("says a saved incident is numbered by stop on its map too, never that its map numbers by rank", () => {
    expect(numberingSentence(WALK)).toBe("numbered by stop in walk order, on the map as in the canvass below.");
    expect(numberingSentence(BY_RANK)).toContain("numbered by rank");
  });
});
