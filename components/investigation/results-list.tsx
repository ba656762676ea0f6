"use client";
import { useEffect, useRef } from "react";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { ShowContact } from "./show-contact";
import type { SiteFeature } from "@/lib/investigation/workspace-types";

/** How the system records; motion-only and scheduled footage may not exist for the incident's time. */
const RECORDING_LABEL: Record<string, string> = {
  continuous: "Continuous (24/7)",
  motion: "On motion only",
  scheduled: "On a schedule",
  unknown: "Not known",
};

const FOOTAGE_LABEL = {
  available: { text: "Footage retained", className: "bg-slate-100 text-slate-800" },
  urgent: { text: "Urgent: expires within 48 h", className: "bg-amber-100 text-amber-900" },
  likely_overwritten: { text: "Likely overwritten", className: "bg-slate-200 text-slate-600 line-through decoration-1" },
  unknown: { text: "Retention unknown", className: "bg-slate-100 text-slate-600" },
} as const;

const PLAYBACK_LABEL: Record<string, string> = {
  standard: "exports a standard file (MP4/AVI)",
  proprietary: "needs the recorder's own player",
  unknown: "playback format unknown",
};

interface Props {
  results: SiteFeature[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  timeZone: string;
  incidentId?: string | null;
}

/** The ranked results: why each site matters, in the order to work them. */
export function ResultsList({ results, selectedId, onSelect, timeZone, incidentId }: Props) {
  const selectedRef = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [selectedId]);

  if (results.length === 0) return <p className="text-sm text-slate-600">No active registered sites in range.</p>;
  return (
    <>
    <ResultsLegend results={results} />
    <ol className="space-y-2" aria-label="Ranked results">
      {results.map((site) => {
        const p = site.properties;
        const selected = p.registrationId === selectedId;
        const footage = FOOTAGE_LABEL[p.footage.status];
        return (
          <li
            key={p.registrationId}
            ref={selected ? selectedRef : undefined}
            data-registration-id={p.registrationId}
            className={`rounded border bg-white p-2 text-sm ${selected ? "border-amber-500 ring-2 ring-amber-400" : "border-slate-200"}`}
          >
            <button type="button" className="w-full text-left" onClick={() => onSelect(p.registrationId)} aria-pressed={selected}>
              <span className="flex items-baseline justify-between gap-2">
                <span className="font-semibold">
                  {p.rank}. {p.address}
                </span>
                <span className="shrink-0 text-xs tabular-nums text-slate-600">{Math.round(p.distanceM)} m</span>
              </span>
              <span className="mt-1 flex flex-wrap gap-1 text-[11px] font-medium">
                {p.seesPoint && <span className="rounded bg-green-100 px-1.5 py-0.5 text-green-900">{p.cameras.some((c) => c.seesRoute) ? "Sees the route" : "Sees the spot"}</span>}
                {p.facesStreet && <span className="rounded bg-blue-100 px-1.5 py-0.5 text-blue-900">Faces street</span>}
                <span className={`rounded px-1.5 py-0.5 ${footage.className}`}>{footage.text}</span>
                {p.footageMayNotHaveRecorded && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">May not have recorded</span>}
                {!p.registeredAtIncidentTime && <span className="rounded bg-purple-100 px-1.5 py-0.5 text-purple-900">Registered after the incident</span>}
              </span>
            </button>
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
              {p.cameras.some((c) => c.seesRoute) && (
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
          </li>
        );
      })}
    </ol>
    </>
  );
}

/**
 * What the badges mean and how many results carry each, and which numbering
 * this view uses: the map and this list number by rank; the saved incident's
 * canvass numbers its stops in walk order.
 */
function ResultsLegend({ results }: { results: SiteFeature[] }) {
  const count = (test: (p: SiteFeature["properties"]) => boolean) => results.filter((r) => test(r.properties)).length;
  const badges = [
    { label: "Sees the spot", className: "bg-green-100 text-green-900", n: count((p) => p.seesPoint), help: "a camera's view cone covers the pin or the route" },
    { label: "Faces street", className: "bg-blue-100 text-blue-900", n: count((p) => p.facesStreet), help: "records the street, or its cone crosses one" },
    { label: "Urgent", className: "bg-amber-100 text-amber-900", n: count((p) => p.footage.status === "urgent"), help: "footage expires within 48 h" },
    { label: "Likely overwritten", className: "bg-slate-200 text-slate-600", n: count((p) => p.footage.status === "likely_overwritten"), help: "past the retention" },
  ];
  return (
    <div className="mb-2 rounded border border-slate-200 bg-white p-2 text-xs" data-testid="results-legend">
      <p className="font-medium">
        {results.length} {results.length === 1 ? "site" : "sites"}, numbered by rank (most useful first). The saved incident&apos;s canvass numbers stops in
        walking order instead.
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
        {badges.map((b) => (
          <li key={b.label} title={b.help}>
            <span className={`rounded px-1.5 py-0.5 ${b.className}`}>{b.label}</span> {b.n}
          </li>
        ))}
      </ul>
    </div>
  );
}
