"use client";
import type { ReactNode } from "react";
import { AddressSearch } from "./address-search";
import type { SearchDraft } from "./use-investigation";

const RADIUS_PRESETS_M = [100, 250, 500];

interface Props {
  draft: SearchDraft;
  timeZone: string;
  maxSearchRadiusM: number;
  problems: Record<string, string>;
  busy: boolean;
  onChange: (patch: Partial<SearchDraft>) => void;
  onSearch: () => void;
  onSave: () => void;
  /** On a saved incident the button makes another incident (with its own canvass); it must say so. */
  saveLabel?: string;
  /** The route's drawing controls (route mode). */
  routePanel: ReactNode;
  /** Drops the pin under the map's crosshair (keyboard users pan the map with the arrow keys). */
  onPinAtMapCenter?: () => void;
}

const input = "rounded border border-slate-300 px-2 py-1 text-sm";
const label = "block text-xs font-medium text-slate-700";

function Problem({ text, id }: { text?: string; id?: string }) {
  return text ? (
    <p id={id} className="mt-1 text-xs font-medium text-red-700">
      {text}
    </p>
  ) : null;
}

/** A field's invalid state and its message, for the inputs a problem is about. */
const describedBy = (problem: string | undefined, id: string) => (problem ? { "aria-invalid": true, "aria-describedby": id } : {});

/** Where and when: pin or route, time or window in the agency's zone, radius or corridor width, case number. */
export function IncidentForm({ draft, timeZone, maxSearchRadiusM, problems, busy, onChange, onSearch, onSave, saveLabel = "Save incident", routePanel, onPinAtMapCenter }: Props) {
  return (
    <form
      aria-label="Incident"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      <fieldset className="flex overflow-hidden rounded border border-slate-300 text-sm" aria-label="Search by">
        {(["pin", "route"] as const).map((mode) => (
          <label key={mode} className={`flex min-h-11 flex-1 cursor-pointer items-center justify-center px-2 py-1 text-center has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-inset has-[:focus-visible]:ring-amber-400 ${draft.mode === mode ? "bg-brand-700 text-white" : "bg-white"}`}>
            <input type="radio" name="mode" value={mode} checked={draft.mode === mode} onChange={() => onChange({ mode })} className="sr-only" />
            {mode === "pin" ? "Incident pin" : "Route of travel"}
          </label>
        ))}
      </fieldset>

      {draft.mode === "pin" ? (
        <div className="space-y-2">
          <AddressSearch onFound={(pin, matched) => onChange({ pin, pinAddress: matched })} />
          <p className="text-xs text-slate-600">
            {draft.pin
              ? `Pin at ${draft.pinAddress ?? `${draft.pin[1].toFixed(5)}, ${draft.pin[0].toFixed(5)}`} — click the map to move it.`
              : "Or click the map to drop the pin."}
          </p>
          {onPinAtMapCenter && (
            <button type="button" onClick={onPinAtMapCenter} className="min-h-11 rounded border border-slate-300 bg-white px-3 text-sm hover:bg-slate-100">
              Drop pin at map centre
            </button>
          )}
          <Problem text={problems.pin} />
          <div>
            <span className={label}>Radius</span>
            <div className="mt-1 flex flex-wrap items-center gap-1">
              {RADIUS_PRESETS_M.map((r) => (
                <button
                  key={r}
                  type="button"
                  aria-pressed={draft.radiusM === r}
                  onClick={() => onChange({ radiusM: r })}
                  className={`min-h-11 rounded border px-3 py-1 text-sm ${draft.radiusM === r ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white"}`}
                >
                  {r} m
                </button>
              ))}
              <label className="ml-1 flex items-center gap-1 text-xs text-slate-700">
                custom
                <input
                  type="number"
                  aria-label="Custom radius in metres"
                  min={1}
                  max={maxSearchRadiusM}
                  className={`${input} w-20`}
                  value={draft.radiusM}
                  onChange={(e) => onChange({ radiusM: Math.min(Number(e.target.value) || 0, maxSearchRadiusM) })}
                />
                m
              </label>
            </div>
          </div>
        </div>
      ) : (
        <div className="space-y-2">
          {routePanel}
          <Problem text={problems.route} />
          <label className={label}>
            Corridor width (m, both sides together)
            <input
              type="number"
              min={1}
              max={maxSearchRadiusM}
              className={`${input} mt-1 block w-24`}
              value={draft.widthM}
              onChange={(e) => onChange({ widthM: Math.min(Number(e.target.value) || 0, maxSearchRadiusM) })}
            />
          </label>
        </div>
      )}

      <div>
        <div className="grid grid-cols-2 gap-2">
          <label className={label}>
            {draft.useWindow ? "From date" : "Date"}
            <input type="date" className={`${input} mt-1 block w-full`} value={draft.date} onChange={(e) => onChange({ date: e.target.value })} {...describedBy(problems.time, "problem-time")} />
          </label>
          <label className={label}>
            Time ({shortZone(timeZone)})
            <input type="time" className={`${input} mt-1 block w-full`} value={draft.time} onChange={(e) => onChange({ time: e.target.value })} {...describedBy(problems.time, "problem-time")} />
          </label>
        </div>
        <Problem text={problems.time} id="problem-time" />
        <label className="mt-1 flex items-center gap-1 text-xs text-slate-700">
          <input type="checkbox" checked={draft.useWindow} onChange={(e) => onChange({ useWindow: e.target.checked })} />
          A time window
        </label>
        {draft.useWindow && (
          <div className="mt-1 grid grid-cols-2 gap-2">
            <label className={label}>
              To date
              <input type="date" className={`${input} mt-1 block w-full`} value={draft.endDate} onChange={(e) => onChange({ endDate: e.target.value })} {...describedBy(problems.endTime, "problem-end-time")} />
            </label>
            <label className={label}>
              To time
              <input type="time" className={`${input} mt-1 block w-full`} value={draft.endTime} onChange={(e) => onChange({ endTime: e.target.value })} {...describedBy(problems.endTime, "problem-end-time")} />
            </label>
          </div>
        )}
        <Problem text={problems.endTime} id="problem-end-time" />
        <p className="mt-1 text-xs text-slate-500">Times are in the agency&apos;s time zone, {timeZone}.</p>
      </div>

      <label className={label}>
        Case number (optional)
        <input className={`${input} mt-1 block w-full`} value={draft.caseNumber} maxLength={64} onChange={(e) => onChange({ caseNumber: e.target.value })} />
      </label>

      <div className="flex gap-2">
        <button type="submit" disabled={busy} className="min-h-11 flex-1 rounded bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
          Find cameras
        </button>
        <button type="button" disabled={busy} onClick={onSave} className="min-h-11 rounded border border-brand-700 px-3 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60">
          {saveLabel}
        </button>
      </div>
    </form>
  );
}

function shortZone(timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}
