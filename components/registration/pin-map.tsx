"use client";
/**
 * The site's pin: drag it (or tap the map) onto the building, then save.
 * Without a pointer: the pin is a focusable button with a name; the arrow keys
 * move it (Shift for larger steps), as do the move buttons below the map.
 */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useRef, type RefObject } from "react";
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

const ARROW_BEARINGS: Record<string, number> = { ArrowUp: 0, ArrowRight: 90, ArrowDown: 180, ArrowLeft: 270 };

/**
 * Names the pin and moves it with the arrow keys (Shift: larger steps). A sibling after the Marker, so the
 * marker is on the map (its element exists) when this effect runs.
 */
function PinKeyboard({ marker, label, onNudge }: { marker: RefObject<L.Marker | null>; label: string; onNudge?: (bearingDeg: number, metres: number) => void }) {
  const nudge = useRef(onNudge);
  useEffect(() => {
    nudge.current = onNudge;
  }, [onNudge]);
  useEffect(() => {
    const element = marker.current?.getElement();
    if (!element) return;
    element.setAttribute("aria-label", label);
    element.setAttribute("role", "button");
    element.tabIndex = 0;
    const onKey = (e: KeyboardEvent) => {
      const bearing = ARROW_BEARINGS[e.key];
      if (bearing === undefined || !nudge.current) return;
      // Move the pin, not the map under it.
      e.preventDefault();
      e.stopPropagation();
      nudge.current(bearing, e.shiftKey ? 10 : 2);
    };
    element.addEventListener("keydown", onKey);
    return () => element.removeEventListener("keydown", onKey);
  }, [marker, label]);
  return null;
}

export default function PinMap(p: {
  pin: { lat: number; lng: number };
  original: { lat: number; lng: number } | null;
  onChange: (pin: { lat: number; lng: number }) => void;
  /** Move the pin by metres along a bearing (arrow keys on the focused pin). */
  onNudge?: (bearingDeg: number, metres: number) => void;
  mapLabel?: string;
  markerLabel?: string;
  map: { tileUrl: string; tileAttribution: string };
  /**
   * Where the street centerlines come from: without tiles the map was a blank grey square to place a
   * pin on. Staff maps use the staff route; residents' pages the public one.
   */
  showStreets?: boolean;
}) {
  const marker = useRef<L.Marker>(null);
  const markerLabel = p.markerLabel ?? "Site pin. Use the arrow keys to move it.";
  return (
    <div className="mt-2 h-64 w-full overflow-hidden rounded-md border border-slate-400" role="application" aria-label={p.mapLabel ?? "Map with the location of the cameras"}>
      <MapContainer center={[p.pin.lat, p.pin.lng]} zoom={18} maxZoom={21} className="h-full w-full" scrollWheelZoom={false}>
        <TileLayer url={p.map.tileUrl} attribution={p.map.tileAttribution} maxNativeZoom={19} maxZoom={21} />
        <StreetsLayer endpoint={p.showStreets ? "/api/map/streets" : "/api/streets"} />
        {p.original && <CircleMarker center={[p.original.lat, p.original.lng]} radius={5} pathOptions={{ color: "#475569" }} />}
        <Marker
          ref={marker}
          position={[p.pin.lat, p.pin.lng]}
          keyboard
          title={markerLabel}
          icon={pinIcon}
          draggable
          eventHandlers={{ dragend: (e) => p.onChange((e.target as L.Marker).getLatLng()) }}
        />
        <PinKeyboard marker={marker} label={markerLabel} onNudge={p.onNudge} />
        <TapToPlace onChange={p.onChange} />
      </MapContainer>
    </div>
  );
}
