"use client";
/**
 * The registration form's address check, before the cameras part: while the
 * resident types (debounced), POST /api/address-check says what the registry
 * found, offers the choices when the address is ambiguous or a near miss, or
 * says nothing was found — then the resident places their building on a map.
 * The place it settles on (found, chosen or pinned) is where the
 * camera-direction maps open; until there is one they stay closed, so no map
 * ever starts at the agency's default centre pretending to be the house.
 */
import * as turf from "@turf/turf";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/lib/http/fetch-json";
import type { AddressCheckAnswer, AddressChoice } from "@/lib/registration/address-check";
import { PinMapLoader } from "./map-loaders";

/** Where the cameras are, and how the form learned it. */
export interface SitePlace {
  lat: number;
  lng: number;
  /** found: the reference data agrees; chosen: one of the offered places; resident: pinned by hand. */
  source: "found" | "chosen" | "resident";
  address: string | null;
}

export type CheckState =
  | { status: "idle" | "checking" | "unavailable" }
  | { status: "found" | "ambiguous" | "not_found"; choices: AddressChoice[] };

export interface AddressFields {
  line1: string;
  unit: string;
  city: string;
  state: string;
  zip: string;
}

const DEBOUNCE_MS = 600;
const NUDGE_M = 5;
const keyOf = (a: AddressFields) => JSON.stringify([a.line1.trim(), a.unit.trim(), a.city.trim(), a.state.trim(), a.zip.trim()]);
/** Worth asking about: a house number and something after it. */
const checkable = (a: AddressFields) => /\d/.test(a.line1) && /[a-z]{2}/i.test(a.line1) && a.line1.trim().length >= 5;

