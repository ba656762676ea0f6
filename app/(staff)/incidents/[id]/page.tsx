import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { IncidentDetails } from "@/components/incidents/incident-details";
import { InvestigationWorkspace } from "@/components/investigation/investigation-workspace";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { roleAllows } from "@/lib/auth/roles";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { readIncident } from "@/lib/investigation/incidents";
import { closeIncidentEffects } from "@/lib/investigation/close-effects";
import { retentionState } from "@/lib/evidence/retention";
import { env } from "@/lib/env.js";
import { initialIncident, workspaceSettings } from "@/lib/investigation/workspace-props";

export const metadata: Metadata = { title: "Incident" };
export const dynamic = "force-dynamic";

/** A saved incident reopened on the map, with its canvass list below. */
export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requireStaffPage("detective", `/incidents/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const { timeZone } = agencySettings();
  const db = await getDb();
  const incident = await readIncident(db, id, { timeZone });
  if (!incident) notFound();
  const isSupervisor = roleAllows(principal.role, "supervisor");
  const closeEffects =
    isSupervisor && incident.status === "open"
      ? closeIncidentEffects({ evidenceRetentionDays: env.EVIDENCE_RETENTION_DAYS ?? null, legalHold: (await retentionState(db, id, env.EVIDENCE_RETENTION_DAYS)).hold !== null })
      : [];
  const area = incident.area;
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <p className="text-xs text-slate-600">
            <Link href="/incidents" className="underline">
              Incidents
            </Link>{" "}
            / {incident.caseNumber ?? "(no case number)"}
          </p>
          <h1 className="text-xl font-bold" data-testid="incident-title">
            {incident.title}
          </h1>
          <p className="text-sm text-slate-700">
            {formatAgencyTime(incident.occurredFrom, timeZone)}
            {incident.occurredTo !== incident.occurredFrom && <> – {formatAgencyTime(incident.occurredTo, timeZone)}</>} ·{" "}
            {area.kind === "point" ? `${area.radiusM} m around the pin` : `${area.widthM} m corridor along the route`} · {incident.canvassEntries} sites on the canvass
          </p>
        </div>
        <Link href={`/map?incident=${incident.id}`} className="text-sm underline">
          Open on the full map
        </Link>
      </header>
      <IncidentDetails
        incident={incident}
        canEdit={isSupervisor || incident.createdBy === principal.userId}
        canChangeStatus={isSupervisor}
        closedText={incident.status === "closed" && incident.closedAt ? `Closed by ${incident.closedByName ?? "a supervisor"}, ${formatAgencyTime(incident.closedAt, timeZone)}` : null}
        closeEffects={closeEffects}
      />
      {/* One numbering on this page: the results and the map use the canvass's stop numbers, as the table below does. */}
      <InvestigationWorkspace
        settings={workspaceSettings()}
        incident={initialIncident(incident)}
        numbering={{ kind: "walk", stopByRegistration: Object.fromEntries(incident.canvass.map((e) => [e.registrationId, e.walkOrder])) }}
        headingLevel="h2"
      />
      <section>
        <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold">Canvass</h2>
          {/* The canvass itself (outcomes, assignments, exports) is worked on its own page. */}
          <span className="flex gap-3">
            <Link href={`/incidents/${incident.id}/canvass`} className="text-sm underline">
              Work the canvass: walk order, outcomes, exports
            </Link>
            <Link href={`/incidents/${incident.id}/evidence`} className="text-sm underline">
              Evidence
            </Link>
          </span>
        </div>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
                {/* The walk's stop number; the map and results above are numbered by rank. */}
                <th className="p-2">Stop</th>
                <th className="p-2">Address</th>
                <th className="p-2 text-right">Distance</th>
                <th className="p-2">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {incident.canvass.map((e) => (
                <tr key={e.id} className="border-b border-slate-100">
                  <td className="p-2 tabular-nums">{e.walkOrder}</td>
                  <td className="p-2">
                    {e.address}
                    {e.updatedSince && (
                      // The stop keeps what the search found; the owner's later change is flagged here and detailed on the canvass.
                      <span className="mt-0.5 block text-xs text-amber-900" data-testid="updated-since-flag" title={formatAgencyTime(e.updatedSince.at, timeZone)}>
                        <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold">Updated since saved</span>{" "}
                        {e.updatedSince.changes.map((c) => c.label).join(", ")} ·{" "}
                        <Link href={`/incidents/${incident.id}/canvass`} className="underline">
                          see the stop
                        </Link>
                      </span>
                    )}
                  </td>
                  <td className="p-2 text-right tabular-nums">{e.distanceM === null ? "–" : `${Math.round(e.distanceM)} m`}</td>
                  <td className="p-2">{e.outcome.replaceAll("_", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
