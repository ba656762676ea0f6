"use client";
/**
 * Facing direction: eight compass buttons (works everywhere, keyboard and
 * screen reader included) or, when the map island loads, dragging a handle on
 * a small map. "Not sure" leaves the bearing unknown rather than guessing.
 */
import { useTranslations } from "next-intl";
import { ErrorText, type Errors } from "./form-fields";
import { fieldId } from "./form-model";
import { BearingMapLoader } from "./map-loaders";

export const COMPASS = [
  { key: "N", deg: 0 },
  { key: "NE", deg: 45 },
  { key: "E", deg: 90 },
  { key: "SE", deg: 135 },
  { key: "S", deg: 180 },
  { key: "SW", deg: 225 },
  { key: "W", deg: 270 },
  { key: "NW", deg: 315 },
] as const;

/** The compass point nearest a bearing. */
export const nearestCompass = (deg: number) => COMPASS[Math.round(deg / 45) % 8];

export function BearingPicker(p: {
  path: string;
  cameraNumber: number;
  value: number | null;
  onChange: (deg: number | null) => void;
  errors: Errors;
  /** Where the cameras are; null until the address check has placed the house (the map waits for it). */
  site: { lat: number; lng: number } | null;
  map: { tileUrl: string; tileAttribution: string };
}) {
  const t = useTranslations("form");
  const id = fieldId(p.path);
  const direction =
    p.value === null ? t("bearingNotSet") : t("bearingValue", { deg: Math.round(p.value), name: t(`compass.${nearestCompass(p.value).key}`) });
  return (
    <fieldset id={id} tabIndex={-1} className="mt-4" aria-describedby={`${id}-now`}>
      <legend className="font-medium">{t("bearingLegend", { number: p.cameraNumber })}</legend>
      <p id={`${id}-now`} className="text-sm text-slate-700" aria-live="polite">
        {t("bearingNow", { direction })}
      </p>
      <div className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-9" role="group" aria-label={t("bearingGroup", { number: p.cameraNumber })}>
        {COMPASS.map((c) => (
          <button
            key={c.key}
            type="button"
            aria-pressed={p.value === c.deg}
            aria-label={t("bearingFaces", { name: t(`compass.${c.key}`) })}
            onClick={() => p.onChange(c.deg)}
            className={`min-h-11 rounded-md border-2 px-2 py-2 font-semibold ${p.value === c.deg ? "border-brand-900 bg-brand-700 text-white" : "border-slate-500 bg-white text-slate-900"}`}
          >
            {t(`compassShort.${c.key}`)}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={p.value === null}
          onClick={() => p.onChange(null)}
          className={`col-span-4 min-h-11 rounded-md border-2 px-2 py-2 sm:col-span-1 ${p.value === null ? "border-brand-900 bg-brand-700 text-white" : "border-slate-500 bg-white text-slate-900"}`}
        >
          {t("bearingNotSure")}
        </button>
      </div>
      {p.site ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-brand-700 underline">{t("bearingOnMap")}</summary>
          <BearingMapLoader site={p.site} bearingDeg={p.value} onChange={p.onChange} map={p.map} label={t("bearingMapLabel", { number: p.cameraNumber })} />
        </details>
      ) : (
        <p className="mt-2 text-sm text-slate-700" data-testid="bearing-map-waits">
          {t("bearingMapWaits")}
        </p>
      )}
      <ErrorText path={p.path} errors={p.errors} />
    </fieldset>
  );
}
