"use client";
import { useMapEvents } from "react-leaflet";
import type { LngLat } from "@/lib/investigation/workspace-types";

/** Clicking the map drops the incident pin, or adds a route vertex in route mode. */
export function MapClicks({ onClick }: { onClick: (at: LngLat) => void }) {
  useMapEvents({ click: (e) => onClick([e.latlng.lng, e.latlng.lat]) });
  return null;
}
