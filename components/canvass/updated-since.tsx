import type { CanvassRow } from "@/lib/canvass/canvass-types";
import { formatAgencyTime } from "@/lib/time/agency-time";

/**
 * The owner's changes since the incident was saved, beside the record rather
 * than in its place: the stop still shows what the search found then.
 */
export function UpdatedSince({ row, timeZone }: { row: Pick<CanvassRow, "updatedSince" | "snapshotTakenAt">; timeZone: string }) {
  if (!row.updatedSince) return null;
  return (
    <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950" data-testid="updated-since">
      <p className="font-semibold">
        Updated since the incident was saved (owner&apos;s change of {formatAgencyTime(row.updatedSince.at, timeZone)}). This stop still shows what the search found
        {row.snapshotTakenAt ? ` on ${formatAgencyTime(row.snapshotTakenAt, timeZone)}` : ""}.
      </p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {row.updatedSince.changes.map((c) => (
          <div key={c.field} className="contents" data-change-field={c.field}>
            <dt className="font-medium">{c.label}</dt>
            <dd>
              <span className="line-through decoration-amber-700/60">{c.before}</span> → {c.after}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
