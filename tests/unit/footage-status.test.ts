import { describe, expect, it } from "vitest";
import { addDays } from "date-fns";
import { TZDate } from "@date-fns/tz";
import { footageExpiresAt, footageStatus, footageStatusFor, URGENT_WITHIN_MS } from "@/lib/investigation/footage-status";

const CHICAGO = "America/Chicago";
const expiry = (at: string, days: number, tz = CHICAGO) => footageExpiresAt(new Date(at), days, tz).toISOString();

describe("footage expiry: the same local wall-clock time N calendar days later", () => {
  it("is 23 hours for a day across the spring-forward change (2026-03-08, Chicago)", () => {
    // Noon CST on 7 March + 1 day = noon CDT on 8 March.
    expect(expiry("2026-03-07T18:00:00Z", 1)).toBe("2026-03-08T17:00:00.000Z");
  });

  it("is 25 hours for a day across the fall-back change (2026-11-01, Chicago)", () => {
    // Noon CDT on 31 October + 1 day = noon CST on 1 November.
    expect(expiry("2026-10-31T17:00:00Z", 1)).toBe("2026-11-01T18:00:00.000Z");
  });

  it("keeps the wall-clock time over a week spanning the spring change", () => {
    // 01:30 CST on 1 March + 7 days = 01:30 CST on 8 March, half an hour before the change.
    expect(expiry("2026-03-01T07:30:00Z", 7)).toBe("2026-03-08T07:30:00.000Z");
    // 02:30 does not exist on 8 March: the clock has jumped to 03:30 CDT, the same instant as 02:30 CST.
    expect(expiry("2026-03-01T08:30:00Z", 7)).toBe("2026-03-08T08:30:00.000Z");
  });

  it("takes the earlier of the two 01:30s on the fall-back night (the conservative expiry)", () => {
    // 01:30 CDT on 25 October + 7 days = the first 01:30 on 1 November (CDT, 06:30 UTC).
    expect(expiry("2026-10-25T06:30:00Z", 7)).toBe("2026-11-01T06:30:00.000Z");
    // Both 01:30s of 1 November + 1 day are 01:30 CST on 2 November.
    expect(expiry("2026-11-01T06:30:00Z", 1)).toBe("2026-11-02T07:30:00.000Z");
    expect(expiry("2026-11-01T07:30:00Z", 1)).toBe("2026-11-02T07:30:00.000Z");
  });

  it("is plain 24-hour days in a zone without daylight saving", () => {
    expect(expiry("2026-03-07T18:00:00Z", 30, "UTC")).toBe(new Date(Date.parse("2026-03-07T18:00:00Z") + 30 * 86_400_000).toISOString());
    expect(expiry("2026-03-07T18:00:00Z", 1, "America/Phoenix")).toBe("2026-03-08T18:00:00.000Z");
  });

  it("counts from the incident, so retention 0 expires at the incident time", () => {
    expect(expiry("2026-06-01T12:00:00Z", 0)).toBe("2026-06-01T12:00:00.000Z");
  });
});

describe("footage status", () => {
  const at = new Date("2026-03-07T18:00:00Z");
  const expiresAt = new Date("2026-03-14T17:00:00Z"); // 7 days later, across the spring change
  const nowAt = (offsetMs: number) => new Date(expiresAt.getTime() + offsetMs);

  it("is unknown without retention", () => {
    expect(footageStatus(at, null, CHICAGO)).toEqual({ status: "unknown", expiresAt: null });
    expect(footageStatus(at, undefined, CHICAGO)).toEqual({ status: "unknown", expiresAt: null });
  });

  it("is available more than 48 h before expiry", () => {
    expect(footageStatus(at, 7, CHICAGO, nowAt(-URGENT_WITHIN_MS - 1))).toEqual({ status: "available", expiresAt: expiresAt.toISOString() });
    expect(footageStatus(at, 7, CHICAGO, new Date("2026-03-08T00:00:00Z")).status).toBe("available");
  });

  it("is urgent from exactly 48 h before expiry until the expiry", () => {
    expect(footageStatus(at, 7, CHICAGO, nowAt(-URGENT_WITHIN_MS)).status).toBe("urgent");
    expect(footageStatus(at, 7, CHICAGO, nowAt(-1)).status).toBe("urgent");
  });

  it("is likely overwritten from the expiry on", () => {
    expect(footageStatus(at, 7, CHICAGO, nowAt(0)).status).toBe("likely_overwritten");
    expect(footageStatus(at, 7, CHICAGO, nowAt(86_400_000)).status).toBe("likely_overwritten");
  });

  it("measures the 48 h in real hours even across a DST change", () => {
    // Expiry at noon CDT on 9 March; 48 real hours before is 11:00 CST on 7 March (not noon).
    const incident = new Date("2026-03-02T18:00:00Z");
    const exp = footageExpiresAt(incident, 7, CHICAGO);
    expect(exp.toISOString()).toBe("2026-03-09T17:00:00.000Z");
    expect(footageStatus(incident, 7, CHICAGO, new Date("2026-03-07T17:00:00Z")).status).toBe("urgent");
    expect(footageStatus(incident, 7, CHICAGO, new Date("2026-03-07T16:59:59.999Z")).status).toBe("available");
  });
});

