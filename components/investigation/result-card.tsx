"use client";
import { forwardRef } from "react";
import { formatAgencyTime } from "@/lib/time/agency-time";
import type { SiteFeature } from "@/lib/investigation/workspace-types";
import { BADGE_STYLE } from "./results-legend";
import { ShowContact } from "./show-contact";

/** How the system records; motion-only and scheduled footage may not exist for the incident's time. */
const RECORDING_LABEL: Record<string, string> = {
  continuous: "Continuous (24/7)",
  motion: "On motion only",
  scheduled: "On a schedule",
  unknown: "Not known",
};

const FOOTAGE_LABEL = {
  available: { text: "Footage retained", className: "bg-slate-100 text-slate-800" },
  urgent: { text: "Urgent: expires within 48 h", className: BADGE_STYLE.urgent },
  likely_overwritten: { text: "Likely overwritten", className: BADGE_STYLE.overwritten },
  unknown: { text: "Retention unknown", className: "bg-slate-100 text-slate-600" },
} as const;

const PLAYBACK_LABEL: Record<string, string> = {
  standard: "exports a standard file (MP4/AVI)",
  proprietary: "needs the recorder's own player",
  unknown: "playback format unknown",
};

interface Props {
  site: SiteFeature;
  /** "#3" or "Stop 3" (see lib/investigation/result-numbering.ts); null: not on the saved canvass. */
  number: string | null;
  selected: boolean;
  onSelect: (id: string) => void;
  timeZone: string;
  incidentId?: string | null;
}

/**
 * One result, compact: rank, address, distance, badges and one line of
 * cameras. Selecting it (here or on the map) opens the rest: expiry,
 * recording, playback, notes and the audited contact.
 */
export const ResultCard = forwardRef<HTMLLIElement, Props>(function ResultCard({ site, number, selected, onSelect, timeZone, incidentId }, ref) {
  const p = site.properties;
  const footage = FOOTAGE_LABEL[p.footage.status];
  const seesRoute = p.cameras.some((c) => c.seesRoute);
  return (
    <li
      ref={ref}
      data-registration-id={p.registrationId}
      className={`rounded border bg-white text-sm xl:scroll-mt-40 ${selected ? "border-amber-500 ring-2 ring-amber-400" : "border-slate-200"}`}
    >
      <button type="button" className="block min-h-11 w-full px-2 py-1.5 text-left" onClick={() => onSelect(p.registrationId)} aria-pressed={selected} aria-expanded={selected}>
        <span className="flex items-baseline justify-between gap-2">
          <span className="truncate font-semibold">
            <span className="tabular-nums" data-testid="site-number">
              {number ?? "Not on the canvass:"}
            </span>{" "}
            {p.address}
          </span>
          <span className="shrink-0 text-xs tabular-nums text-slate-600">{Math.round(p.distanceM)} m</span>
        </span>
        <span className="mt-0.5 flex flex-wrap gap-1 text-[11px] font-medium">
          {p.seesPoint && <span className={`rounded px-1.5 py-0.5 ${BADGE_STYLE.seesSpot}`}>{seesRoute ? "Sees the route" : "Sees the spot"}</span>}
          {p.facesStreet && <span className={`rounded px-1.5 py-0.5 ${BADGE_STYLE.facesStreet}`}>Faces street</span>}
          <span className={`rounded px-1.5 py-0.5 ${footage.className}`}>{footage.text}</span>
          {p.footageMayNotHaveRecorded && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">May not have recorded</span>}
          {!p.registeredAtIncidentTime && <span className="rounded bg-purple-100 px-1.5 py-0.5 text-purple-900">Registered after the incident</span>}
        </span>
        <span className="mt-0.5 block truncate text-xs text-slate-600">{p.cameraSummary}</span>
      </button>
      {selected && (
        <div className="border-t border-slate-100 px-2 pb-2">
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-700">
            {p.footage.expiresAt && (
              <>
                <dt className="text-slate-500">Expires</dt>
                <dd>
                  {formatAgencyTime(p.footage.expiresAt, timeZone)} ({p.retentionDays} days kept)
                </dd>
              </>
            )}
            <dt className="text-slate-500">Cameras</dt>
            <dd>{p.cameraSummary}</dd>
            {seesRoute && (
              <>
                <dt className="text-slate-500">Route seen</dt>
                <dd>{Math.round(Math.max(...p.cameras.map((c) => c.seesRoute?.lengthM ?? 0)))} m of the route</dd>
              </>
            )}
            <dt className="text-slate-500">Recording</dt>
            <dd>{RECORDING_LABEL[p.recordingMode] ?? p.recordingMode}</dd>
            <dt className="text-slate-500">Playback</dt>
            <dd>{PLAYBACK_LABEL[p.playback] ?? p.playback}</dd>
            {p.streetView && (
              <>
                <dt className="text-slate-500">Street view</dt>
                <dd>{p.streetView}</dd>
              </>
            )}
            {p.notes && (
              <>
                <dt className="text-slate-500">Notes</dt>
                <dd className="whitespace-pre-line">{p.notes}</dd>
              </>
            )}
          </dl>
          <div className="mt-1">
            <ShowContact registrationId={p.registrationId} incidentId={incidentId} />
          </div>
        </div>
      )}
    </li>
  );
});
