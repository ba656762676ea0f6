"use client";
/**
 * "Is this your building?" — the geocoded pin for the owner to confirm or
 * move, after submitting (the registration is already safe by then, so a map
 * that cannot load costs nothing). Without a pointer: focus the pin and use
 * the arrow keys, or the move buttons below the map.
 */
import * as turf from "@turf/turf";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { useFormatter, useTranslations } from "next-intl";
import { PinMapLoader } from "./map-loaders";

const NUDGE_M = 5;

export function PinConfirm(p: {
  token: string;
  location: { lat: number; lng: number } | null;
  matchedAddress: string | null;
  fallbackCenter: { lat: number; lng: number };
  map: { tileUrl: string; tileAttribution: string };
  confirmed: boolean;
  /** The resident put the pin there (the address was not found, or they moved our guess): say so, not "we placed". */
  placedByResident?: boolean;
}) {
  const t = useTranslations("pin");
  const format = useFormatter();
  const [pin, setPin] = useState(p.location ?? p.fallbackCenter);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "error">(p.confirmed ? "saved" : "idle");
  const [message, setMessage] = useState("");

  const nudge = (bearing: number, metres = NUDGE_M) => {
    setPin((current) => {
      const d = turf.destination([current.lng, current.lat], metres, bearing, { units: "meters" });
      return { lat: d.geometry.coordinates[1], lng: d.geometry.coordinates[0] };
    });
    setState("idle");
  };

  async function save() {
    setState("saving");
    const res = await fetchJson(`/api/manage/${p.token}/pin`, { method: "PUT", body: pin });
    if (res.ok) {
      setState("saved");
      setMessage(t("saved"));
    } else {
      setState("error");
      setMessage(t("error"));
    }
  }

  const coordinate = (v: number) => format.number(v, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  return (
    <section aria-labelledby="pin-title" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="pin-title" className="text-lg font-semibold">
        {p.location ? t("titlePlaced") : t("titleNotPlaced")}
      </h2>
      <p className="mt-1 text-sm">{p.location ? (p.placedByResident ? t("placedByResident") : p.matchedAddress ? t("placedMatched", { address: p.matchedAddress }) : t("placed")) : t("notPlaced")}</p>
      <PinMapLoader
        pin={pin}
        original={p.location}
        onChange={(v) => {
          setPin({ lat: v.lat, lng: v.lng });
          setState("idle");
        }}
        onNudge={nudge}
        map={p.map}
        mapLabel={t("mapLabel")}
        markerLabel={t("markerLabel")}
      />
      <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label={t("moveGroup", { metres: NUDGE_M })}>
        {(
          [
            ["north", 0],
            ["south", 180],
            ["west", 270],
            ["east", 90],
          ] as const
        ).map(([direction, deg]) => (
          <button key={direction} type="button" onClick={() => nudge(deg)} className="min-h-11 rounded-md border-2 border-slate-500 bg-white px-3">
            {t(`move.${direction}`)}
          </button>
        ))}
      </div>
      <p className="mt-2 text-sm text-slate-700" aria-live="polite">
        {t("at", { lat: coordinate(pin.lat), lng: coordinate(pin.lng) })}
      </p>
      <button type="button" onClick={save} disabled={state === "saving"} className="mt-3 min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900">
        {state === "saving" ? t("saving") : t("save")}
      </button>
      <p role="status" className={`mt-2 ${state === "error" ? "text-red-800" : "text-green-800"}`}>
        {message}
      </p>
    </section>
  );
}
