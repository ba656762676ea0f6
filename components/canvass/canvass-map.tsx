"use client";
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect } from "react";
import { Circle, CircleMarker, MapContainer, Marker, Polyline, TileLayer, Tooltip, useMap } from "react-leaflet";
import type { LngLat } from "@/db/ewkb";

export interface CanvassMapStop {
  walkOrder: number;
  address: string;
  location: LngLat;
  flagged: boolean;
  done: boolean;
}

export interface CanvassMapProps {
  center: LngLat;
  radiusM: number | null;
  centerlines: LngLat[][];
  stops: CanvassMapStop[];
  tileUrl: string;
  tileAttribution: string;
}

const toLatLng = ([lng, lat]: LngLat): [number, number] => [lat, lng];

/** Numbered stop pins as plain HTML, so no marker image has to load. */
function stopIcon(stop: CanvassMapStop) {
  const colour = stop.done ? "#64748b" : stop.flagged ? "#b91c1c" : "#1e40af";
  return L.divIcon({
    className: "",
    iconSize: [22, 22],
    iconAnchor: [11, 11],
    html: `<span style="display:flex;align-items:center;justify-content:center;width:22px;height:22px;border-radius:9999px;background:${colour};color:white;font:600 11px/1 system-ui;border:2px solid white;box-shadow:0 0 0 1px ${colour}">${stop.walkOrder}</span>`,
  });
}

function FitToStops({ points }: { points: LngLat[] }) {
  const map = useMap();
  useEffect(() => {
    if (points.length > 1) map.fitBounds(L.latLngBounds(points.map(toLatLng)), { padding: [24, 24] });
  }, [map, points]);
  return null;
}

export default function CanvassMap({ center, radiusM, centerlines, stops, tileUrl, tileAttribution }: CanvassMapProps) {
  const walk = [center, ...stops.map((s) => s.location)];
  return (
    <MapContainer center={toLatLng(center)} zoom={17} className="h-80 w-full rounded border border-slate-200" scrollWheelZoom={false}>
      {/* Tiles may be unreachable; the centerlines below are drawn as vectors either way. */}
      <TileLayer url={tileUrl} attribution={tileAttribution} />
      {centerlines.map((line, i) => (
        <Polyline key={i} positions={line.map(toLatLng)} pathOptions={{ color: "#94a3b8", weight: 5, opacity: 0.9 }} />
      ))}
      {radiusM ? <Circle center={toLatLng(center)} radius={radiusM} pathOptions={{ color: "#2563eb", weight: 1, dashArray: "4 4", fillOpacity: 0.03 }} /> : null}
      <Polyline positions={walk.map(toLatLng)} pathOptions={{ color: "#475569", weight: 1.5, dashArray: "3 4" }} />
      <CircleMarker center={toLatLng(center)} radius={7} pathOptions={{ color: "#b91c1c", fillColor: "#ef4444", fillOpacity: 1 }}>
        <Tooltip>Incident</Tooltip>
      </CircleMarker>
      {stops.map((s) => (
        <Marker key={s.walkOrder} position={toLatLng(s.location)} icon={stopIcon(s)} title={`Stop ${s.walkOrder}: ${s.address}`}>
          <Tooltip>
            {s.walkOrder}. {s.address}
          </Tooltip>
        </Marker>
      ))}
      <FitToStops points={walk} />
    </MapContainer>
  );
}
