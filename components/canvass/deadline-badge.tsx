import type { FootageStatus } from "@/lib/investigation/footage-status";
import { formatAgencyTime } from "@/lib/time/agency-time";

const STYLE: Record<FootageStatus, string> = {
  likely_overwritten: "bg-red-100 text-red-800 border-red-300",
  urgent: "bg-amber-100 text-amber-900 border-amber-300",
  available: "bg-slate-100 text-slate-700 border-slate-200",
  unknown: "bg-slate-50 text-slate-500 border-slate-200",
};

/** The footage deadline, flagged when it has passed or is within 48 h. */
export function DeadlineBadge({ deadline, status, timeZone }: { deadline: Date | null; status: FootageStatus; timeZone: string }) {
  const text =
    status === "unknown"
      ? "Footage deadline unknown"
      : `${status === "likely_overwritten" ? "Likely overwritten since" : "Footage kept until"} ${formatAgencyTime(deadline ? new Date(deadline) : null, timeZone)}`;
  return (
    <span className={`rounded border px-2 py-0.5 text-xs font-medium ${STYLE[status]}`} data-deadline-status={status}>
      {status === "urgent" ? "Within 48 h: " : ""}
      {text}
    </span>
  );
}
