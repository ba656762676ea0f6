"use client";
/**
 * The site's pin: drag it (or tap the map) onto the building, then save.
 * Keyboard users can nudge it with the arrow buttons below the map.
 */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { CircleMarker, MapContainer, Marker, TileLayer, useMapEvents } from "react-leaflet";
import { StreetsLayer } from "@/components/map/streets-layer";

const pinIcon = L.divIcon({
  className: "",
  html: '<div style="width:24px;height:24px;border-radius:50% 50% 50% 0;transform:rotate(-45deg);background:#b91c1c;border:3px solid #fff;box-shadow:0 0 0 2px #b91c1c"></div>',
  iconSize: [24, 24],
  iconAnchor: [12, 24],
});

function TapToPlace({ onChange }: { onChange: (p: { lat: number; lng: number }) => void }) {
  useMapEvents({ click: (e) => onChange({ lat: e.latlng.lat, lng: e.latlng.lng }) });
  return null;
}

export default function PinMap(p: {
  pin: { lat: number; lng: number };
  original: { lat: number; lng: number } | null;
  onChange: (pin: { lat: number; lng: number }) => void;
  map: { tileUrl: string; tileAttribution: string };
  /**
   * Draw the agency's street centerlines (a staff-only API): without tiles the review queue's map was
   * a blank grey square to place a pin on. Residents' pages leave it off.
   */
  showStreets?: boolean;
}) {
  return (
    <div className="mt-2 h-64 w-full overflow-hidden rounded-md border border-slate-400" role="application" aria-label="Map with the location of your cameras">
      <MapContainer center={[p.pin.lat, p.pin.lng]} zoom={18} maxZoom={21} className="h-full w-full" scrollWheelZoom={false}>
        <TileLayer url={p.map.tileUrl} attribution={p.map.tileAttribution} maxNativeZoom={19} maxZoom={21} />
        {p.showStreets && <StreetsLayer />}
        {p.original && <CircleMarker center={[p.original.lat, p.original.lng]} radius={5} pathOptions={{ color: "#475569" }} />}
        <Marker
          position={[p.pin.lat, p.pin.lng]}
          icon={pinIcon}
          draggable
          eventHandlers={{ dragend: (e) => p.onChange((e.target as L.Marker).getLatLng()) }}
        />
        <TapToPlace onChange={p.onChange} />
      </MapContainer>
    </div>
  );
}
