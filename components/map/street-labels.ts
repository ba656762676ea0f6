"use client";
import L from "leaflet";
import { placeStreetLabels, type PagePoint } from "@/lib/canvass/pdf-street-labels";

const LABEL_PX = 12;
const PANE = "street-labels";

type StreetFeature = GeoJSON.Feature<GeoJSON.LineString, { name: string }>;

/**
 * Street names over the vector streets: without tiles the lines alone do not say which street is Roosevelt Rd.
 * Placed as the canvass sheet places them (lib/canvass/pdf-street-labels.ts: along the street, upright, no
 * overlap, repeated on a long street), in screen pixels for the current view, again after every move or zoom.
 * The labels live in their own pane under the markers and take no clicks, so the map's clicks still drop pins;
 * they keep clear of the centre, where the crosshair of "Drop pin at map centre" is.
 */
export function addStreetLabels(map: L.Map, features: StreetFeature[]): () => void {
  const pane = map.getPane(PANE) ?? map.createPane(PANE);
  // Above the vector lines (the overlay pane's canvas, 400), under the markers (600).
  pane.style.zIndex = "450";
  pane.style.pointerEvents = "none";
  const measure = document.createElement("canvas").getContext("2d");
  if (measure) measure.font = `600 ${LABEL_PX}px system-ui, sans-serif`;
  const textWidth = (name: string) => (measure ? measure.measureText(name).width : name.length * LABEL_PX * 0.6);
  let drawn: HTMLElement[] = [];

  const draw = () => {
    for (const el of drawn) el.remove();
    drawn = [];
    const size = map.getSize();
    const streets = features.map((f) => ({
      name: f.properties.name,
      line: f.geometry.coordinates.map(([lng, lat]): PagePoint => {
        const p = map.latLngToContainerPoint([lat, lng]);
        return [p.x, p.y];
      }),
    }));
    // Keep clear of the zoom buttons, the attribution and the crosshair.
    const avoid = [
      { x: 0, y: 0, width: 56, height: 90 },
      { x: size.x - 260, y: size.y - 20, width: 260, height: 20 },
      { x: size.x / 2 - 16, y: size.y / 2 - 16, width: 32, height: 32 },
    ];
    for (const label of placeStreetLabels(streets, { x: 0, y: 0, width: size.x, height: size.y }, textWidth, LABEL_PX + 4, avoid)) {
      const at = map.containerPointToLayerPoint([label.x, label.y]);
      const el = document.createElement("span");
      el.className = "street-label";
      el.textContent = label.name;
      Object.assign(el.style, {
        position: "absolute",
        left: `${at.x}px`,
        top: `${at.y}px`,
        transform: `translate(-50%, -50%) rotate(${label.angleDeg}deg)`,
        font: `600 ${LABEL_PX}px system-ui, sans-serif`,
        color: "#1e293b",
        whiteSpace: "nowrap",
        textShadow: "0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff",
      });
      pane.appendChild(el);
      drawn.push(el);
    }
  };
  draw();
  map.on("moveend", draw);
  return () => {
    map.off("moveend", draw);
    for (const el of drawn) el.remove();
  };
}
