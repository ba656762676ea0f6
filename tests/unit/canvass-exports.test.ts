import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { canvassToCsv, neutralizeCell } from "@/lib/canvass/export-csv";
import { canvassToGeoJson } from "@/lib/canvass/export-geojson";
import { EXPORT_FIELDS } from "@/lib/canvass/export-row";
import { chainLines, placeStreetLabels, type PagePoint } from "@/lib/canvass/pdf-street-labels";
import { toPdfText } from "@/lib/canvass/export-pdf";
import { retentionLabel, type CanvassRow, type CanvassSheet } from "@/lib/canvass/canvass-types";

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
    registrantNotes: null,
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
  centerlineNames: [],
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
    // Signed integer seconds, and words with no sign (so no formula guard's apostrophe).
    expect(records[0].clock_offset).toBe("45 s behind");
    expect(records[0].clock_offset_s).toBe("-45");
    // ISO 8601 with the agency's offset, to the second, beside the local display.
    expect(records[0].recorder_time_from).toBe("2026-11-20T15:59:15-06:00");
    expect(records[0].recorder_time_to).toBe("2026-11-20T16:14:15-06:00");
    expect(records[0].recorder_time_from_local).toBe("Fri, Nov 20, 2026, 15:59:15 CST");
    expect(records[0]).toMatchObject({ case_number: "26-1", outcome: "not_contacted", outcome_label: "Not contacted" });
    for (const cell of Object.values(records[0])) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });
});

describe("one row model for every file", () => {
  const withEverything = sheet([
    row({
      outcome: "footage_collected",
      clockOffsetS: 192,
      footageDeadline: new Date("2026-12-04T22:00:00Z"),
      deadlineStatus: "available",
      registrantNotes: "ask for Tomas after 3 pm",
      assignedToName: "Otto Other",
      updatedSince: { at: new Date("2026-11-22T15:00:00Z"), changes: [{ field: "retentionDays", label: "Keeps footage", before: "14 days", after: "30 days" }] },
    }),
    row({ entryId: "e2", walkOrder: 2, location: null, distanceM: null }),
  ]);

  it("gives the CSV and the GeoJSON the same fields, in the same order, with the same values", () => {
    const csv: Record<string, string>[] = parse(canvassToCsv(withEverything), { bom: true, columns: true });
    const geo = canvassToGeoJson(withEverything);
    expect(Object.keys(csv[0])).toEqual([...EXPORT_FIELDS]);
    geo.features.forEach((f, i) => {
      expect(Object.keys(f.properties)).toEqual([...EXPORT_FIELDS]);
      for (const field of EXPORT_FIELDS) {
        const value = f.properties[field];
        expect([field, csv[i][field]]).toEqual([field, value === null ? "" : String(value)]);
      }
    });
    expect(geo.features[0].properties).toMatchObject({
      outcome: "footage_collected",
      outcome_label: "Footage collected",
      clock_offset_s: 192,
      clock_offset: "3 min 12 s ahead",
      recorder_time_from: "2026-11-20T16:03:12-06:00",
      recorder_time_from_local: "Fri, Nov 20, 2026, 16:03:12 CST",
      footage_deadline: "2026-12-04T16:00:00-06:00",
      registrant_notes: "ask for Tomas after 3 pm",
      assigned_to: "Otto Other",
      site_updated_since: "2026-11-22T09:00:00-06:00",
      site_changes: "Keeps footage: 14 days → 30 days",
      case_number: "26-1",
    });
    expect(geo.features[1].geometry).toBeNull();
  });
});

describe("street names on the sheet's map", () => {
  const area = { x: 0, y: 0, width: 400, height: 300 };
  const width = (name: string) => name.length * 4;

  it("chains a street split at intersections and labels it once, upright, inside the map", () => {
    const pieces: PagePoint[][] = [
      [[100, 150], [200, 150]],
      [[300, 150], [200, 150]],
      [[0, 150], [100, 150]],
    ];
    expect(chainLines(pieces)).toHaveLength(1);
    const labels = placeStreetLabels([{ name: "W Roosevelt Rd", line: pieces[0] }, { name: "W Roosevelt Rd", line: pieces[1] }, { name: "W Roosevelt Rd", line: pieces[2] }], area, width, 9);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ name: "W Roosevelt Rd", angleDeg: 0 });
    expect(labels[0].x).toBeGreaterThan(0);
    expect(labels[0].x).toBeLessThan(300);
  });

  it("turns a label to its street without writing it upside down", () => {
    const [down] = placeStreetLabels([{ name: "S Mannheim Rd", line: [[200, 0], [200, 300]] }], area, width, 9);
    expect(Math.abs(down.angleDeg)).toBe(90);
    const [westward] = placeStreetLabels([{ name: "W 11th St", line: [[380, 100], [20, 100]] }], area, width, 9);
    expect(westward.angleDeg).toBe(0);
  });

  it("skips a street too short for its name and moves a label off what it must not cover", () => {
    expect(placeStreetLabels([{ name: "A Very Long Street Name Indeed", line: [[10, 10], [40, 10]] }], area, width, 9)).toEqual([]);
    const stop = { x: 190, y: 140, width: 20, height: 20 };
    const [label] = placeStreetLabels([{ name: "W Roosevelt Rd", line: [[0, 150], [400, 150]] }], area, width, 9, [stop]);
    expect(label).toBeDefined();
    const half = width("W Roosevelt Rd") / 2;
    const clear = label.x + half < stop.x || label.x - half > stop.x + stop.width || label.y + 4.5 < stop.y || label.y - 4.5 > stop.y + stop.height;
    expect(clear).toBe(true);
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

describe("a stop's retention as the canvass card says it", () => {
  it("says when the registrant did not give it, instead of '? days'", () => {
    expect(retentionLabel(null)).toBe("retention not given");
    expect(retentionLabel(1)).toBe("retention 1 day");
    expect(retentionLabel(30)).toBe("retention 30 days");
  });
});
