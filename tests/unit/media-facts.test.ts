import { describe, expect, it } from "vitest";
import { describeMedia } from "@/lib/evidence/media-facts";

describe("describeMedia", () => {
  it("gives the recording start to the second in the agency's zone, and a minute after midnight as 00:01, not 24:01", () => {
    const line = describeMedia(
      { kind: "video", durationS: 6.2, codec: "h264", width: 640, height: 360, recordedAt: "2026-11-29T06:01:12Z" } as Parameters<typeof describeMedia>[0],
      "America/Chicago",
    );
    expect(line).toContain("0:06 · h264 · 640×360");
    expect(line).toMatch(/recording started Nov 29, 2026, 00:01:12 CST/);
  });
});
