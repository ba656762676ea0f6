"use client";
/**
 * Facing direction: eight compass buttons (works everywhere, keyboard and
 * screen reader included) or, when the map island loads, dragging a handle on
 * a small map. "Not sure" leaves the bearing unknown rather than guessing.
 */
import { ErrorText, type Errors } from "./form-fields";
import { fieldId } from "./form-model";
import { BearingMapLoader } from "./map-loaders";

export const COMPASS = [
  { label: "N", name: "north", deg: 0 },
  { label: "NE", name: "north-east", deg: 45 },
  { label: "E", name: "east", deg: 90 },
  { label: "SE", name: "south-east", deg: 135 },
  { label: "S", name: "south", deg: 180 },
  { label: "SW", name: "south-west", deg: 225 },
  { label: "W", name: "west", deg: 270 },
  { label: "NW", name: "north-west", deg: 315 },
] as const;

export function compassName(deg: number | null): string {
  if (deg === null) return "not set";
  const nearest = COMPASS[Math.round(deg / 45) % 8];
  return `${Math.round(deg)}° (${nearest.name})`;
}

export function BearingPicker(p: {
  path: string;
  cameraLabel: string;
  value: number | null;
  onChange: (deg: number | null) => void;
  errors: Errors;
  site: { lat: number; lng: number };
  map: { tileUrl: string; tileAttribution: string };
}) {
  const id = fieldId(p.path);
  return (
    <fieldset id={id} tabIndex={-1} className="mt-4" aria-describedby={`${id}-now`}>
      <legend className="font-medium">Which way does {p.cameraLabel} face? (optional)</legend>
      <p id={`${id}-now`} className="text-sm text-slate-700" aria-live="polite">
        Facing: {compassName(p.value)}
      </p>
      <div className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-9" role="group" aria-label={`Compass direction for ${p.cameraLabel}`}>
        {COMPASS.map((c) => (
          <button
            key={c.label}
            type="button"
            aria-pressed={p.value === c.deg}
            aria-label={`Faces ${c.name}`}
            onClick={() => p.onChange(c.deg)}
            className={`min-h-11 rounded-md border-2 px-2 py-2 font-semibold ${p.value === c.deg ? "border-brand-900 bg-brand-700 text-white" : "border-slate-500 bg-white text-slate-900"}`}
          >
            {c.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={p.value === null}
          onClick={() => p.onChange(null)}
          className={`col-span-4 min-h-11 rounded-md border-2 px-2 py-2 sm:col-span-1 ${p.value === null ? "border-brand-900 bg-brand-700 text-white" : "border-slate-500 bg-white text-slate-900"}`}
        >
          Not sure
        </button>
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-brand-700 underline">Or drag the direction on a map</summary>
        <BearingMapLoader site={p.site} bearingDeg={p.value} onChange={p.onChange} map={p.map} label={p.cameraLabel} />
      </details>
      <ErrorText path={p.path} errors={p.errors} />
    </fieldset>
  );
}
