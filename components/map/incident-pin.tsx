"use client";
import { CircleMarker, Tooltip } from "react-leaflet";
import type { LngLat } from "@/lib/investigation/workspace-types";

export function IncidentPin({ at }: { at: LngLat }) {
  return (
    <CircleMarker center={[at[1], at[0]]} radius={8} pathOptions={{ color: "#7f1d1d", weight: 3, fillColor: "#dc2626", fillOpacity: 1 }}>
      <Tooltip direction="top" offset={[0, -8]}>
        Incident
      </Tooltip>
    </CircleMarker>
  );
}
