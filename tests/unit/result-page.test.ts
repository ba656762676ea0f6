import { describe, expect, it } from "vitest";
import { compareRanked } from "@/lib/investigation/rank-sites";
import { encodeCursor, MAX_PAGE_SIZE, nextPageUrl, pageAfter, pageLimit, pageLimitValue, pageOf, type RankKey } from "@/lib/investigation/result-page";
import type { FootageStatus } from "@/lib/investigation/footage-status";

/** A random ranking with many exact ties in everything but the id (the case the id tie-break is for). */
function sites(n: number, seed = 1): RankKey[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const statuses: FootageStatus[] = ["available", "urgent", "likely_overwritten", "unknown"];
  return Array.from({ length: n }, (_, i) => {
    const status = statuses[Math.floor(rnd() * 4)];
    return {
      registrationId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`.replace(/^0/, String(Math.floor(rnd() * 10))),
      seesPoint: rnd() < 0.2,
      facesStreet: rnd() < 0.4,
      footage: { status, expiresAt: status === "unknown" ? null : `2026-12-0${1 + Math.floor(rnd() * 3)}T00:00:00.000Z` },
      footageMayNotHaveRecorded: rnd() < 0.3,
      distanceM: Math.floor(rnd() * 5) * 10,
    };
  }).sort(compareRanked);
}

function allPages(ranked: RankKey[], limit: number) {
  const out: RankKey[][] = [];
  let after = undefined as ReturnType<typeof pageOf>["page"]["next"] | undefined;
  for (;;) {
    const cursor = after ? pageAfter.parse(after) : undefined;
    const { sites: page, page: info } = pageOf(ranked, { limit, after: cursor }, { searchEntryId: 42, nowMs: 1 });
    out.push(page);
    if (!info.next) return out;
    after = info.next;
  }
}

describe("result pages", () => {
  it("cut the ranking into pages that concatenate to it exactly, whatever the size", () => {
    const ranked = sites(257);
    for (const limit of [1, 2, 3, 10, 100, 256, 257, 1000]) {
      const pages = allPages(ranked, limit);
      expect(pages.length).toBe(Math.ceil(257 / limit));
      expect(pages.flat()).toEqual(ranked);
    }
  });

  it("say the total, the offset, and no next page on the last page or for limit=all", () => {
    const ranked = sites(25);
    const first = pageOf(ranked, { limit: 10 }, { searchEntryId: 7, nowMs: 5 });
    expect(first.page).toMatchObject({ total: 25, limit: 10, offset: 0, next: expect.any(String) });
    const cursor = pageAfter.parse(first.page.next);
    expect(cursor).toMatchObject({ searchEntryId: 7, nowMs: 5, after: { registrationId: ranked[9].registrationId } });
    expect(pageOf(ranked, { limit: 10, after: cursor }, { searchEntryId: 7, nowMs: 5 }).page.offset).toBe(10);
    expect(pageOf(ranked, { limit: null }, { searchEntryId: null, nowMs: 5 }).page).toEqual({ total: 25, limit: null, offset: 0, next: null });
    expect(pageOf([], { limit: 10 }, { searchEntryId: null, nowMs: 5 }).page).toEqual({ total: 0, limit: 10, offset: 0, next: null });
  });

  it("continue after the cursor's site even when that site has left the ranking", () => {
    const ranked = sites(40, 3);
    const first = pageOf(ranked, { limit: 15 }, { searchEntryId: 1, nowMs: 1 });
    const without = ranked.filter((s) => s.registrationId !== ranked[14].registrationId);
    const second = pageOf(without, { limit: 15, after: pageAfter.parse(first.page.next) }, { searchEntryId: 1, nowMs: 1 });
    expect(second.sites).toEqual(ranked.slice(15, 30));
  });

  it("parse limit and after into field errors when they are not valid", () => {
    expect(pageLimit.parse("all")).toBeNull();
    expect(pageLimit.parse("1")).toBe(1);
    expect(pageLimit.parse(String(MAX_PAGE_SIZE))).toBe(MAX_PAGE_SIZE);
    for (const bad of ["0", "-3", "2.5", "1e2", "", "All", String(MAX_PAGE_SIZE + 1)]) expect(pageLimit.safeParse(bad).success, bad).toBe(false);
    expect(pageLimitValue.parse(25)).toBe(25);
    expect(pageLimitValue.safeParse(true).success).toBe(false);
    for (const bad of ["", "abc", Buffer.from("[]").toString("base64url"), encodeCursor({ searchEntryId: 1, nowMs: 1, after: sites(1)[0] }).slice(0, -4)]) {
      expect(pageAfter.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("build the next page's URL from the request's, keeping its parameters", () => {
    const page = { total: 3, limit: 1, offset: 0, next: "abc" };
    expect(nextPageUrl("http://x/api/cameras/near?lat=1&lng=2&radius=3&limit=1", page, { at: "2026-01-01T00:00:00.000Z" })).toBe(
      "/api/cameras/near?lat=1&lng=2&radius=3&limit=1&at=2026-01-01T00%3A00%3A00.000Z&after=abc",
    );
    expect(nextPageUrl("http://x/a?after=old", page)).toBe("/a?after=abc");
    expect(nextPageUrl("http://x/a", { ...page, next: null })).toBeNull();
  });
});
