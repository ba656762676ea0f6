"use client";
/** The investigation's client state: the search being built, its results, the selection. */
import { useCallback, useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { draftToRequest, initialDraft, type SearchDraft } from "@/lib/investigation/search-draft";
import type { InitialIncident, LngLat, SiteFeature, WorkspaceSettings } from "@/lib/investigation/workspace-types";

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

  const showFeatures = useCallback((features: SiteFeature[]) => {
    setResults(features);
    setSelectedId(null);
    setStatus({ busy: false, message: `${features.length} registered site${features.length === 1 ? "" : "s"} in range.`, problems: {} });
  }, []);

  const search = useCallback(async () => {
    const req = draftToRequest(draft, settings.timeZone);
    if (!req.from) {
      setStatus({ busy: false, message: null, problems: req.problems });
      return;
    }
    setStatus({ busy: true, message: "Searching…", problems: {} });
    const res =
      "route" in req.area!
        ? await fetchJson<{ features: SiteFeature[] }>("/api/cameras/along", { method: "POST", body: { ...req.area, at: req.from } })
        : await fetchJson<{ features: SiteFeature[] }>(
            `/api/cameras/near?${new URLSearchParams({ lat: String(req.area!.lat), lng: String(req.area!.lng), radius: String(req.area!.radiusM), at: req.from })}`,
          );
    if (!res.ok) {
      const message = res.status === 0 ? "The search could not reach the server." : (res.error ?? `Search failed (${res.status}).`);
      setStatus({ busy: false, message, problems: {} });
      return;
    }
    showFeatures(res.data.features);
  }, [draft, settings.timeZone, showFeatures]);

  // A reopened incident shows what its saved area holds; the server reads the area and records it as viewing the
  // incident (incident.viewed), not as a new search. Searching again after a change is a search.
  const showSaved = useCallback(async () => {
    if (!incident) return;
    setStatus({ busy: true, message: "Loading the incident's sites…", problems: {} });
    const res = await fetchJson<{ features: SiteFeature[] }>(`/api/incidents/${incident.id}/sites`);
    if (!res.ok) {
      const message = res.status === 0 ? "The incident's sites could not be loaded: no answer from the server." : (res.error ?? `Loading failed (${res.status}).`);
      setStatus({ busy: false, message, problems: {} });
      return;
    }
    showFeatures(res.data.features);
  }, [incident, showFeatures]);

  const save = useCallback(async (): Promise<string | null> => {
    const req = draftToRequest(draft, settings.timeZone);
    if (!req.from) {
      setStatus({ busy: false, message: null, problems: req.problems });
      return null;
    }
    setStatus((s) => ({ ...s, busy: true, message: "Saving the incident…" }));
    const res = await fetchJson<{ id: string; canvassEntries: number }>("/api/incidents", {
      method: "POST",
      body: {
        caseNumber: draft.caseNumber.trim() || undefined,
        ...req.area,
        occurredAt: req.from === req.to ? req.from : { from: req.from, to: req.to },
      },
    });
    if (!res.ok) {
      const message = res.status === 0 ? "Saving could not reach the server; nothing was saved." : (res.error ?? `Saving failed (${res.status}).`);
      setStatus({ busy: false, message, problems: {} });
      return null;
    }
    setStatus({ busy: false, message: `Incident saved with ${res.data.canvassEntries} canvass entries.`, problems: {} });
    return res.data.id;
  }, [draft, settings.timeZone]);

  return { draft, update, onMapClick, results, selectedId, setSelectedId, status, search, showSaved, save };
}
