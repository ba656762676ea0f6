import { describe, expect, it } from "vitest";
import { API_SERIES, apiSchedule, type ApiStep } from "../../scripts/bench/radius-api";

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
  });

  it("never times a paged or limit=all request right after another series' request", () => {
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
    const firsts = streaks(apiSchedule(30, 10)).filter((_, i) => i % API_SERIES.length === 0).map((s) => s[0].series);
    expect(firsts).toEqual(["paged", "all", "alternated"]);
  });
});
