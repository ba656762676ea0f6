"use client";
/**
 * Drag the round handle (or tap the map) to point the camera; the shaded
 * sector is the view cone detectives will see. Tiles may not load (closed
 * networks): the compass ring drawn here is enough to aim.
 */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import * as turf from "@turf/turf";
import { useMemo } from "react";
import { Circle, MapContainer, Marker, Polygon, TileLayer, useMapEvents } from "react-leaflet";
import { StreetsLayer } from "@/components/map/streets-layer";
import { buildViewCone } from "@/lib/investigation/view-cone";

const HANDLE_M = 25;
const handleIcon = L.divIcon({
  className: "",
  html: '<div style="width:28px;height:28px;border-radius:50%;background:#1e40af;border:3px solid #fff;box-shadow:0 0 0 2px #1e40af"></div>',
  iconSize: [28, 28],
  iconAnchor: [14, 14],
});

function TapToAim({ site, onChange }: { site: { lat: number; lng: number }; onChange: (deg: number) => void }) {
  useMapEvents({
    click(e) {
      onChange(bearingTo(site, e.latlng));
    },
  });
  return null;
}

function bearingTo(site: { lat: number; lng: number }, to: { lat: number; lng: number }) {
  const b = turf.bearing([site.lng, site.lat], [to.lng, to.lat]);
  return Math.round((b + 360) % 360);
}

export default function BearingMap(p: {
  site: { lat: number; lng: number };
  bearingDeg: number | null;
  onChange: (deg: number) => void;
  map: { tileUrl: string; tileAttribution: string };
  label: string;
}) {
  const handle = useMemo(() => {
    const d = turf.destination([p.site.lng, p.site.lat], HANDLE_M, p.bearingDeg ?? 0, { units: "meters" });
    return { lat: d.geometry.coordinates[1], lng: d.geometry.coordinates[0] };
  }, [p.site, p.bearingDeg]);
  const cone = p.bearingDeg === null ? null : buildViewCone({ ...p.site, bearingDeg: p.bearingDeg, rangeM: HANDLE_M });
  return (
    <div className="mt-2 h-56 w-full overflow-hidden rounded-md border border-slate-400" aria-label={p.label} role="application" data-site-lat={p.site.lat} data-site-lng={p.site.lng}>
      <MapContainer center={[p.site.lat, p.site.lng]} zoom={19} maxZoom={21} className="h-full w-full" scrollWheelZoom={false}>
        <TileLayer url={p.map.tileUrl} attribution={p.map.tileAttribution} maxNativeZoom={19} maxZoom={21} />
        {/* Without tiles, the street is what tells the resident which way is which. */}
        <StreetsLayer endpoint="/api/streets" />
        <Circle center={[p.site.lat, p.site.lng]} radius={HANDLE_M} pathOptions={{ color: "#475569", weight: 1, fill: false, dashArray: "4 4" }} />
        {cone && <Polygon positions={cone.coordinates[0].map(([lng, lat]) => [lat, lng] as [number, number])} pathOptions={{ color: "#1e40af", fillOpacity: 0.3 }} />}
        <Marker
          position={[handle.lat, handle.lng]}
          icon={handleIcon}
          draggable
          keyboard={false}
          eventHandlers={{ drag: (e) => p.onChange(bearingTo(p.site, (e.target as L.Marker).getLatLng())) }}
        />
        <TapToAim site={p.site} onChange={p.onChange} />
      </MapContainer>
    </div>
  );
}
