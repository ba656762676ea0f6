"use client";
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import type { LngLat, SiteFeature } from "@/lib/investigation/workspace-types";

/** When a new result set arrives, frame the search and every result. */
export function FitToResults({ results, pin, route }: { results: SiteFeature[]; pin: LngLat | null; route: LngLat[] }) {
  const map = useMap();
  useEffect(() => {
    if (results.length === 0) return;
    const points: L.LatLngTuple[] = results.map((s) => [s.geometry.coordinates[1], s.geometry.coordinates[0]]);
    if (pin) points.push([pin[1], pin[0]]);
    for (const [lng, lat] of route) points.push([lat, lng]);
    map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 18 });
    // Only a new result set re-frames the map; the pin and route are part of it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, results]);
  return null;
}
