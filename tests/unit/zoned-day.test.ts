import { describe, expect, it } from "vitest";
import { endOfZonedDay, startOfZonedDay } from "@/lib/time/zoned-day";

describe("calendar days in the agency's time zone", () => {
  it("starts a Chicago winter day at 06:00 UTC and a summer day at 05:00 UTC", () => {
    expect(startOfZonedDay("2026-01-15", "America/Chicago").toISOString()).toBe("2026-01-15T06:00:00.000Z");
    expect(startOfZonedDay("2026-07-15", "America/Chicago").toISOString()).toBe("2026-07-15T05:00:00.000Z");
  });

  it("makes the spring-forward day 23 hours long and the fall-back day 25", () => {
    const springMs = endOfZonedDay("2026-03-08", "America/Chicago").getTime() - startOfZonedDay("2026-03-08", "America/Chicago").getTime();
    const fallMs = endOfZonedDay("2026-11-01", "America/Chicago").getTime() - startOfZonedDay("2026-11-01", "America/Chicago").getTime();
    expect(springMs / 3_600_000).toBe(23);
    expect(fallMs / 3_600_000).toBe(25);
  });

  it("handles month and year ends", () => {
    expect(endOfZonedDay("2026-12-31", "UTC").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});
