import type { DeadlineStatus } from "@/lib/canvass/footage-deadline";
import { formatAgencyTime } from "@/lib/canvass/footage-deadline";

const STYLE: Record<DeadlineStatus, string> = {
  passed: "bg-red-100 text-red-800 border-red-300",
  due_soon: "bg-amber-100 text-amber-900 border-amber-300",
  ok: "bg-slate-100 text-slate-700 border-slate-200",
  unknown: "bg-slate-50 text-slate-500 border-slate-200",
};

/** The footage deadline, flagged when it has passed or is within 48 h. */
export function DeadlineBadge({ deadline, status, timeZone }: { deadline: Date | null; status: DeadlineStatus; timeZone: string }) {
  const text =
    status === "unknown"
      ? "Footage deadline unknown"
      : `${status === "passed" ? "Likely overwritten since" : "Footage kept until"} ${formatAgencyTime(deadline ? new Date(deadline) : null, timeZone)}`;
  return (
    <span className={`rounded border px-2 py-0.5 text-xs font-medium ${STYLE[status]}`} data-deadline-status={status}>
      {status === "due_soon" ? "Within 48 h: " : ""}
      {text}
    </span>
  );
}
