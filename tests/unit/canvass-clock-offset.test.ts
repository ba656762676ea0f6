import { describe, expect, it } from "vitest";
import { describeClockOffset, formatClockOffset, parseClockOffset, recorderTimeFor } from "@/lib/canvass/clock-offset";

const seconds = (text: string) => {
  const r = parseClockOffset(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.seconds;
};

describe("clock offset", () => {
  it.each([
    ["+3 min 12 s", 192],
    ["\u221245 s", -45],
    ["-45s", -45],
    ["\u2013 2 min", -120],
    ["+1:02:03", 3723],
    ["-2:30", -150],
    ["0", 0],
    ["-0", 0],
    ["90", 90],
    ["+1 h 5 min", 3900],
    ["3m12s", 192],
    ["2 minutes, 3 seconds", 123],
  ])("parses %s as %d s", (text, expected) => {
    expect(seconds(text)).toBe(expected);
  });

  it.each(["", "abc", "3 parsecs", "1:75", "+3 min 3 min", "12 days", "200:00:00", "3 min later"])("rejects %j with a message", (text) => {
    const r = parseClockOffset(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(3);
  });

  it("formats seconds back and round-trips", () => {
    expect(formatClockOffset(192)).toBe("+3 min 12 s");
    expect(formatClockOffset(-45)).toBe("\u221245 s");
    expect(formatClockOffset(3723)).toBe("+1 h 2 min 3 s");
    expect(formatClockOffset(0)).toBe("0 s");
    expect(formatClockOffset(null)).toBe("");
    for (const s of [-86_399, -3600, -61, -1, 1, 59, 60, 3601, 7200, 86_399]) expect(seconds(formatClockOffset(s))).toBe(s);
  });

  it("shows the recorder time: true time plus the offset", () => {
    const trueTime = new Date("2026-11-20T22:15:00Z");
    expect(recorderTimeFor(trueTime, 192).toISOString()).toBe("2026-11-20T22:18:12.000Z");
    expect(recorderTimeFor(trueTime, -45).toISOString()).toBe("2026-11-20T22:14:15.000Z");
    expect(recorderTimeFor(trueTime, null).toISOString()).toBe(trueTime.toISOString());
  });
});

describe("clock offset in words", () => {
  it.each([
    [192, "3 min 12 s ahead"],
    [-45, "45 s behind"],
    [-3723, "1 h 2 min 3 s behind"],
    [0, "in sync"],
    [null, ""],
  ])("%j is %j, never signed", (s, words) => {
    expect(describeClockOffset(s)).toBe(words);
    expect(describeClockOffset(s)).not.toMatch(/^[-+\u2212]/);
  });
});
