"use client";
/** The client island's entry: Leaflet touches `window`, so the map is loaded in the browser only. */
import dynamic from "next/dynamic";
import type { InvestigationMapProps } from "./investigation-map";

const InvestigationMap = dynamic(() => import("./investigation-map"), {
  ssr: false,
  loading: () => <div className="flex h-full items-center justify-center bg-slate-100 text-sm text-slate-600">Loading map…</div>,
});

export function InvestigationMapLoader(props: InvestigationMapProps) {
  return <InvestigationMap {...props} />;
}
