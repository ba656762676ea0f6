"use client";
import { useMemo } from "react";
import L from "leaflet";
import * as turf from "@turf/turf";
import { CircleMarker, GeoJSON, Polyline, Tooltip } from "react-leaflet";
import type { LngLat } from "@/lib/investigation/workspace-types";

/**
 * The route being drawn: the points as clicked (numbered), the line through
 * them along the streets once snapped (`line`; the clicked points joined
 * straight, dashed, until then), and its corridor, widthM wide in metres.
 */
export function RouteDraw({ points, line, widthM }: { points: LngLat[]; line: LngLat[] | null; widthM: number }) {
  const drawn = line && line.length >= 2 ? line : points;
  // SVG, above the canvas the map draws its many site points on: a few shapes, and each one findable in the page.
  const renderer = useMemo(() => L.svg({ padding: 0.5 }), []);
  const corridor = useMemo(() => {
    if (drawn.length < 2 || !(widthM > 0)) return null;
    return turf.buffer(turf.lineString(drawn), widthM / 2, { units: "meters", steps: 16 }) ?? null;
  }, [drawn, widthM]);
  const key = useMemo(() => JSON.stringify([drawn, widthM]), [drawn, widthM]);
  return (
    <>
      {corridor && <GeoJSON key={key} data={corridor} style={{ color: "#b45309", weight: 1, dashArray: "6 4", fillColor: "#f59e0b", fillOpacity: 0.08 }} interactive={false} />}
      {drawn.length >= 2 && (
        <Polyline
          key={`line-${line ? "snapped" : "clicked"}-${key}`}
          renderer={renderer}
          className={line ? "route-line snapped" : "route-line"}
          positions={drawn.map(([lng, lat]) => [lat, lng])}
          pathOptions={{ color: "#dc2626", weight: 4, dashArray: line ? undefined : "8 6" }}
          interactive={false}
        />
      )}
      {points.map(([lng, lat], i) => (
        <CircleMarker key={`${i}-${lng}-${lat}`} center={[lat, lng]} radius={7} pathOptions={{ color: "#7f1d1d", fillColor: "#fff", fillOpacity: 1, weight: 2 }} interactive={false}>
          <Tooltip permanent direction="center" className="route-point-label">
            {i + 1}
          </Tooltip>
        </CircleMarker>
      ))}
    </>
  );
}