export function AddressCheck(p: {
  address: AddressFields;
  place: SitePlace | null;
  onPlace: (place: SitePlace | null) => void;
  /** A did-you-mean choice corrects the street line (and the ZIP) the resident typed. */
  onCorrect: (patch: Partial<AddressFields>) => void;
  check: CheckState;
  onCheck: (check: CheckState) => void;
  /**
   * The resident cannot place the building on a map (a screen reader, a map that will not load):
   * the form goes without a place and staff find the address by hand. No registration is lost to the map.
   */
  leftToStaff: boolean;
  onLeaveToStaff: (left: boolean) => void;
  map: { centerLat: number; centerLng: number; tileUrl: string; tileAttribution: string };
}) {
  const t = useTranslations("form.addressCheck");
  const tp = useTranslations("pin");
  const key = keyOf(p.address);
  /** The address the current answer (or the resident's choice) is about: no second check for it. */
  const settledKey = useRef<string | null>(null);
  const onCheck = useRef(p.onCheck);
  const onPlace = useRef(p.onPlace);
  useEffect(() => {
    onCheck.current = p.onCheck;
    onPlace.current = p.onPlace;
  });
  const [placing, setPlacing] = useState(false);
  const [pin, setPin] = useState({ lat: p.map.centerLat, lng: p.map.centerLng });

  useEffect(() => {
    if (settledKey.current === key) return;
    if (!checkable(p.address)) {
      settledKey.current = null;
      onCheck.current({ status: "idle" });
      onPlace.current(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      onCheck.current({ status: "checking" });
      try {
        const res = await fetchJson<AddressCheckAnswer>("/api/address-check", { method: "POST", body: p.address, signal: controller.signal });
        settledKey.current = key;
        setPlacing(false);
        if (!res.ok) {
          // Invalid so far (a ZIP half typed), rate limited, or offline: the form can still be sent; the server checks again.
          onCheck.current({ status: res.code === "validation" ? "idle" : "unavailable" });
          onPlace.current(null);
          return;
        }
        const answer = res.data;
        onCheck.current({ status: answer.status, choices: answer.choices });
        onPlace.current(answer.place ? { lat: answer.place.lat, lng: answer.place.lng, source: "found", address: answer.place.address } : null);
      } catch {
        // Superseded by a newer address.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // p.address is captured through `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  function choose(choice: AddressChoice) {
    const patch: Partial<AddressFields> = {};
    if (choice.kind === "did_you_mean") {
      patch.line1 = choice.line1;
      const zip = choice.address.match(/\b(\d{5})(?:-\d{4})?$/)?.[1];
      if (zip) patch.zip = zip;
    }
    settledKey.current = keyOf({ ...p.address, ...patch });
    p.onCorrect(patch);
    p.onPlace({ lat: choice.lat, lng: choice.lng, source: "chosen", address: choice.address });
  }

  const movePin = (next: { lat: number; lng: number }) => {
    setPin(next);
    p.onLeaveToStaff(false);
    p.onPlace({ ...next, source: "resident", address: null });
  };
  const nudge = (bearing: number, metres = NUDGE_M) => {
    const d = turf.destination([pin.lng, pin.lat], metres, bearing, { units: "meters" });
    movePin({ lat: d.geometry.coordinates[1], lng: d.geometry.coordinates[0] });
  };

  const c = p.check;
  const choices = "choices" in c ? c.choices : [];
  return (
    <div className="mt-4" data-testid="address-check">
      <div role="status" aria-live="polite" className="text-sm">
        {c.status === "checking" && <p className="text-slate-700">{t("checking")}</p>}
        {p.place?.source === "found" && <p className="font-medium text-green-800">{t("found", { address: p.place.address ?? "" })}</p>}
        {p.place?.source === "chosen" && <p className="font-medium text-green-800">{t("chosen", { address: p.place.address ?? "" })}</p>}
        {p.place?.source === "resident" && <p className="font-medium text-green-800">{t("pinned")}</p>}
        {c.status === "unavailable" && <p className="text-slate-700">{t("unavailable")}</p>}
        {!p.place && p.leftToStaff && <p className="font-medium text-green-800">{t("leftToStaff")}</p>}
      </div>
      {!p.place && choices.length > 0 && (
        <div className="mt-2 rounded-md border border-amber-600 bg-amber-50 p-3">
          <p className="font-medium">{c.status === "ambiguous" ? t("ambiguous") : t("didYouMean")}</p>
          <ul className="mt-2 space-y-2">
            {choices.map((choice) => (
              <li key={`${choice.address}|${choice.lat}|${choice.lng}`}>
                <button type="button" onClick={() => choose(choice)} className="min-h-11 w-full rounded-md border-2 border-brand-700 bg-white px-3 py-2 text-left font-semibold text-brand-700">
                  {choice.address}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {(c.status === "not_found" || c.status === "ambiguous") && p.place?.source !== "found" && p.place?.source !== "chosen" && (
        <div className="mt-3">
          {!placing ? (
            <button type="button" onClick={() => setPlacing(true)} className="min-h-11 rounded-md border-2 border-slate-600 bg-white px-3 font-semibold">
              {t("placeOnMap")}
            </button>
          ) : (
            <section aria-labelledby="place-pin-title" className="rounded-md border border-slate-300 bg-white p-3">
              <h3 id="place-pin-title" className="font-semibold">
                {t("placeTitle")}
              </h3>
              <p className="text-sm">{t("placeHint")}</p>
              <PinMapLoader pin={pin} original={null} onChange={(v) => movePin({ lat: v.lat, lng: v.lng })} onNudge={nudge} map={p.map} mapLabel={tp("mapLabel")} markerLabel={tp("markerLabel")} />
              <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label={tp("moveGroup", { metres: NUDGE_M })}>
                {(
                  [
                    ["north", 0],
                    ["south", 180],
                    ["west", 270],
                    ["east", 90],
                  ] as const
                ).map(([direction, deg]) => (
                  <button key={direction} type="button" onClick={() => nudge(deg)} className="min-h-11 rounded-md border-2 border-slate-500 bg-white px-3">
                    {tp(`move.${direction}`)}
                  </button>
                ))}
              </div>
            </section>
          )}
          {!p.place && !p.leftToStaff && (
            <button type="button" onClick={() => p.onLeaveToStaff(true)} className="mt-2 block min-h-11 rounded-md px-1 text-left text-brand-700 underline">
              {t("leaveToStaff")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The message beside the street field while the address cannot be placed (the map still waits). */
export function addressFieldMessage(
  check: CheckState,
  place: SitePlace | null,
  t: (key: "notFound" | "notFoundChoices" | "chooseOne") => string,
  leftToStaff = false,
): string | null {
  if (place || leftToStaff) return null;
  if (check.status === "not_found") return check.choices.length > 0 ? t("notFoundChoices") : t("notFound");
  if (check.status === "ambiguous") return t("chooseOne");
  return null;
}
