"use client";
import { useMemo } from "react";
import L from "leaflet";
import * as turf from "@turf/turf";
import { CircleMarker, GeoJSON, Polyline, Tooltip } from "react-leaflet";
import type { RouteLeg } from "@/lib/investigation/route-snap";
import type { LngLat } from "@/lib/investigation/workspace-types";

const toLatLng = ([lng, lat]: LngLat): [number, number] => [lat, lng];

/**
 * The route being drawn: the points as clicked (numbered), the line through
 * them along the streets once snapped (`line`, with its `legs`: a leg left
 * straight because no street path was found is dashed), the clicked points
 * joined straight and dashed until then, and the corridor, widthM wide in metres.
 */
export function RouteDraw({ points, line, legs, widthM }: { points: LngLat[]; line: LngLat[] | null; legs: RouteLeg[] | null; widthM: number }) {
  const drawn = line && line.length >= 2 ? line : points;
  // SVG, above the canvas the map draws its many site points on: a few shapes, and each one findable in the page.
  const renderer = useMemo(() => L.svg({ padding: 0.5 }), []);
  const corridor = useMemo(() => {
    if (drawn.length < 2 || !(widthM > 0)) return null;
    return turf.buffer(turf.lineString(drawn), widthM / 2, { units: "meters", steps: 16 }) ?? null;
  }, [drawn, widthM]);
  const key = useMemo(() => JSON.stringify([drawn, widthM]), [drawn, widthM]);
  // Snapped: one piece per leg. Not yet (or a saved line without legs): the whole line, dashed until snapped.
  const pieces =
    line && line.length >= 2
      ? legs && legs.length > 0
        ? legs.map((leg) => ({ positions: line.slice(leg.startsAt, leg.endsAt + 1), straight: !leg.viaStreets }))
        : [{ positions: line, straight: false }]
      : points.length >= 2
        ? [{ positions: points, straight: true }]
        : [];
  return (
    <>
      {corridor && <GeoJSON key={key} data={corridor} style={{ color: "#b45309", weight: 1, dashArray: "6 4", fillColor: "#f59e0b", fillOpacity: 0.08 }} interactive={false} />}
      {pieces.map((piece, i) => (
        <Polyline
          key={`${line ? "snapped" : "clicked"}-${i}-${key}`}
          renderer={renderer}
          className={!line ? "route-line" : piece.straight ? "route-line straight" : "route-line snapped"}
          positions={piece.positions.map(toLatLng)}
          pathOptions={{ color: "#dc2626", weight: 4, dashArray: piece.straight ? "8 6" : undefined }}
          interactive={false}
        />
      ))}
      {points.map((p, i) => (
        <CircleMarker key={`${i}-${p[0]}-${p[1]}`} center={toLatLng(p)} radius={7} pathOptions={{ color: "#7f1d1d", fillColor: "#fff", fillOpacity: 1, weight: 2 }} interactive={false}>
          <Tooltip permanent direction="center" className="route-point-label">
            {i + 1}
          </Tooltip>
        </CircleMarker>
      ))}
    </>
  );
}
