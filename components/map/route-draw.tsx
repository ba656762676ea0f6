"use client";
import { useMemo } from "react";
import * as turf from "@turf/turf";
import { CircleMarker, GeoJSON, Polyline } from "react-leaflet";
import type { LngLat } from "@/lib/investigation/workspace-types";

/** The route being drawn (each map click adds a vertex) and its corridor, widthM wide in metres. */
export function RouteDraw({ route, widthM }: { route: LngLat[]; widthM: number }) {
  const corridor = useMemo(() => {
    if (route.length < 2 || !(widthM > 0)) return null;
    return turf.buffer(turf.lineString(route), widthM / 2, { units: "meters", steps: 16 }) ?? null;
  }, [route, widthM]);
  const key = useMemo(() => JSON.stringify([route, widthM]), [route, widthM]);
  return (
    <>
      {corridor && <GeoJSON key={key} data={corridor} style={{ color: "#b45309", weight: 1, dashArray: "6 4", fillColor: "#f59e0b", fillOpacity: 0.08 }} interactive={false} />}
      {route.length >= 2 && <Polyline positions={route.map(([lng, lat]) => [lat, lng])} pathOptions={{ color: "#dc2626", weight: 4 }} interactive={false} />}
      {route.map(([lng, lat], i) => (
        <CircleMarker key={i} center={[lat, lng]} radius={5} pathOptions={{ color: "#7f1d1d", fillColor: "#fff", fillOpacity: 1, weight: 2 }} interactive={false} />
      ))}
    </>
  );
}
