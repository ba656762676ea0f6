/**
 * The map form's draft search and its translation into the API's request:
 * wall-clock times in the agency's zone become instants, and what is missing
 * becomes a message beside the field. Pure, shared with the unit tests.
 */
// Not input-fields.ts: that is zod, which must not load on the map page (time-limits.ts says why).
import { MAX_FUTURE_MS, MAX_WINDOW_MS } from "@/lib/http/time-limits";
import type { InitialIncident, LngLat, SearchMode, WorkspaceSettings } from "@/lib/investigation/workspace-types";
import { agencyLocalToIso, isoToAgencyLocal } from "@/lib/time/agency-time";

export interface SearchDraft {
  mode: SearchMode;
  pin: LngLat | null;
  /** The address the pin was found by (the geocoder's match); null once the pin is placed or moved on the map. */
  pinAddress: string | null;
  route: LngLat[];
  radiusM: number;
  widthM: number;
  date: string;
  time: string;
  useWindow: boolean;
  endDate: string;
  endTime: string;
  caseNumber: string;
}

export const DEFAULT_CORRIDOR_WIDTH_M = 60;

export function initialDraft(settings: WorkspaceSettings, incident: InitialIncident | null, now = new Date()): SearchDraft {
  const start = isoToAgencyLocal(incident?.occurredFrom ?? now.toISOString(), settings.timeZone);
  const end = isoToAgencyLocal(incident?.occurredTo ?? now.toISOString(), settings.timeZone);
  return {
    mode: incident?.mode ?? "pin",
    pin: incident?.pin ?? null,
    pinAddress: null,
    route: incident?.route ?? [],
    radiusM: incident?.radiusM ?? settings.defaultSearchRadiusM,
    widthM: incident?.widthM ?? DEFAULT_CORRIDOR_WIDTH_M,
    date: start.date,
    time: start.time,
    useWindow: Boolean(incident && incident.occurredFrom !== incident.occurredTo),
    endDate: end.date,
    endTime: end.time,
    caseNumber: incident?.caseNumber ?? "",
  };
}

export type Problems = Record<string, string>;

/** A change to the draft: moving the pin forgets the address it was found by, unless the change is that address. */
export function patchDraft(draft: SearchDraft, patch: Partial<SearchDraft>): SearchDraft {
  const next = { ...draft, ...patch };
  if ("pin" in patch && !("pinAddress" in patch)) next.pinAddress = null;
  return next;
}

/**
 * The messages beside the fields that are still true after a change: a field's message goes once that field
 * changes (a pin found after "Click the map to drop the incident pin" no longer shows that request beside it).
 */
export function problemsAfterPatch(problems: Problems, patch: Partial<SearchDraft>): Problems {
  const answered = new Set<string>();
  const changed = (...keys: (keyof SearchDraft)[]) => keys.some((k) => k in patch);
  if (changed("pin", "mode")) answered.add("pin");
  if (changed("route", "mode")) answered.add("route");
  if (changed("date", "time")) answered.add("time");
  if (changed("date", "time", "endDate", "endTime", "useWindow")) answered.add("endTime");
  if (!Object.keys(problems).some((field) => answered.has(field))) return problems;
  return Object.fromEntries(Object.entries(problems).filter(([field]) => !answered.has(field)));
}

/**
 * The draft as the API's request bodies, or the problems to show beside the fields.
 * `routeLine`: the clicked route as snapped to the streets, searched instead of the clicked points.
 */
export function draftToRequest(draft: SearchDraft, timeZone: string, routeLine?: LngLat[], now: Date = new Date()) {
  const problems: Problems = {};
  const from = agencyLocalToIso(draft.date, draft.time, timeZone);
  if (!from) problems.time = "Enter the date and time of the incident.";
  const to = draft.useWindow ? agencyLocalToIso(draft.endDate, draft.endTime, timeZone) : from;
  if (draft.useWindow && !to) problems.endTime = "Enter when the window ends.";
  if (from && to && to < from) problems.endTime = "The window must end after it starts.";
  // The API's own limits, said beside the field before asking it (it would refuse with its field names).
  const latestMs = now.getTime() + MAX_FUTURE_MS;
  if (from && Date.parse(from) > latestMs) problems.time = "That time is still to come: enter when the incident happened.";
  else if (draft.useWindow && to && Date.parse(to) > latestMs) problems.endTime = "The window cannot end in the future.";
  else if (from && to && Date.parse(to) - Date.parse(from) > MAX_WINDOW_MS) problems.endTime = `A window can be at most ${MAX_WINDOW_MS / 86_400_000} days long.`;
  if (draft.mode === "pin" && !draft.pin) problems.pin = "Click the map to drop the incident pin, or find an address.";
  if (draft.mode === "route" && draft.route.length < 2) problems.route = "Add at least two points to draw the route (tap or click the map, or use the buttons).";
  if (Object.keys(problems).length > 0 || !from || !to) return { problems };
  const area = draft.mode === "pin" ? { lat: draft.pin![1], lng: draft.pin![0], radiusM: draft.radiusM } : { route: { type: "LineString", coordinates: routeLine && routeLine.length >= 2 ? routeLine : draft.route }, widthM: draft.widthM };
  return { problems, from, to, area };
}

/**
 * The body of POST /api/incidents for a draft that draftToRequest accepted. A pin found by an address is saved
 * with that address; otherwise the server names the incident after the nearest address point to the pin.
 */
export function incidentBody(draft: SearchDraft, req: { from: string; to: string; area: NonNullable<ReturnType<typeof draftToRequest>["area"]> }) {
  const address = draft.mode === "pin" ? draft.pinAddress?.trim() : undefined;
  return {
    caseNumber: draft.caseNumber.trim() || undefined,
    ...(address ? { address: address.slice(0, 200) } : {}),
    ...req.area,
    occurredAt: req.from === req.to ? req.from : { from: req.from, to: req.to },
  };
}

/**
 * The API's field errors for a search or a save, beside the map form's fields where it has one
 * (the time, the window's end, the pin, the route); anything else stays one message.
 */
export function problemsFromServer(errors: Record<string, string>): Problems {
  const problems: Problems = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = /^(at|occurredAt(\.from)?)$/.test(path)
      ? "time"
      : path === "occurredAt.to"
        ? "endTime"
        : /^(lat|lng)$/.test(path)
          ? "pin"
          : /^route\b/.test(path)
            ? "route"
            : null;
    if (field) problems[field] ??= `${message.charAt(0).toUpperCase()}${message.slice(1)}${message.endsWith(".") ? "" : "."}`;
  }
  return problems;
}
