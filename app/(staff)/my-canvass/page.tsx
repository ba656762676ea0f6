import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { OUTCOME_LABELS } from "@/lib/canvass/canvass-types";
import { formatClockOffset } from "@/lib/canvass/clock-offset";
import { loadMyCanvass } from "@/lib/canvass/my-canvass";
import { DeadlineBadge } from "@/components/canvass/deadline-badge";

export const metadata: Metadata = { title: "My canvass" };
export const dynamic = "force-dynamic";

export default async function MyCanvassPage() {
  const principal = await requireStaffPage("detective", "/my-canvass");
  const { timeZone } = agencySettings();
  const items = await loadMyCanvass(await getDb(), principal.userId, timeZone);
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-bold">My canvass</h1>
      <p className="text-sm text-slate-700">Stops assigned to you on open incidents, the footage most at risk first.</p>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing assigned to you.</p>
      ) : (
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-1 pr-2">Footage deadline</th>
              <th className="py-1 pr-2">Incident</th>
              <th className="py-1 pr-2">Stop</th>
              <th className="py-1 pr-2">Address</th>
              <th className="py-1 pr-2">Outcome</th>
              <th className="py-1">Clock offset</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.entryId} className="border-b border-slate-100 align-top" data-testid="my-canvass-item">
                <td className="py-1 pr-2">
                  <DeadlineBadge deadline={item.footageDeadline} status={item.deadlineStatus} timeZone={timeZone} />
                </td>
                <td className="py-1 pr-2">
                  <Link className="underline" href={`/incidents/${item.incidentId}/canvass`}>
                    {item.incidentLabel}
                  </Link>
                </td>
                <td className="py-1 pr-2">{item.walkOrder ?? "–"}</td>
                <td className="py-1 pr-2">
                  {item.address}
                  <span className="block text-xs text-slate-500">{item.blockFaceLabel}</span>
                </td>
                <td className="py-1 pr-2">{OUTCOME_LABELS[item.outcome]}</td>
                <td className="py-1">{formatClockOffset(item.clockOffsetS)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
