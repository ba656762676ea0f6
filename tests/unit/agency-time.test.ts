import { describe, expect, it } from "vitest";
import { agencyLocalToIso, formatAgencyIso, formatAgencyTime, isoToAgencyLocal } from "@/lib/time/agency-time";

const TZ = "America/Chicago";

describe("agency-local times", () => {
  it("reads wall-clock input in the agency's zone on both sides of the DST changes", () => {
    expect(agencyLocalToIso("2026-03-07", "12:00", TZ)).toBe("2026-03-07T18:00:00.000Z");
    expect(agencyLocalToIso("2026-03-08", "12:00", TZ)).toBe("2026-03-08T17:00:00.000Z");
    expect(agencyLocalToIso("2026-11-01", "12:00", TZ)).toBe("2026-11-01T18:00:00.000Z");
    // 02:30 on 8 March does not exist in Chicago: it is read as 03:30 CDT.
    expect(agencyLocalToIso("2026-03-08", "02:30", TZ)).toBe("2026-03-08T08:30:00.000Z");
  });

  it("rejects malformed input", () => {
    expect(agencyLocalToIso("2026-02-30", "12:00", TZ)).toBeNull();
    expect(agencyLocalToIso("2026-3-7", "12:00", TZ)).toBeNull();
    expect(agencyLocalToIso("2026-03-07", "25:00", TZ)).toBeNull();
  });

  it("round-trips and formats in the agency's zone", () => {
    expect(isoToAgencyLocal("2026-03-08T17:00:00.000Z", TZ)).toEqual({ date: "2026-03-08", time: "12:00" });
    expect(formatAgencyTime("2026-03-07T18:00:00.000Z", TZ)).toContain("12:00");
    expect(formatAgencyTime("2026-03-07T18:00:00.000Z", TZ)).toContain("CST");
    expect(formatAgencyTime("2026-04-06T17:00:00.000Z", TZ)).toContain("CDT");
  });
});

describe("agency times for exports", () => {
  it("writes ISO 8601 with the agency's offset, to the second, on both sides of a DST change", () => {
    expect(formatAgencyIso("2026-03-07T18:00:05.900Z", TZ)).toBe("2026-03-07T12:00:05-06:00");
    expect(formatAgencyIso("2026-04-06T17:00:00.000Z", TZ)).toBe("2026-04-06T12:00:00-05:00");
    expect(formatAgencyIso("2026-04-06T17:00:00.000Z", "UTC")).toBe("2026-04-06T17:00:00+00:00");
    expect(formatAgencyIso(null, TZ)).toBe("");
    // The same instant back.
    expect(Date.parse(formatAgencyIso("2026-11-20T03:43:12.000Z", TZ))).toBe(Date.parse("2026-11-20T03:43:12.000Z"));
  });

  it("writes the minute after midnight as 00:01, not 24:01", () => {
    expect(formatAgencyTime("2026-11-29T06:01:00.000Z", TZ)).toBe("Sun, Nov 29, 2026, 00:01 CST");
    expect(formatAgencyTime("2026-11-29T06:01:05.000Z", TZ, "en-US", { seconds: true, timeOnly: true })).toBe("00:01:05 CST");
  });

  it("keeps the seconds when asked", () => {
    expect(formatAgencyTime("2026-11-21T03:43:12.000Z", TZ, "en-US", { seconds: true })).toContain("21:43:12");
    expect(formatAgencyTime("2026-11-21T03:43:12.000Z", TZ)).not.toContain("21:43:12");
    expect(formatAgencyTime("2026-11-21T03:43:12.000Z", TZ, "en-US", { seconds: true, timeOnly: true })).toBe("21:43:12 CST");
  });
});
