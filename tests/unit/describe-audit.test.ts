import { describe, expect, it } from "vitest";
import { changeLines, fieldLabel, targetRef, valueText, type AuditNames } from "@/lib/audit/describe-audit";

const noNames: AuditNames = { users: new Map(), incidents: new Map(), registrations: new Map(), canvassEntries: new Map(), apiTokens: new Map() };

describe("audit entries in words", () => {
  it("writes recorded values without JSON: instants in the agency's zone, a pin with its radius, cameras as a list", () => {
    expect(valueText("2026-03-07T18:00:00.000Z", "from", "America/Chicago")).toBe("Sat, Mar 7, 2026, 12:00 CST");
    expect(valueText({ kind: "point", lat: 41.867381, lng: -87.877751, radiusM: 100 })).toBe("41.86738, -87.87775, kind point, radius m 100");
    expect(valueText([{ position: "garage_alley", bearingDeg: 181.6, fovDeg: 90, rangeM: 30, recordsStreet: true }], "cameras")).toBe(
      "garage/alley, faces 182°, 90° wide, 30 m, records street",
    );
    expect(valueText([], "cameras")).toBe("no cameras");
    expect(valueText(null)).toBe("(none)");
    expect(valueText(false)).toBe("no");
  });

  it("reads both recorded shapes of changes, contacts and notes as changed without values", () => {
    expect(changeLines({ changes: [{ field: "ownerEmail", contact: true }, { field: "addressLine1", from: "1 A St", to: "2 B St" }] }, noNames)).toEqual([
      { field: "ownerEmail", label: "Owner's e-mail", changedOnly: true },
      { field: "addressLine1", label: "Address", before: "1 A St", after: "2 B St" },
    ]);
    expect(changeLines({ changes: { footageNotes: { changed: true, length: 4 }, status: { from: "open", to: "closed" } } }, noNames)).toEqual([
      { field: "footageNotes", label: "Footage notes", changedOnly: true },
      { field: "status", label: "Status", before: "open", after: "closed" },
    ]);
    expect(changeLines({ rows: 3 }, noNames)).toEqual([]);
  });

  it("names what it cannot resolve plainly instead of showing a bare type:id", () => {
    expect(targetRef({ actorUserId: null, actorLabel: "x", targetType: "evidence_item", targetId: "0b6c1f2e-1111-4222-8333-444455556666", details: {} }, noNames)).toEqual({
      text: "evidence item 0b6c1f2e…",
      id: "0b6c1f2e-1111-4222-8333-444455556666",
    });
    expect(targetRef({ actorUserId: null, actorLabel: "x", targetType: "search", targetId: null, details: {} }, noNames)).toEqual({ text: "a map search" });
    expect(fieldLabel("sessions_ended")).toBe("Sessions ended");
    expect(fieldLabel("tokensRevoked")).toBe("Tokens revoked");
  });
});
