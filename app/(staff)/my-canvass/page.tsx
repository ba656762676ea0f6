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

/** The column name, shown only where the table is laid out as cards. */
function MobileLabel({ children }: { children: string }) {
  return <span className="block text-xs font-medium uppercase tracking-wide text-slate-500 md:hidden">{children}</span>;
}

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
        // Detectives open this on a phone in the street: below md each stop is a card (labels inline), a table above.
        <table className="w-full border-collapse text-sm max-md:block">
          <thead className="max-md:hidden">
            <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-1 pr-2">Footage deadline</th>
              <th className="py-1 pr-2">Incident</th>
              <th className="py-1 pr-2">Stop</th>
              <th className="py-1 pr-2">Address</th>
              <th className="py-1 pr-2">Outcome</th>
              <th className="py-1">Clock offset</th>
            </tr>
          </thead>
          <tbody className="max-md:block max-md:space-y-2">
            {items.map((item) => (
              <tr
                key={item.entryId}
                className="border-b border-slate-100 align-top max-md:grid max-md:grid-cols-2 max-md:gap-x-3 max-md:gap-y-1 max-md:rounded max-md:border max-md:border-slate-200 max-md:bg-white max-md:p-3"
                data-testid="my-canvass-item"
              >
                <td className="py-1 pr-2 max-md:col-span-2 max-md:p-0">
                  <DeadlineBadge deadline={item.footageDeadline} status={item.deadlineStatus} timeZone={timeZone} />
                </td>
                <td className="py-1 pr-2 max-md:p-0">
                  <MobileLabel>Incident</MobileLabel>
                  <Link className="underline" href={`/incidents/${item.incidentId}/canvass`}>
                    {item.incidentLabel}
                  </Link>
                </td>
                <td className="py-1 pr-2 max-md:p-0">
                  <MobileLabel>Stop</MobileLabel>
                  {item.walkOrder ?? "–"}
                </td>
                <td className="py-1 pr-2 max-md:col-span-2 max-md:p-0">
                  <MobileLabel>Address</MobileLabel>
                  {item.address}
                  <span className="block text-xs text-slate-500">{item.blockFaceLabel}</span>
                </td>
                <td className="py-1 pr-2 max-md:p-0">
                  <MobileLabel>Outcome</MobileLabel>
                  {OUTCOME_LABELS[item.outcome]}
                </td>
                <td className="py-1 max-md:p-0">
                  <MobileLabel>Clock offset</MobileLabel>
                  {formatClockOffset(item.clockOffsetS)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
