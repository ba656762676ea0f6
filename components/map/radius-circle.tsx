"use client";
import { Circle } from "react-leaflet";
import type { LngLat } from "@/lib/investigation/workspace-types";

/** The search radius in metres (Leaflet's Circle is metric, like the PostGIS query). */
export function RadiusCircle({ center, radiusM }: { center: LngLat; radiusM: number }) {
  return (
    <Circle
      center={[center[1], center[0]]}
      radius={radiusM}
      pathOptions={{ color: "#b45309", weight: 2, dashArray: "6 4", fillColor: "#f59e0b", fillOpacity: 0.06 }}
      interactive={false}
    />
  );
}
