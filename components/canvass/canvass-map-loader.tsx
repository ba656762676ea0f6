"use client";
import dynamic from "next/dynamic";
import type { CanvassMapProps } from "./canvass-map";

/** Leaflet touches `window`, so the map only ever renders in the browser. */
const CanvassMap = dynamic(() => import("./canvass-map"), {
  ssr: false,
  loading: () => <div className="flex h-80 items-center justify-center rounded border border-slate-200 bg-slate-100 text-sm text-slate-500">Loading map…</div>,
});

export function CanvassMapLoader(props: CanvassMapProps) {
  return <CanvassMap {...props} />;
}
