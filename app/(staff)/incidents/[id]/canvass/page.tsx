import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { roleAllows } from "@/lib/auth/roles";
import { loadAssignableStaff } from "@/lib/canvass/assignable-staff";
import { canvassExportMinRole, readCanvassSheet } from "@/lib/canvass/canvass-export";
import { FINAL_OUTCOMES, incidentLabel, type CanvassRow } from "@/lib/canvass/canvass-types";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { pageAuditActor } from "@/lib/canvass/page-actor";
import { listStopEvidence } from "@/lib/evidence/evidence-items";
import { listFootageRequests } from "@/lib/evidence/footage-requests";
import { BlockAssign } from "@/components/canvass/block-assign";
import { CanvassEntryCard } from "@/components/canvass/canvass-entry-card";
import { CanvassMapLoader } from "@/components/canvass/canvass-map-loader";
import { RecomputeWalkButton } from "@/components/canvass/recompute-walk-button";

export const metadata: Metadata = { title: "Canvass" };
export const dynamic = "force-dynamic";

/** Consecutive stops on one block face, as the walk visits them. */
function blockGroups(rows: CanvassRow[]) {
  const groups: { key: string; label: string; rows: CanvassRow[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.key === row.blockFaceKey) last.rows.push(row);
    else groups.push({ key: row.blockFaceKey, label: row.blockFaceLabel, rows: [row] });
  }
  return groups;
}

export default async function CanvassPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requireStaffPage("detective", `/incidents/${id}/canvass`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const actor = await pageAuditActor(principal);
  const sheet = await readCanvassSheet(db, id, actor);
  if (!sheet) notFound();
  // The page shows owners' contact details: that read is audited like an API read.
  await recordAudit(db, actor, { action: "canvass.viewed", targetType: "incident", targetId: id, details: { format: "page", rows: sheet.rows.length } });

  const agency = agencySettings();
  const isSupervisor = roleAllows(principal.role, "supervisor");
  const canExport = roleAllows(principal.role, canvassExportMinRole());
  const staff = isSupervisor ? (await loadAssignableStaff(db)).map((s) => ({ id: s.id, name: s.name })) : [];
  const { incident } = sheet;
  const center = incident.point ?? incident.route?.[0] ?? null;
  const done = sheet.rows.filter((r) => FINAL_OUTCOMES.includes(r.outcome)).length;
  const contacted = sheet.rows.filter((r) => r.outcome !== "not_contacted").length;
  const requests = await listFootageRequests(db, sheet.rows.map((r) => r.entryId));
  const stopEvidence = await listStopEvidence(db, sheet.rows.map((r) => r.entryId));
  const exportUrl = (format: string) => `/api/incidents/${id}/canvass?format=${format}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-sm text-slate-600">
            <Link className="underline" href={`/incidents/${id}`}>
              Incident
            </Link>{" "}
            · case {incident.caseNumber ?? "(none)"} · {formatAgencyTime(incident.occurredFrom, agency.timeZone)}
            {incident.radiusM ? ` · radius ${Math.round(incident.radiusM)} m` : ""}
          </p>
          <h1 className="text-xl font-bold">Canvass: {incidentLabel(incident, agency.timeZone)}</h1>
          <p className="text-sm text-slate-700" data-testid="canvass-progress">
            {sheet.rows.length} stops · {contacted} contacted · {done} done
          </p>
        </div>
        <div className="no-print flex flex-wrap items-center gap-2 text-sm">
          {canExport ? (
            <>
              <a className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-900" href={exportUrl("pdf")}>
                PDF canvass sheet
              </a>
              <a className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50" href={exportUrl("csv")}>
                CSV
              </a>
              <a className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50" href={exportUrl("geojson")}>
                GeoJSON
              </a>
            </>
          ) : (
            <span className="text-xs text-slate-600">Exports need the {canvassExportMinRole()} role.</span>
          )}
          <Link className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50" href={`/incidents/${id}/evidence`}>
            Evidence
          </Link>
          {isSupervisor ? <RecomputeWalkButton incidentId={id} /> : null}
        </div>
      </div>

      {center ? (
        <CanvassMapLoader
          center={center}
          radiusM={incident.radiusM}
          centerlines={sheet.centerlines}
          tileUrl={agency.map.tileUrl}
          tileAttribution={agency.map.tileAttribution}
          stops={sheet.rows
            .filter((r) => r.location && r.walkOrder !== null)
            .map((r) => ({
              walkOrder: r.walkOrder!,
              address: r.addressLine1,
              location: r.location!,
              flagged: r.deadlineStatus === "likely_overwritten" || r.deadlineStatus === "urgent",
              done: FINAL_OUTCOMES.includes(r.outcome),
            }))}
        />
      ) : null}

      {sheet.rows.length === 0 ? <p className="text-sm text-slate-600">No registered sites in this incident&apos;s area.</p> : null}
      {blockGroups(sheet.rows).map((group, i) => (
        <section key={`${group.key}-${i}`} aria-label={group.label} className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-1">
            <h2 className="text-sm font-semibold text-slate-800">{group.label}</h2>
            {isSupervisor ? <BlockAssign incidentId={id} blockFaceKey={group.key} blockFaceLabel={group.label} staff={staff} /> : null}
          </div>
          <ol className="space-y-2">
            {group.rows.map((row) => (
              <CanvassEntryCard
                key={row.entryId}
                row={row}
                incidentStart={incident.occurredFrom}
                timeZone={agency.timeZone}
                staff={staff}
                canAssign={isSupervisor}
                canEdit={isSupervisor || row.assignedToId === null || row.assignedToId === principal.userId}
                footageRequests={requests.filter((r) => r.canvassEntryId === row.entryId)}
                evidence={stopEvidence.filter((e) => e.canvassEntryId === row.entryId)}
                directionsUrlTemplate={agency.directionsUrlTemplate}
              />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
