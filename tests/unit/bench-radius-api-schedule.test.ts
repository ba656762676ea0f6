import { describe, expect, it } from "vitest";
import { API_SERIES, apiSchedule, blockOrder, type ApiStep } from "../../scripts/bench/radius-api";

/** The streaks of a schedule: consecutive steps of one series. */
function streaks(steps: ApiStep[]): ApiStep[][] {
  const out: ApiStep[][] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (last && last[0].series === step.series) last.push(step);
    else out.push([step]);
  }
  return out;
}

describe("the bench's API request order (apiSchedule)", () => {
  it("times every point once per series (the alternated one once per kind)", () => {
    const steps = apiSchedule(25, 10).filter((s) => s.timed);
    const points = (f: (s: ApiStep) => boolean) => steps.filter(f).map((s) => s.point).sort((a, b) => a - b);
    const all25 = Array.from({ length: 25 }, (_, i) => i);
    expect(points((s) => s.series === "paged")).toEqual(all25);
    expect(points((s) => s.series === "all")).toEqual(all25);
    expect(points((s) => s.series === "alternated" && !s.all)).toEqual(all25);
    expect(points((s) => s.series === "alternated" && s.all)).toEqual(all25);
    expect(steps.filter((s) => s.series === "paged").every((s) => !s.all)).toBe(true);
    expect(steps.filter((s) => s.series === "all").every((s) => s.all)).toBe(true);
    // The fixed-cost series: the paged search without gzip, and the HTTP floor.
    expect(points((s) => s.series === "identity")).toEqual(all25);
    expect(points((s) => s.series === "floor")).toEqual(all25);
    expect(steps.filter((s) => s.series === "identity" || s.series === "floor").every((s) => !s.all)).toBe(true);
  });

  it("never times a request of a streak series right after another series' request", () => {
    const steps = apiSchedule(40, 10);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (!step.timed || step.series === "alternated") continue;
      const before = steps[i - 1];
      expect(before.series).toBe(step.series);
      expect(before.all).toBe(step.all);
    }
    // Each streak opens with one untimed request of its kind, and only there.
    for (const streak of streaks(steps)) {
      expect(streak[0].timed).toBe(false);
      expect(streak.slice(1).every((s) => s.timed)).toBe(true);
    }
  });

  it("keeps the old interleaving in the alternated series: paged first at even points, limit=all first at odd ones", () => {
    const alternated = apiSchedule(4, 4).filter((s) => s.series === "alternated" && s.timed);
    expect(alternated.map((s) => [s.point, s.all])).toEqual([
      [0, false], [0, true], [1, true], [1, false], [2, false], [2, true], [3, true], [3, false],
    ]);
  });

  it("rotates which series goes first from block to block", () => {
    const firsts = streaks(apiSchedule(50, 10)).filter((_, i) => i % API_SERIES.length === 0).map((s) => s[0].series);
    expect(firsts).toEqual(["paged", "all", "alternated", "identity", "floor"]);
  });

  it("puts every series at every position once in each n blocks, whatever the stride", () => {
    const n = API_SERIES.length;
    for (let first = 0; first < 4 * n; first += n) {
      const orders = Array.from({ length: n }, (_, b) => blockOrder(first + b, API_SERIES));
      for (const order of orders) expect([...order].sort()).toEqual([...API_SERIES].sort());
      for (let position = 0; position < n; position++) {
        expect(new Set(orders.map((o) => o[position])).size, `blocks ${first}–${first + n - 1}, position ${position}`).toBe(n);
      }
    }
  });

  it("changes which series precedes which: over n·(n−1) blocks each follows every other equally often", () => {
    const pairs = (series: readonly string[], blocks: number) => {
      const counts = new Map<string, number>();
      for (let b = 0; b < blocks; b++) {
        const order = blockOrder(b, series);
        for (let s = 1; s < order.length; s++) counts.set(`${order[s - 1]}>${order[s]}`, (counts.get(`${order[s - 1]}>${order[s]}`) ?? 0) + 1);
      }
      return counts;
    };
    const n = API_SERIES.length;
    const counts = pairs(API_SERIES, n * (n - 1));
    expect(counts.size).toBe(n * (n - 1)); // every ordered pair of distinct series occurs
    expect(new Set(counts.values())).toEqual(new Set([n - 1]));
    // In the bench's default 100 points (10 blocks) the paged series follows two different series, not one.
    const paged = [...pairs(API_SERIES, 10).keys()].filter((k) => k.endsWith(">paged"));
    expect(paged.length).toBe(2);
    // Any count of series gives a permutation per block (strides coprime with n).
    for (const list of [["a"], ["a", "b"], ["a", "b", "c", "d"], ["a", "b", "c", "d", "e", "f"]]) {
      for (let b = 0; b < 30; b++) expect([...blockOrder(b, list)].sort()).toEqual(list);
    }
  });
});
