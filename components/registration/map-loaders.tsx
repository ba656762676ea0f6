"use client";
/**
 * The Leaflet islands, loaded only in the browser (Leaflet needs `window`).
 * Until they load, or if they fail, the form keeps working: the compass
 * buttons and the address are enough to register.
 */
import dynamic from "next/dynamic";

const loading = () => <p className="mt-2 text-sm text-slate-700">Loading the map…</p>;

export const BearingMapLoader = dynamic(() => import("./bearing-map"), { ssr: false, loading });
export const PinMapLoader = dynamic(() => import("./pin-map"), { ssr: false, loading });
