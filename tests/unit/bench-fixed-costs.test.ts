import { describe, expect, it } from "vitest";
import { requestBreakdown } from "../../scripts/bench/fixed-costs";

const inputs = {
  apiP50Ms: 16.5,
  apiP95Ms: 28,
  identityP50Ms: 11.5,
  httpFloorP50Ms: 4,
  httpFloorP95Ms: 7,
  searchDbP50Ms: 1.4,
  auditCommitDbP50Ms: 1.9,
  dbRoundTripP50Ms: 0.3,
  filterDbP50Ms: 0.9,
};

describe("the bench's breakdown of one API request (requestBreakdown)", () => {
  it("splits the API p50 into the measured fixed parts and the rest, which add up to it", () => {
    const { parts } = requestBreakdown(inputs);
    expect(parts.map((p) => p.ms)).toEqual([4, 5, 1.4, 1.6, 4.5]);
    expect(parts.reduce((sum, p) => sum + p.ms, 0)).toBeCloseTo(16.5, 9);
    expect(parts[4].label).toMatch(/^rest/);
  });

  it("keeps a negative rest as it is (medians do not add), rather than hiding it", () => {
    const { parts } = requestBreakdown({ ...inputs, httpFloorP50Ms: 10 });
    expect(parts[4].ms).toBe(-1.5);
  });

  it("states the API p95 against both floors", () => {
    const { line } = requestBreakdown(inputs);
    expect(line).toContain("API p95 28 ms = 31.1× the ST_DWithin floor, 4× the HTTP floor's p95 (7 ms, itself 7.8× the ST_DWithin floor)");
    expect(line).toMatch(/^API p50 16\.5 ms ≈ HTTP floor .* 4 \+ gzip \(paged − identity\) 5 \+ /);
  });
});
