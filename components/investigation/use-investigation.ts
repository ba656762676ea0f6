"use client";
/** The investigation's client state: the search being built, its results, the selection. */
import { useCallback, useState } from "react";
import { draftToRequest, initialDraft, type SearchDraft } from "@/lib/investigation/search-draft";
import type { InitialIncident, LngLat, SiteFeature, WorkspaceSettings } from "./types";

export type { SearchDraft };

export function useInvestigation(settings: WorkspaceSettings, incident: InitialIncident | null) {
  const [draft, setDraft] = useState<SearchDraft>(() => initialDraft(settings, incident));
  const [results, setResults] = useState<SiteFeature[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<{ busy: boolean; message: string | null; problems: Record<string, string> }>({ busy: false, message: null, problems: {} });

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
