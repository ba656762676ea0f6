import { describe, expect, it } from "vitest";
import { compareRanked, rankedOrder, rankSites, type RankableSite } from "@/lib/investigation/rank-sites";
import { compassPoint, summarizeCameras } from "@/lib/investigation/camera-summary";

const site = (name: string, s: Partial<RankableSite>): RankableSite & { name: string } => ({
  name,
  seesPoint: false,
  facesStreet: false,
  footage: { status: "unknown", expiresAt: null },
  distanceM: 100,
  ...s,
});

describe("ranking", () => {
  it("puts a continuously recording site before a motion-only or scheduled one with the same other facts, never over a better fact", () => {
    const expires = { status: "available" as const, expiresAt: "2026-04-01T00:00:00Z" };
    const sites = [
      site("motion, nearest", { facesStreet: true, footage: expires, distanceM: 5, footageMayNotHaveRecorded: true }),
      site("continuous, farther", { facesStreet: true, footage: expires, distanceM: 90 }),
      site("scheduled, sees the spot", { seesPoint: true, footage: expires, distanceM: 300, footageMayNotHaveRecorded: true }),
      site("continuous, not street", { footage: expires, distanceM: 1 }),
    ];
    expect(rankSites(sites).map((s) => s.name)).toEqual(["scheduled, sees the spot", "continuous, farther", "motion, nearest", "continuous, not street"]);
  });

  it("orders by sees-the-point, then faces-street, then soonest expiry, then distance", () => {
    const sites = [
      site("far, nothing", { distanceM: 400 }),
      site("near, nothing", { distanceM: 10 }),
      site("street, expires late", { facesStreet: true, footage: { status: "available", expiresAt: "2026-04-01T00:00:00Z" } }),
      site("street, expires soon", { facesStreet: true, footage: { status: "urgent", expiresAt: "2026-03-02T00:00:00Z" } }),
      site("sees, far", { seesPoint: true, facesStreet: false, distanceM: 300 }),
      site("sees, near", { seesPoint: true, distanceM: 200 }),
      site("street, overwritten", { facesStreet: true, footage: { status: "likely_overwritten", expiresAt: "2026-02-01T00:00:00Z" } }),
      site("street, unknown retention", { facesStreet: true, distanceM: 5 }),
    ];
    expect(rankSites(sites).map((s) => s.name)).toEqual([
      "sees, near",
      "sees, far",
      "street, expires soon",
      "street, expires late",
      "street, unknown retention",
      "street, overwritten",
      "near, nothing",
      "far, nothing",
    ]);
  });

  it("uses distance when the expiry is the same", () => {
    const f = { status: "available" as const, expiresAt: "2026-04-01T00:00:00.000Z" };
    const ranked = rankSites([site("b", { footage: f, distanceM: 50 }), site("a", { footage: f, distanceM: 20 })]);
    expect(ranked.map((s) => s.name)).toEqual(["a", "b"]);
  });
});

describe("camera summary", () => {
  it("names compass points across 0/360 and says when the direction is unknown", () => {
    expect(compassPoint(359)).toBe("N");
    expect(compassPoint(-90)).toBe("W");
    expect(compassPoint(135)).toBe("SE");
    expect(summarizeCameras(3, [{ position: "front", bearingDeg: 180 }, { position: "garage_alley", bearingDeg: null }])).toBe(
      "3 cameras: front (S), garage/alley (direction unknown)",
    );
    expect(summarizeCameras(1, [])).toBe("1 camera");
  });
});

describe("rankedOrder (the search's ranking with expiries parsed once)", () => {
  it("sorts exactly as compareRanked, ties and all", () => {
    // Seeded: few distinct values per field, so every tie-break is reached many times.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const expiries = [null, "2026-11-20T18:00:00.000Z", "2026-11-21T18:00:00.000Z", "2026-12-04T18:00:00.000Z"];
    const statuses = ["available", "urgent", "likely_overwritten", "unknown"] as const;
    for (let round = 0; round < 50; round++) {
      const sites = Array.from({ length: 200 }, (_, i) => {
        const status = statuses[rand(4)];
        return {
          registrationId: `00000000-0000-0000-0000-${String(rand(60)).padStart(6, "0")}${String(i).padStart(6, "0")}`,
          seesPoint: rand(5) === 0,
          facesStreet: rand(2) === 0,
          footage: { status, expiresAt: status === "unknown" ? null : expiries[1 + rand(3)] },
          footageMayNotHaveRecorded: rand(3) === 0,
          distanceM: rand(8) * 12.5,
        };
      });
      const expected = [...sites].sort(compareRanked).map((s) => s.registrationId);
      const parsedMs = (s: (typeof sites)[number]) => (s.footage.expiresAt ? Date.parse(s.footage.expiresAt) : Number.NaN);
      const actual = [...sites].sort((a, b) => rankedOrder(a, parsedMs(a), b, parsedMs(b))).map((s) => s.registrationId);
      expect(actual).toEqual(expected);
    }
  });
});
