"use client";
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect } from "react";
import { GeoJSON, MapContainer, Polyline, TileLayer, useMap } from "react-leaflet";
import type { FeatureCollection, Polygon } from "geojson";
import type { LngLat } from "@/db/ewkb";

export interface CoverageMapProps {
  grid: FeatureCollection<Polygon, { sites: number }>;
  centerlines: LngLat[][];
  center: LngLat;
  tileUrl: string;
  tileAttribution: string;
}

/** Empty cells are the gaps: drawn red, so outreach can target them. */
function fillFor(sites: number) {
  if (sites === 0) return { fillColor: "#ef4444", fillOpacity: 0.18 };
  if (sites === 1) return { fillColor: "#93c5fd", fillOpacity: 0.45 };
  if (sites <= 3) return { fillColor: "#3b82f6", fillOpacity: 0.55 };
  return { fillColor: "#1e3a8a", fillOpacity: 0.65 };
}

function FitGrid({ grid }: { grid: CoverageMapProps["grid"] }) {
  const map = useMap();
  useEffect(() => {
    const layer = L.geoJSON(grid);
    // The container may have been sized after the map was created (dynamic import).
    map.invalidateSize();
    if (grid.features.length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  }, [map, grid]);
  return null;
}

export default function CoverageMap({ grid, centerlines, center, tileUrl, tileAttribution }: CoverageMapProps) {
  return (
    <MapContainer center={[center[1], center[0]]} zoom={14} className="h-96 w-full rounded border border-slate-200" scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution={tileAttribution} />
      {centerlines.map((line, i) => (
        <Polyline key={i} positions={line.map(([lng, lat]) => [lat, lng] as [number, number])} pathOptions={{ color: "#64748b", weight: 2 }} />
      ))}
      <GeoJSON
        data={grid}
        style={(f) => ({ color: "#475569", weight: 0.5, ...fillFor((f?.properties as { sites: number }).sites) })}
        onEachFeature={(f, layer) => layer.bindTooltip(`${(f.properties as { sites: number }).sites} registered site(s)`)}
      />
      <FitGrid grid={grid} />
    </MapContainer>
  );
}
