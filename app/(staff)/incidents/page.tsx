import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { listIncidents } from "@/lib/investigation/incidents";

export const metadata: Metadata = { title: "Incidents" };
export const dynamic = "force-dynamic";

export default async function IncidentsPage() {
  await requireStaffPage("detective", "/incidents");
  const { timeZone } = agencySettings();
  const incidents = await listIncidents(await getDb());
  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h1 className="text-xl font-semibold">Incidents</h1>
        <Link href="/map" className="text-sm underline">
          New search on the map
        </Link>
      </div>
      {incidents.length === 0 ? (
        <p className="text-sm text-slate-600">No incidents saved yet. Search on the map and choose “Save incident”.</p>
      ) : (
        // On a phone the kind of search and the save time give way, so the rest fits without sideways scrolling.
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
                <th className="p-2">Case</th>
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
                      {i.caseNumber ?? "(no case number)"}
                    </Link>
                  </td>
                  <td className="p-2">
                    {formatAgencyTime(i.occurredFrom, timeZone)}
                    {i.occurredTo !== i.occurredFrom && <> – {formatAgencyTime(i.occurredTo, timeZone)}</>}
                  </td>
                  <td className="p-2 max-sm:hidden">{i.kind === "point" ? "Pin and radius" : "Route corridor"}</td>
                  <td className="p-2 text-right tabular-nums">{i.canvassEntries}</td>
                  <td className="p-2">{i.status}</td>
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
