import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { canvassToCsv, neutralizeCell } from "@/lib/canvass/export-csv";
import { toPdfText } from "@/lib/canvass/export-pdf";
import type { CanvassRow, CanvassSheet } from "@/lib/canvass/canvass-types";

function row(overrides: Partial<CanvassRow>): CanvassRow {
  return {
    entryId: "e1",
    registrationId: "r1",
    walkOrder: 1,
    blockFaceKey: "k",
    blockFaceLabel: "10300 block W Roosevelt Rd, even side",
    distanceM: 12.4,
    outcome: "not_contacted",
    clockOffsetS: null,
    notes: null,
    footageNotes: null,
    assignedToId: null,
    assignedToName: null,
    updatedAt: new Date(),
    addressLine1: "10300 W Roosevelt Rd",
    addressUnit: null,
    addressCity: "Westchester",
    location: [-87.878, 41.8674],
    owner: { name: "Pat", businessName: null, phone: "708-555-0100", email: null, language: "Spanish" },
    alternate: { name: null, phone: null, email: null },
    playback: "standard",
    retentionDays: 14,
    recordingMode: "motion",
    footageDeadline: null,
    deadlineStatus: "unknown",
    cameras: [],
    facesStreet: false,
    seesSpot: false,
    snapshotTakenAt: null,
    updatedSince: null,
    attempts: [],
    ...overrides,
  };
}

const sheet = (rows: CanvassRow[]): CanvassSheet => ({
  agencyName: "Test PD",
  timeZone: "America/Chicago",
  incident: { id: "i1", caseNumber: "26-1", title: null, offense: null, description: null, address: null, status: "open", point: [-87.878, 41.8674], route: null, radiusM: 250, widthM: null, occurredFrom: new Date("2026-11-20T22:00:00Z"), occurredTo: new Date("2026-11-20T22:15:00Z") },
  rows,
  centerlines: [],
  generatedAt: new Date("2026-11-21T00:00:00Z"),
});

describe("CSV export", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])("neutralizes %j", (value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`);
  });
  it("leaves ordinary text alone", () => {
    expect(neutralizeCell("Pat = owner")).toBe("Pat = owner");
  });

  it("writes a BOM, quotes commas, quotes and newlines, and keeps formulas inert", () => {
    const csv = canvassToCsv(
      sheet([
        row({ owner: { name: '=HYPERLINK("http://x","y")', businessName: "Doe, Inc.", phone: "+1 708", email: null, language: "English" }, notes: 'said "maybe"\nback at 5', clockOffsetS: -45 }),
      ]),
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records: Record<string, string>[] = parse(csv, { bom: true, columns: true });
    expect(records).toHaveLength(1);
    expect(records[0].owner_name).toBe(`'=HYPERLINK("http://x","y")`);
    expect(records[0].business_name).toBe("Doe, Inc.");
    expect(records[0].owner_phone).toBe("'+1 708");
    expect(records[0].notes).toBe('said "maybe"\nback at 5');
    expect(records[0].clock_offset).toBe("\u221245 s");
    expect(records[0].clock_offset_s).toBe("-45");
    expect(records[0].recorder_time_to_check).toContain("15:59");
    for (const cell of Object.values(records[0])) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });
});

describe("PDF text", () => {
  it("keeps what the embedded font can draw and marks what it cannot", () => {
    expect(toPdfText("\u221245 s")).toBe("\u221245 s");
    // Accents survive (DejaVu Sans has the glyphs); decomposed input is composed first.
    expect(toPdfText("Riley Pérez")).toBe("Riley Pérez");
    expect(toPdfText("Riley Pe\u0301rez")).toBe("Riley Pérez");
    expect(toPdfText("Łukasz Żółć, Ελένη, Дмитрий")).toBe("Łukasz Żółć, Ελένη, Дмитрий");
    expect(toPdfText("王")).toBe("?");
  });
});

describe("CANVASS_EXPORT_MIN_ROLE", () => {
  it("defaults to supervisor, accepts a role and rejects anything else by name", async () => {
    const { parseEnv } = await import("@/lib/env.js");
    expect(parseEnv({}).CANVASS_EXPORT_MIN_ROLE).toBe("supervisor");
    expect(parseEnv({ CANVASS_EXPORT_MIN_ROLE: "detective" }).CANVASS_EXPORT_MIN_ROLE).toBe("detective");
    expect(() => parseEnv({ CANVASS_EXPORT_MIN_ROLE: "everyone" })).toThrow(/CANVASS_EXPORT_MIN_ROLE/);
  });
});
