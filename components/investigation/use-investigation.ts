"use client";
/** The investigation's client state: the search being built, its results, the filters, the selection. */
import { useCallback, useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { NO_FILTERS, type ResultFilters } from "@/lib/investigation/result-filters";
import { draftToRequest, incidentBody, initialDraft, patchDraft, problemsAfterPatch, problemsFromServer, type SearchDraft } from "@/lib/investigation/search-draft";
import type { InitialIncident, LngLat, SiteFeature, WorkspaceSettings } from "@/lib/investigation/workspace-types";
import { MAX_SNAP_POINTS, snapRoute } from "./use-route-snap";
import { fetchAllPages, nextByUrl } from "./fetch-all-pages";

export type { SearchDraft };

export function useInvestigation(settings: WorkspaceSettings, incident: InitialIncident | null) {
  const [draft, setDraft] = useState<SearchDraft>(() => initialDraft(settings, incident));
  const [results, setResults] = useState<SiteFeature[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filters, setFilters] = useState<ResultFilters>(NO_FILTERS);
  // A finished route takes no more points from map clicks (panning a phone map taps it too).
  const [routeDone, setRouteDone] = useState(Boolean(incident?.route.length));
  const [status, setStatus] = useState<{ busy: boolean; message: string | null; problems: Record<string, string> }>({ busy: false, message: null, problems: {} });

  const update = useCallback((patch: Partial<SearchDraft>) => {
    setDraft((d) => patchDraft(d, patch));
    setStatus((s) => ({ ...s, problems: problemsAfterPatch(s.problems, patch) }));
  }, []);

  const addRoutePoint = useCallback((at: LngLat) => {
    setRouteDone(false);
    setDraft((d) => ({ ...d, route: [...d.route, at] }));
    setStatus((s) => ({ ...s, problems: problemsAfterPatch(s.problems, { route: [] }) }));
  }, []);
  const undoRoutePoint = useCallback(() => {
    setRouteDone(false);
    setDraft((d) => ({ ...d, route: d.route.slice(0, -1) }));
  }, []);
  const clearRoute = useCallback(() => {
    setRouteDone(false);
    setDraft((d) => ({ ...d, route: [] }));
  }, []);

  const onMapClick = useCallback(
    (at: LngLat) => {
      if (draft.mode === "pin") update({ pin: at });
      else if (!routeDone) addRoutePoint(at);
    },
    [draft.mode, routeDone, update, addRoutePoint],
  );

  /**
   * The line to search: the clicked route snapped to the streets. A saved route (already a line along the streets)
   * is searched as it is; if snapping fails the clicked line is searched and the message says so.
   */
  const routeLine = useCallback(async (): Promise<{ line?: LngLat[]; note?: string }> => {
    if (draft.mode !== "route" || draft.route.length < 2) return {};
    if (incident && draft.route === incident.route) return {};
    if (draft.route.length > MAX_SNAP_POINTS) return { note: `Over ${MAX_SNAP_POINTS} points: searched as drawn, not snapped to the streets.` };
    const outcome = await snapRoute(draft.route);
    if ("error" in outcome) return { note: `Snapping the route to the streets ${outcome.error}; searched the line as clicked.` };
    return { line: outcome.answer.route.coordinates };
  }, [draft.mode, draft.route, incident]);

  const showFeatures = useCallback((features: SiteFeature[], note?: string) => {
    setResults(features);
    setSelectedId(null);
    const found = `${features.length} registered site${features.length === 1 ? "" : "s"} in range.`;
    setStatus({ busy: false, message: note ? `${found} ${note}` : found, problems: {} });
  }, []);

  const search = useCallback(async () => {
    const first = draftToRequest(draft, settings.timeZone);
    if (!first.from) {
      setStatus({ busy: false, message: null, problems: first.problems });
      return;
    }
    setStatus({ busy: true, message: "Searching…", problems: {} });
    const { line, note } = await routeLine();
    const req = draftToRequest(draft, settings.timeZone, line);
    const progress = (loaded: number, total: number) => setStatus({ busy: true, message: `Loading sites: ${loaded} of ${total}…`, problems: {} });
    // Every page of the answer (the map and the list show every site in range); a following page repeats the search with `after`.
    const res =
      "route" in req.area!
        ? await fetchAllPages(
            () => fetchJson("/api/cameras/along", { method: "POST", body: { ...req.area, at: req.from } }),
            (page) => fetchJson("/api/cameras/along", { method: "POST", body: { ...req.area, at: req.from, after: page.next } }),
            progress,
          )
        : await fetchAllPages(
            () => fetchJson(`/api/cameras/near?${new URLSearchParams({ lat: String(req.area!.lat), lng: String(req.area!.lng), radius: String(req.area!.radiusM), at: req.from! })}`),
            nextByUrl,
            progress,
          );
    if (!res.ok) {
      const problems = problemsFromServer(res.errors);
      const message = res.status === 0 ? "The search could not reach the server." : Object.keys(problems).length > 0 ? "Search not run: see the fields above." : (res.error ?? `Search failed (${res.status}).`);
      setStatus({ busy: false, message, problems });
      return;
    }
    showFeatures(res.data.features, note);
  }, [draft, settings.timeZone, routeLine, showFeatures]);

  // A reopened incident shows what its saved area holds; the server reads the area and records it as viewing the
  // incident (incident.viewed), not as a new search. Searching again after a change is a search.
  const showSaved = useCallback(async () => {
    if (!incident) return;
    setStatus({ busy: true, message: "Loading the incident's sites…", problems: {} });
    const res = await fetchAllPages(() => fetchJson(`/api/incidents/${incident.id}/sites`), nextByUrl, (loaded, total) =>
      setStatus({ busy: true, message: `Loading the incident's sites: ${loaded} of ${total}…`, problems: {} }),
    );
    if (!res.ok) {
      const message = res.status === 0 ? "The incident's sites could not be loaded: no answer from the server." : (res.error ?? `Loading failed (${res.status}).`);
      setStatus({ busy: false, message, problems: {} });
      return;
    }
    showFeatures(res.data.features);
  }, [incident, showFeatures]);

  const finishRoute = useCallback(() => {
    if (draft.route.length < 2) {
      setStatus((s) => ({ ...s, problems: { route: "Add at least two points before finishing the route." } }));
      return;
    }
    setRouteDone(true);
    void search();
  }, [draft.route.length, search]);

  const save = useCallback(async (): Promise<string | null> => {
    const first = draftToRequest(draft, settings.timeZone);
    if (!first.from) {
      setStatus({ busy: false, message: null, problems: first.problems });
      return null;
    }
    setStatus((s) => ({ ...s, busy: true, message: "Saving the incident…" }));
    const { line } = await routeLine();
    const req = draftToRequest(draft, settings.timeZone, line);
    const res = await fetchJson<{ id: string; canvassEntries: number }>("/api/incidents", {
      method: "POST",
      body: incidentBody(draft, { from: req.from!, to: req.to!, area: req.area! }),
    });
    if (!res.ok) {
      const problems = problemsFromServer(res.errors);
      const message =
        res.status === 0 ? "Saving could not reach the server; nothing was saved." : Object.keys(problems).length > 0 ? "Not saved: see the fields above." : (res.error ?? `Saving failed (${res.status}).`);
      setStatus({ busy: false, message, problems });
      return null;
    }
    setStatus({ busy: false, message: `Incident saved with ${res.data.canvassEntries} canvass entries.`, problems: {} });
    return res.data.id;
  }, [draft, settings.timeZone, routeLine]);

  return {
    draft,
    update,
    onMapClick,
    route: { done: routeDone, add: addRoutePoint, undo: undoRoutePoint, clear: clearRoute, finish: finishRoute, reopen: () => setRouteDone(false) },
    results,
    filters,
    setFilters,
    selectedId,
    setSelectedId,
    status,
    search,
    showSaved,
    save,
  };
}
