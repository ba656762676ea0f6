import { describe, expect, it } from "vitest";
import { draftToRequest, incidentBody, initialDraft, patchDraft, problemsAfterPatch, problemsFromServer } from "@/lib/investigation/search-draft";
import type { WorkspaceSettings } from "@/lib/investigation/workspace-types";

const settings: WorkspaceSettings = {
  timeZone: "America/Chicago",
  map: { centerLat: 41.85, centerLng: -87.88, zoom: 15, tileUrl: "", tileAttribution: "" },
  defaultSearchRadiusM: 250,
  maxSearchRadiusM: 2000,
};

describe("the map form's draft", () => {
  it("starts at now in the agency's zone with the default radius", () => {
    const draft = initialDraft(settings, null, new Date("2026-03-08T17:05:00Z"));
    expect(draft).toMatchObject({ mode: "pin", pin: null, radiusM: 250, date: "2026-03-08", time: "12:05", useWindow: false });
  });

  it("reopens a saved route incident with its window", () => {
    const draft = initialDraft(settings, {
      id: "x",
      caseNumber: "26-1",
      mode: "route",
      pin: null,
      route: [[-87.88, 41.85], [-87.87, 41.86]],
      radiusM: null,
      widthM: 80,
      occurredFrom: "2026-11-01T06:30:00.000Z",
      occurredTo: "2026-11-01T07:30:00.000Z",
    });
    // 06:30Z is 01:30 CDT and 07:30Z is 01:30 CST on the fall-back night.
    expect(draft).toMatchObject({ mode: "route", widthM: 80, useWindow: true, date: "2026-11-01", time: "01:30", endTime: "01:30", caseNumber: "26-1" });
  });

  it("asks for what is missing beside the field", () => {
    const draft = { ...initialDraft(settings, null), date: "", pin: null };
    expect(draftToRequest(draft, settings.timeZone).problems).toEqual({
      time: "Enter the date and time of the incident.",
      pin: "Click the map to drop the incident pin, or find an address.",
    });
    const route = { ...initialDraft(settings, null), mode: "route" as const, route: [[-87.88, 41.85] as [number, number]] };
    expect(draftToRequest(route, settings.timeZone).problems.route).toContain("at least two points");
    const backwards = { ...initialDraft(settings, null), pin: [-87.88, 41.85] as [number, number], date: "2026-03-07", time: "12:00", useWindow: true, endDate: "2026-03-07", endTime: "11:00" };
    expect(draftToRequest(backwards, settings.timeZone).problems.endTime).toContain("after it starts");
  });

  it("says beside the time that an incident cannot be in the future, or a window too long, instead of sending what the API refuses", () => {
    const now = new Date("2026-03-08T17:00:00Z"); // 12:00 CDT (the spring-forward day)
    const pinned = { ...initialDraft(settings, null, now), pin: [-87.88, 41.85] as [number, number] };
    expect(draftToRequest({ ...pinned, date: "2030-01-01", time: "12:00" }, settings.timeZone, undefined, now)).toEqual({
      problems: { time: "That time is still to come: enter when the incident happened." },
    });
    // Within the API's few minutes of clock skew it is still sent.
    expect(draftToRequest({ ...pinned, date: "2026-03-08", time: "12:05" }, settings.timeZone, undefined, now).from).toBe("2026-03-08T17:05:00.000Z");
    const window = { ...pinned, useWindow: true, date: "2026-03-08", time: "11:00", endDate: "2026-03-08", endTime: "13:00" };
    expect(draftToRequest(window, settings.timeZone, undefined, now).problems).toEqual({ endTime: "The window cannot end in the future." });
    const long = { ...window, date: "2026-01-01", time: "00:00", endDate: "2026-03-01", endTime: "00:00" };
    expect(draftToRequest(long, settings.timeZone, undefined, now).problems).toEqual({ endTime: "A window can be at most 31 days long." });
  });

  it("puts the API's field errors beside the map form's fields", () => {
    expect(problemsFromServer({ at: "must not be in the future" })).toEqual({ time: "Must not be in the future." });
    expect(problemsFromServer({ "occurredAt.to": "must be after from", lat: "out of range", "route.coordinates": "a route needs at least 2 points", caseNumber: "too long" })).toEqual({
      endTime: "Must be after from.",
      pin: "Out of range.",
      route: "A route needs at least 2 points.",
    });
  });

  it("turns a pin and a window into the API's instants", () => {
    const draft = { ...initialDraft(settings, null), pin: [-87.88, 41.85] as [number, number], radiusM: 100, date: "2026-03-07", time: "23:30", useWindow: true, endDate: "2026-03-08", endTime: "03:30" };
    const req = draftToRequest(draft, settings.timeZone);
    expect(req).toMatchObject({ from: "2026-03-08T05:30:00.000Z", to: "2026-03-08T08:30:00.000Z", area: { lat: 41.85, lng: -87.88, radiusM: 100 } });
  });

  it("searches the route as snapped to the streets when there is one, else as clicked", () => {
    const clicked: [number, number][] = [[-87.88, 41.85], [-87.87, 41.86]];
    const snapped: [number, number][] = [[-87.88, 41.8501], [-87.88, 41.86], [-87.87, 41.86]];
    const draft = { ...initialDraft(settings, null), mode: "route" as const, route: clicked, date: "2026-03-07", time: "12:00" };
    expect(draftToRequest(draft, settings.timeZone, snapped).area).toEqual({ route: { type: "LineString", coordinates: snapped }, widthM: draft.widthM });
    expect(draftToRequest(draft, settings.timeZone).area).toEqual({ route: { type: "LineString", coordinates: clicked }, widthM: draft.widthM });
  });

  it("saves a pin found by its address with that address, and forgets it once the pin moves on the map", () => {
    const found = patchDraft(initialDraft(settings, null), { pin: [-87.8778, 41.8675], pinAddress: "10300 W ROOSEVELT RD, WESTCHESTER, 60154" });
    const when = { date: "2026-03-07", time: "12:00", caseNumber: " 26-77 " };
    const req = draftToRequest({ ...found, ...when }, settings.timeZone);
    expect(incidentBody({ ...found, ...when }, { from: req.from!, to: req.to!, area: req.area! })).toEqual({
      caseNumber: "26-77",
      address: "10300 W ROOSEVELT RD, WESTCHESTER, 60154",
      lat: 41.8675,
      lng: -87.8778,
      radiusM: 250,
      occurredAt: "2026-03-07T18:00:00.000Z",
    });
    // Clicked elsewhere: the server names the incident after the nearest address point instead.
    const moved = { ...patchDraft(found, { pin: [-87.88, 41.85] }), ...when };
    expect(moved.pinAddress).toBeNull();
    const movedReq = draftToRequest(moved, settings.timeZone);
    expect(incidentBody(moved, { from: movedReq.from!, to: movedReq.to!, area: movedReq.area! })).not.toHaveProperty("address");
    // Other changes keep it.
    expect(patchDraft(found, { radiusM: 100 }).pinAddress).toBe("10300 W ROOSEVELT RD, WESTCHESTER, 60154");
  });

  it("drops a field's message once that field changes, and keeps the others", () => {
    const problems = { pin: "Click the map to drop the incident pin, or find an address.", time: "Enter the date and time of the incident." };
    expect(problemsAfterPatch(problems, { pin: [-87.88, 41.85] })).toEqual({ time: problems.time });
    expect(problemsAfterPatch(problems, { time: "12:00" })).toEqual({ pin: problems.pin });
    expect(problemsAfterPatch(problems, { radiusM: 100 })).toBe(problems);
    expect(problemsAfterPatch({ endTime: "The window must end after it starts." }, { useWindow: false })).toEqual({});
    expect(problemsAfterPatch({ route: "Add at least two points" }, { mode: "pin" })).toEqual({});
  });
});
