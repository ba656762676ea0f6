import Link from "next/link";
import type { RegistryRow } from "@/lib/registration/registry";
import { formatAgencyDate } from "@/lib/time/agency-time";
import { ShowContact } from "@/components/investigation/show-contact";

/** One page of the registry. Contacts only behind "Show contact" (audited); supervisors open a row to edit it. */
export function RegistryTable({ rows, canEdit, timeZone }: { rows: RegistryRow[]; canEdit: boolean; timeZone: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-sm" data-testid="registry-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
            <th className="p-2">Address</th>
            <th className="p-2">Status</th>
            <th className="p-2 text-right">Cameras</th>
            <th className="p-2 max-sm:hidden">Footage kept</th>
            <th className="p-2">Last confirmed</th>
            <th className="p-2 max-sm:hidden">Entered through</th>
            <th className="p-2">Contact</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="registry-row">
              <td className="p-2">
                {canEdit ? (
                  <Link className="underline" href={`/registry/${r.id}`}>
                    {r.address}
                  </Link>
                ) : (
                  r.address
                )}
                <div className="text-xs text-slate-600">{r.located ? `On the map: ${r.locationLabel}` : "Not on the map yet"}</div>
              </td>
              <td className="p-2">
                {r.statusLabel}
                {r.needsReview && <div className="text-xs text-amber-900">in the review queue</div>}
                {r.verified && <div className="text-xs text-green-800">verified by staff</div>}
              </td>
              <td className="p-2 text-right">
                {r.cameraCount}
                {r.camerasDescribed !== r.cameraCount && <div className="text-xs text-slate-600">{r.camerasDescribed} described</div>}
              </td>
              <td className="p-2 max-sm:hidden">{r.retentionDays === null ? "unknown" : `${r.retentionDays} days`}</td>
              <td className="whitespace-nowrap p-2">{formatAgencyDate(r.lastConfirmedAt, timeZone)}</td>
              <td className="p-2 max-sm:hidden">{r.sourceLabel}</td>
              <td className="p-2">
                <ShowContact registrationId={r.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
