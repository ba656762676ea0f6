import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { INCIDENT_STATUS_FILTERS, listIncidents, type IncidentStatusFilter } from "@/lib/investigation/incidents";

export const metadata: Metadata = { title: "Incidents" };
export const dynamic = "force-dynamic";

const FILTER_LABELS: Record<IncidentStatusFilter, string> = { open: "Open", closed: "Closed", all: "All" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("detective", "/incidents");
  const { timeZone } = agencySettings();
  const asked = (await searchParams).status;
  // Open incidents by default: closed ones are a click away, not in the way.
  const status: IncidentStatusFilter = INCIDENT_STATUS_FILTERS.find((f) => f === asked) ?? "open";
  const incidents = await listIncidents(await getDb(), { status, timeZone });
  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h1 className="text-xl font-semibold">Incidents</h1>
        <Link href="/map" className="text-sm underline">
          New search on the map
        </Link>
      </div>
      <nav aria-label="Incident status" className="flex gap-1 text-sm">
        {INCIDENT_STATUS_FILTERS.map((f) => (
          <Link
            key={f}
            href={`/incidents?status=${f}`}
            aria-current={f === status ? "page" : undefined}
            className={`rounded px-3 py-1 ${f === status ? "bg-brand-700 text-white" : "border border-slate-300 hover:bg-slate-50"}`}
          >
            {FILTER_LABELS[f]}
          </Link>
        ))}
      </nav>
      {incidents.length === 0 ? (
        <p className="text-sm text-slate-600">
          {status === "all" ? "No incidents saved yet. Search on the map and choose “Save incident”." : `No ${FILTER_LABELS[status].toLowerCase()} incidents.`}
        </p>
      ) : (
        // On a phone the kind of search and the save time give way, so the rest fits without sideways scrolling.
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
                <th className="p-2">Incident</th>
                <th className="p-2">When ({timeZone})</th>
                <th className="p-2 max-sm:hidden">Search</th>
                <th className="p-2 text-right">Sites</th>
                <th className="p-2">Status</th>
                <th className="p-2 max-sm:hidden">Saved</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} className="border-b border-slate-100 hover:bg-slate-50">
                  <td className="p-2">
                    <Link className="font-medium underline" href={`/incidents/${i.id}`}>
                      {i.title}
                    </Link>
                    {i.address && !i.title.includes(i.address) ? <span className="block text-xs text-slate-600">{i.address}</span> : null}
                  </td>
                  <td className="p-2">
                    {formatAgencyTime(i.occurredFrom, timeZone)}
                    {i.occurredTo !== i.occurredFrom && <> – {formatAgencyTime(i.occurredTo, timeZone)}</>}
                  </td>
                  <td className="p-2 max-sm:hidden">{i.kind === "point" ? "Pin and radius" : "Route corridor"}</td>
                  <td className="p-2 text-right tabular-nums">{i.canvassEntries}</td>
                  <td className="p-2">
                    {i.status === "open" ? "Open" : "Closed"}
                    {i.closedAt ? <span className="block text-xs text-slate-600">{[i.closedByName, formatAgencyTime(i.closedAt, timeZone)].filter(Boolean).join(", ")}</span> : null}
                  </td>
                  <td className="p-2 text-xs text-slate-600 max-sm:hidden">{formatAgencyTime(i.createdAt, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