describe("footage expiry against the calendar arithmetic itself (TZDate + addDays)", () => {
  // The expiry skips TZDate when the zone's offset is the same at both ends: whatever path it takes, it must
  // give exactly what the calendar arithmetic gives, across daylight-saving changes of every size and direction.
  const reference = (at: Date, days: number, tz: string) => new Date(addDays(new TZDate(at.getTime(), tz), days).getTime()).toISOString();
  const ZONES = [
    "America/Chicago",
    "Europe/London",
    "Australia/Lord_Howe", // 30-minute change
    "Australia/Sydney", // southern hemisphere
    "America/St_Johns", // half-hour zone
    "America/Santiago",
    "Antarctica/Troll", // 2-hour change
    "America/Phoenix",
    "UTC",
  ];
  const DAYS = [0, 1, 2, 6, 7, 13, 14, 30, 31, 60, 90, 180, 365];

  it("is the same for instants ~29 h apart (never on the same minute of the day) over two years, in zones with and without daylight saving", () => {
    let compared = 0;
    for (const tz of ZONES) {
      for (let ms = Date.parse("2025-09-01T00:00:00Z"); ms < Date.parse("2027-09-01T00:00:00Z"); ms += 37 * 60_000 * 47) {
        const at = new Date(ms);
        for (const days of DAYS) {
          expect(footageExpiresAt(at, days, tz).toISOString(), `${at.toISOString()} + ${days} d in ${tz}`).toBe(reference(at, days, tz));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(60_000);
  });

  it("is the same for every quarter hour around the changes (the skipped and the repeated wall-clock times)", () => {
    for (const tz of ["America/Chicago", "Europe/London", "Australia/Lord_Howe", "Antarctica/Troll"]) {
      for (const day of ["2026-03-07", "2026-03-28", "2026-04-04", "2026-10-03", "2026-10-24", "2026-10-31"]) {
        for (let ms = Date.parse(`${day}T00:00:00Z`) - 86_400_000; ms < Date.parse(`${day}T00:00:00Z`) + 3 * 86_400_000; ms += 15 * 60_000) {
          const at = new Date(ms);
          for (const days of [1, 2, 7]) {
            // Forward from before a change, and back: the incident itself on the change's night.
            expect(footageExpiresAt(at, days, tz).toISOString(), `${at.toISOString()} + ${days} d in ${tz}`).toBe(reference(at, days, tz));
            const before = new Date(ms - days * 86_400_000);
            expect(footageExpiresAt(before, days, tz).toISOString(), `${before.toISOString()} + ${days} d in ${tz}`).toBe(reference(before, days, tz));
          }
        }
      }
    }
  });

  it("gives footageStatusFor the same answers as footageStatus, for every retention", () => {
    const at = new Date("2026-10-25T06:30:00Z");
    const now = new Date("2026-10-30T12:00:00Z");
    const forSearch = footageStatusFor(at, CHICAGO, now);
    for (const days of [null, undefined, -1, 0, 1, 5, 7, 7, 8, 30, 2.5]) {
      expect(forSearch(days)).toEqual(footageStatus(at, days, CHICAGO, now));
    }
  });
});
