import { describe, expect, it } from "vitest";
import { closeIncidentEffects } from "@/lib/investigation/close-effects";

describe("what closing an incident does, as the confirmation says it", () => {
  it("names the retention period that starts at closing", () => {
    const effects = closeIncidentEffects({ evidenceRetentionDays: 90, legalHold: false });
    expect(effects).toContain("Its evidence files are deleted 90 days after closing, unless it is reopened or a supervisor places a legal hold (Evidence page).");
    expect(effects[0]).toMatch(/leaves the open incidents list/);
    expect(effects.at(-1)).toMatch(/can reopen it/);
    expect(closeIncidentEffects({ evidenceRetentionDays: 1, legalHold: false })[1]).toContain("deleted 1 day after closing");
  });

  it("says the evidence stays under a legal hold, or when no retention is configured", () => {
    expect(closeIncidentEffects({ evidenceRetentionDays: 90, legalHold: true })[1]).toBe("Its evidence stays: the incident is under a legal hold.");
    expect(closeIncidentEffects({ evidenceRetentionDays: null, legalHold: false })[1]).toBe("Its evidence files are kept (no evidence retention period is configured).");
  });
});
