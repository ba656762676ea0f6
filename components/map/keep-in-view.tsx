"use client";
import { useEffect } from "react";
import { useMap } from "react-leaflet";
import type { LngLat } from "@/lib/investigation/workspace-types";

/**
 * Brings a newly placed point into view: a pin found by its address (or an address added to a route) may be
 * off the screen, where the detective would not see where it landed. A point dropped by clicking the map is
 * already in view and leaves the map where it is.
 */
export function KeepInView({ at }: { at: LngLat | null }) {
  const map = useMap();
  const lng = at?.[0];
  const lat = at?.[1];
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    if (map.getBounds().contains([lat, lng])) return;
    map.setView([lat, lng], Math.max(map.getZoom(), 16));
  }, [map, lat, lng]);
  return null;
}
