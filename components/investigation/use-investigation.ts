"use client";
/** The investigation's client state: the search being built, its results, the selection. */
import { useCallback, useState } from "react";
import { agencyLocalToIso, isoToAgencyLocal } from "@/lib/investigation/agency-time";
import type { InitialIncident, LngLat, SearchMode, SiteFeature, WorkspaceSettings } from "./types";

export interface SearchDraft {
  mode: SearchMode;
  pin: LngLat | null;
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

type Problems = Record<string, string>;

/** The draft as the API's request bodies, or the problems to show beside the fields. */
export function draftToRequest(draft: SearchDraft, timeZone: string) {
  const problems: Problems = {};
  const from = agencyLocalToIso(draft.date, draft.time, timeZone);
  if (!from) problems.time = "Enter the date and time of the incident.";
  const to = draft.useWindow ? agencyLocalToIso(draft.endDate, draft.endTime, timeZone) : from;
  if (draft.useWindow && !to) problems.endTime = "Enter when the window ends.";
  if (from && to && to < from) problems.endTime = "The window must end after it starts.";
  if (draft.mode === "pin" && !draft.pin) problems.pin = "Click the map to drop the incident pin, or find an address.";
  if (draft.mode === "route" && draft.route.length < 2) problems.route = "Click the map at least twice to draw the route.";
  if (Object.keys(problems).length > 0 || !from || !to) return { problems };
  const area = draft.mode === "pin" ? { lat: draft.pin![1], lng: draft.pin![0], radiusM: draft.radiusM } : { route: { type: "LineString", coordinates: draft.route }, widthM: draft.widthM };
  return { problems, from, to, area };
}

export function useInvestigation(settings: WorkspaceSettings, incident: InitialIncident | null) {
  const [draft, setDraft] = useState<SearchDraft>(() => initialDraft(settings, incident));
  const [results, setResults] = useState<SiteFeature[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<{ busy: boolean; message: string | null; problems: Problems }>({ busy: false, message: null, problems: {} });

  const update = useCallback((patch: Partial<SearchDraft>) => setDraft((d) => ({ ...d, ...patch })), []);

  const onMapClick = useCallback((at: LngLat) => {
    setDraft((d) => (d.mode === "pin" ? { ...d, pin: at } : { ...d, route: [...d.route, at] }));
  }, []);

  const search = useCallback(async () => {
    const req = draftToRequest(draft, settings.timeZone);
    if (!req.from) {
      setStatus({ busy: false, message: null, problems: req.problems });
      return;
    }
    setStatus({ busy: true, message: "Searching…", problems: {} });
    try {
      const res =
        "route" in req.area!
          ? await fetch("/api/cameras/along", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...req.area, at: req.from }) })
          : await fetch(`/api/cameras/near?${new URLSearchParams({ lat: String(req.area!.lat), lng: String(req.area!.lng), radius: String(req.area!.radiusM), at: req.from })}`);
      const body = await res.json();
      if (!res.ok) {
        setStatus({ busy: false, message: body.error ?? `Search failed (${res.status}).`, problems: {} });
        return;
      }
      setResults(body.features);
      setSelectedId(null);
      setStatus({ busy: false, message: `${body.features.length} registered site${body.features.length === 1 ? "" : "s"} in range.`, problems: {} });
    } catch {
      setStatus({ busy: false, message: "The search could not reach the server.", problems: {} });
    }
  }, [draft, settings.timeZone]);

  const save = useCallback(async (): Promise<string | null> => {
    const req = draftToRequest(draft, settings.timeZone);
    if (!req.from) {
      setStatus({ busy: false, message: null, problems: req.problems });
      return null;
    }
    setStatus((s) => ({ ...s, busy: true, message: "Saving the incident…" }));
    const res = await fetch("/api/incidents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        caseNumber: draft.caseNumber.trim() || undefined,
        ...req.area,
        occurredAt: req.from === req.to ? req.from : { from: req.from, to: req.to },
      }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.status !== 201) {
      setStatus({ busy: false, message: body.error ?? `Saving failed (${res.status}).`, problems: {} });
      return null;
    }
    setStatus({ busy: false, message: `Incident saved with ${body.canvassEntries} canvass entries.`, problems: {} });
    return body.id as string;
  }, [draft, settings.timeZone]);

  return { draft, update, onMapClick, results, selectedId, setSelectedId, status, search, save };
}
