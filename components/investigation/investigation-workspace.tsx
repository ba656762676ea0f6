"use client";
import { useRouter } from "next/navigation";
import { InvestigationMapLoader } from "@/components/map/investigation-map-loader";
import { IncidentForm } from "./incident-form";
import { ResultsList } from "./results-list";
import { useInvestigation } from "./use-investigation";
import type { InitialIncident, WorkspaceSettings } from "@/lib/investigation/workspace-types";
import { useEffect, useRef } from "react";

/** The detective's workspace: the incident form and ranked results beside the map. */
export function InvestigationWorkspace({
  settings,
  incident,
  headingLevel = "h1",
}: {
  settings: WorkspaceSettings;
  incident: InitialIncident | null;
  /** "h2" where the page has its own h1 (the incident page): one h1 per page. */
  headingLevel?: "h1" | "h2";
}) {
  const Heading = headingLevel;
  const router = useRouter();
  const inv = useInvestigation(settings, incident);
  const { showSaved } = inv;
  const shownSaved = useRef(false);

  // A reopened incident shows its results straight away (audited as viewing it, not as a search).
  useEffect(() => {
    if (incident && !shownSaved.current) {
      shownSaved.current = true;
      void showSaved();
    }
  }, [incident, showSaved]);

  return (
    <div className="grid gap-3 lg:h-[calc(100vh-9rem)] lg:grid-cols-[22rem_1fr]">
      {/* One scroll area beside the map for the form and the results: with the results in a box of their own under
          the form, a 800 px high laptop screen showed a single result at a time. */}
      <aside className="flex min-h-0 flex-col gap-3 lg:overflow-y-auto lg:pr-1" aria-label="Incident and results">
        <section className="rounded border border-slate-200 bg-white p-3">
          <Heading className="mb-2 text-base font-semibold">{incident ? `Incident ${incident.caseNumber ?? ""}`.trim() : "New search"}</Heading>
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
          />
          {inv.status.message && (
            <p className="mt-2 text-sm text-slate-700" role="status" aria-live="polite">
              {inv.status.message}
            </p>
          )}
        </section>
        {inv.results && (
          <section aria-label="Results">
            <ResultsList results={inv.results} selectedId={inv.selectedId} onSelect={inv.setSelectedId} timeZone={settings.timeZone} incidentId={incident?.id} />
          </section>
        )}
      </aside>
      <div className="h-[60vh] min-h-[24rem] overflow-hidden rounded border border-slate-200 lg:h-auto" data-testid="investigation-map">
        <InvestigationMapLoader
          settings={settings.map}
          mode={inv.draft.mode}
          pin={inv.draft.pin}
          route={inv.draft.route}
          radiusM={inv.draft.radiusM}
          widthM={inv.draft.widthM}
          results={inv.results ?? []}
          selectedId={inv.selectedId}
          onSelect={inv.setSelectedId}
          onMapClick={inv.onMapClick}
        />
      </div>
    </div>
  );
}
