"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { InvestigationMapLoader } from "@/components/map/investigation-map-loader";
import { filterResults } from "@/lib/investigation/result-filters";
import { BY_RANK, inViewOrder, type Numbering } from "@/lib/investigation/result-numbering";
import { draftToRequest } from "@/lib/investigation/search-draft";
import { formatAgencyTime } from "@/lib/time/agency-time";
import type { InitialIncident, LngLat, WorkspaceSettings } from "@/lib/investigation/workspace-types";
import { IncidentForm } from "./incident-form";
import { ResultsList } from "./results-list";
import { RoutePanel } from "./route-panel";
import { useInvestigation, type SearchDraft } from "./use-investigation";
import { useRouteSnap } from "./use-route-snap";

/**
 * The detective's workspace. Wide screens (≥1280 px): the form, the results and
 * the map side by side, the results scrolling on their own. Laptops: the form
 * above the results in one column, each scrolling on its own, beside the map.
 * Phones: the form, the map, then the results. (With the results under the
 * form in one scroll area, a 900 px high screen showed one result at a time.)
 */
export function InvestigationWorkspace({
  settings,
  incident,
  numbering = BY_RANK,
  headingLevel = "h1",
}: {
  settings: WorkspaceSettings;
  incident: InitialIncident | null;
  /** The search map numbers by rank; a saved incident's page (its list and its map) by its canvass's walk order. */
  numbering?: Numbering;
  /** "h2" where the page has its own h1 (the incident page): one h1 per page. */
  headingLevel?: "h1" | "h2";
}) {
  const Heading = headingLevel;
  const router = useRouter();
  const inv = useInvestigation(settings, incident);
  const { showSaved } = inv;
  const shownSaved = useRef(false);
  const [mapCenter, setMapCenter] = useState<LngLat | null>(null);
  const [formOpen, setFormOpen] = useState(true);
  // Each new set of results folds the form (below 1280 px; see the summary).
  const [foldedFor, setFoldedFor] = useState<unknown>(null);
  if (inv.results && foldedFor !== inv.results) {
    setFoldedFor(inv.results);
    setFormOpen(false);
  }
  const onCenterChange = useCallback((at: LngLat) => setMapCenter(at), []);

  // A reopened incident's route is already the line along the streets it was searched on.
  const savedRoute = Boolean(incident && inv.draft.route === incident.route);
  const snap = useRouteSnap(inv.draft.route, inv.draft.mode === "route" && !savedRoute);
  const snapped = !savedRoute && snap.outcome && "answer" in snap.outcome ? snap.outcome.answer : null;
  const routeLine = savedRoute ? inv.draft.route : (snapped?.route.coordinates ?? null);
  const routePoints = savedRoute ? [inv.draft.route[0], inv.draft.route[inv.draft.route.length - 1]] : inv.draft.route;
  const shown = useMemo(() => inViewOrder(filterResults(inv.results ?? [], inv.filters), numbering), [inv.results, inv.filters, numbering]);

  // A reopened incident shows its results straight away (audited as viewing it, not as a search).
  useEffect(() => {
    if (incident && !shownSaved.current) {
      shownSaved.current = true;
      void showSaved();
    }
  }, [incident, showSaved]);

  return (
    // Wide screens use the whole window (the page's column is 72 rem): the map gets the room the two panels leave.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-3 lg:h-[calc(100vh-12.5rem)] lg:grid-cols-[24rem_minmax(0,1fr)] lg:grid-rows-[minmax(0,auto)_minmax(0,1fr)] xl:relative xl:left-1/2 xl:w-[calc(100vw-3rem)] xl:-translate-x-1/2 xl:grid-cols-[21rem_24rem_minmax(0,1fr)] xl:grid-rows-1">
      <section
        className="min-h-0 rounded border border-slate-200 bg-white p-3 lg:col-start-1 lg:row-start-1 lg:max-h-[28rem] lg:overflow-y-auto xl:max-h-none"
        aria-label="Incident"
      >
        <Heading className="mb-2 text-base font-semibold">{incident ? `Incident ${incident.caseNumber ?? ""}`.trim() : "New search"}</Heading>
        {!formOpen && (
          <div className="mb-2 flex items-center justify-between gap-2 xl:hidden" data-testid="search-summary">
            <p className="text-sm text-slate-700">{searchSummary(inv.draft, settings.timeZone)}</p>
            <button type="button" className="min-h-11 shrink-0 rounded border border-slate-300 bg-white px-3 text-sm hover:bg-slate-100" onClick={() => setFormOpen(true)}>
              Edit search
            </button>
          </div>
        )}
        {/* Below 1280 px the form folds into a one-line summary once results are in: they get the column. */}
        <div className={formOpen ? undefined : "hidden xl:block"}>
          <IncidentForm
            draft={inv.draft}
            timeZone={settings.timeZone}
            maxSearchRadiusM={settings.maxSearchRadiusM}
            problems={inv.status.problems}
            busy={inv.status.busy}
            onChange={inv.update}
            onSearch={() => void inv.search()}
            saveLabel={incident ? "Save as new incident" : "Save incident"}
            onSave={async () => {
              const id = await inv.save();
              if (id) router.push(`/incidents/${id}`);
            }}
            onPinAtMapCenter={mapCenter ? () => inv.update({ pin: mapCenter }) : undefined}
            routePanel={
              <RoutePanel
                points={inv.draft.route}
                done={inv.route.done}
                snap={savedRoute ? { outcome: null, pending: false } : snap}
                mapCenter={mapCenter}
                pin={inv.draft.pin}
                onAdd={inv.route.add}
                onUndo={inv.route.undo}
                onClear={inv.route.clear}
                onFinish={inv.route.finish}
                onReopen={inv.route.reopen}
              />
            }
          />
        </div>
        {inv.status.message && (
          <p className="mt-2 text-sm text-slate-700" role="status" aria-live="polite">
            {inv.status.message}
          </p>
        )}
      </section>
      <section
        aria-label="Results"
        data-testid="results-panel"
        className="order-3 min-h-0 min-w-0 lg:order-none lg:col-start-1 lg:row-start-2 lg:overflow-y-auto lg:pr-1 xl:col-start-2 xl:row-start-1"
      >
        {inv.results ? (
          <ResultsList
            results={inv.results}
            shown={shown}
            filters={inv.filters}
            onFilters={inv.setFilters}
            route={inv.draft.mode === "route"}
            numbering={numbering}
            selectedId={inv.selectedId}
            onSelect={inv.setSelectedId}
            timeZone={settings.timeZone}
            incidentId={incident?.id}
          />
        ) : (
          <p className="hidden rounded border border-dashed border-slate-300 p-3 text-sm text-slate-600 xl:block">Results appear here, ranked, after a search.</p>
        )}
      </section>
      <div
        className="relative order-2 h-[60vh] min-h-[24rem] overflow-hidden rounded border border-slate-200 lg:order-none lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:h-auto xl:col-start-3 xl:row-span-1"
        data-testid="investigation-map"
      >
        <InvestigationMapLoader
          settings={settings.map}
          mode={inv.draft.mode}
          pin={inv.draft.pin}
          route={routePoints}
          routeLine={routeLine}
          routeLegs={snapped?.legs ?? null}
          radiusM={inv.draft.radiusM}
          widthM={inv.draft.widthM}
          results={inv.results ?? []}
          shownResults={shown}
          numbering={numbering}
          selectedId={inv.selectedId}
          onSelect={inv.setSelectedId}
          onMapClick={inv.onMapClick}
          onCenterChange={onCenterChange}
        />
        {/* The point "Add point at map centre" and "Drop pin at map centre" use. */}
        <div aria-hidden className="pointer-events-none absolute left-1/2 top-1/2 z-[500] -ml-3 -mt-3 h-6 w-6" data-testid="map-crosshair">
          <div className="absolute left-1/2 top-0 h-full w-0.5 -translate-x-1/2 bg-slate-900/70" />
          <div className="absolute left-0 top-1/2 h-0.5 w-full -translate-y-1/2 bg-slate-900/70" />
        </div>
      </div>
    </div>
  );
}

/** The folded form's one line: what was searched, where and when. */
function searchSummary(draft: SearchDraft, timeZone: string): string {
  const where = draft.mode === "pin" ? `Pin, ${draft.radiusM} m around it` : `Route of ${draft.route.length} points, ${draft.widthM} m corridor`;
  const { from, to } = draftToRequest(draft, timeZone);
  if (!from || !to) return where;
  const when = from === to ? formatAgencyTime(from, timeZone) : `${formatAgencyTime(from, timeZone)} to ${formatAgencyTime(to, timeZone)}`;
  return `${where} · ${when}`;
}
