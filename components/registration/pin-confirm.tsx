"use client";
/**
 * "Is this your building?" — the geocoded pin for the owner to confirm or
 * move, after submitting (the registration is already safe by then, so a map
 * that cannot load costs nothing). Arrow buttons move it without a pointer.
 */
import * as turf from "@turf/turf";
import { useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { PinMapLoader } from "./map-loaders";

const NUDGE_M = 5;

export function PinConfirm(p: {
  token: string;
  location: { lat: number; lng: number } | null;
  matchedAddress: string | null;
  fallbackCenter: { lat: number; lng: number };
  map: { tileUrl: string; tileAttribution: string };
  confirmed: boolean;
}) {
  const [pin, setPin] = useState(p.location ?? p.fallbackCenter);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "error">(p.confirmed ? "saved" : "idle");
  const [message, setMessage] = useState("");

  const nudge = (bearing: number) => {
    const d = turf.destination([pin.lng, pin.lat], NUDGE_M, bearing, { units: "meters" });
    setPin({ lat: d.geometry.coordinates[1], lng: d.geometry.coordinates[0] });
    setState("idle");
  };

  async function save() {
    setState("saving");
    const res = await fetchJson(`/api/manage/${p.token}/pin`, { method: "PUT", body: pin });
    if (res.ok) {
      setState("saved");
      setMessage("Thank you — the location is saved.");
    } else {
      setState("error");
      setMessage("The location could not be saved. Please try again.");
    }
  }

  return (
    <section aria-labelledby="pin-title" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="pin-title" className="text-lg font-semibold">
        {p.location ? "Is the pin on your building?" : "Please show us where your building is"}
      </h2>
      <p className="mt-1 text-sm">
        {p.location
          ? `We placed your address${p.matchedAddress ? ` (${p.matchedAddress})` : ""} here. Drag the pin or tap the map if it is not on your building, then save.`
          : "We could not find your address on our map. Staff will place it by hand, or you can drag the pin onto your building and save."}
      </p>
      <PinMapLoader pin={pin} original={p.location} onChange={(v) => { setPin({ lat: v.lat, lng: v.lng }); setState("idle"); }} map={p.map} />
      <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label={`Move the pin ${NUDGE_M} metres`}>
        {[
          ["North", 0],
          ["South", 180],
          ["West", 270],
          ["East", 90],
        ].map(([label, deg]) => (
          <button key={label} type="button" onClick={() => nudge(Number(deg))} className="min-h-11 rounded-md border-2 border-slate-500 bg-white px-3">
            Move {String(label).toLowerCase()}
          </button>
        ))}
      </div>
      <p className="mt-2 text-sm text-slate-700">
        Pin at {pin.lat.toFixed(5)}, {pin.lng.toFixed(5)}
      </p>
      <button type="button" onClick={save} disabled={state === "saving"} className="mt-3 min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900">
        {state === "saving" ? "Saving…" : "Save this location"}
      </button>
      <p role="status" className={`mt-2 ${state === "error" ? "text-red-800" : "text-green-800"}`}>
        {message}
      </p>
    </section>
  );
}
