"use client";
import { useEffect } from "react";
import { useMap, useMapEvents } from "react-leaflet";
import type { LngLat } from "@/lib/investigation/workspace-types";

/** Clicking (or tapping) the map drops the incident pin, or adds a route point in route mode. */
export function MapClicks({ onClick }: { onClick: (at: LngLat) => void }) {
  useMapEvents({ click: (e) => onClick([e.latlng.lng, e.latlng.lat]) });
  return null;
}

/** Reports the map's centre after every move: the point under the crosshair that keyboard users add. */
export function MapCenter({ onChange }: { onChange: (at: LngLat) => void }) {
  const map = useMap();
  useEffect(() => {
    const report = () => {
      const c = map.getCenter();
      onChange([c.lng, c.lat]);
    };
    report();
    map.on("moveend", report);
    return () => {
      map.off("moveend", report);
    };
  }, [map, onChange]);
  return null;
}
