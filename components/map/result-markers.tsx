"use client";
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import type { SiteFeature } from "@/lib/investigation/workspace-types";

/** Ranked result sites as numbered markers; clicking one selects it in the list. */
export function ResultMarkers({ results, selectedId, onSelect }: { results: SiteFeature[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup();
    for (const site of results) {
      const { registrationId, rank, address, seesPoint } = site.properties;
      const selected = registrationId === selectedId;
      const [lng, lat] = site.geometry.coordinates;
      const marker = L.marker([lat, lng], {
        icon: L.divIcon({
          className: "",
          html: `<div class="result-marker${seesPoint ? " sees" : ""}${selected ? " selected" : ""}" data-registration-id="${registrationId}">${rank}</div>`,
          iconSize: [26, 26],
        }),
        title: `#${rank} ${address}`,
        zIndexOffset: selected ? 1000 : 500,
        riseOnHover: true,
      });
      marker.on("click", () => onSelect(registrationId));
      group.addLayer(marker);
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, results, selectedId, onSelect]);

  useEffect(() => {
    const site = results.find((s) => s.properties.registrationId === selectedId);
    if (!site) return;
    const [lng, lat] = site.geometry.coordinates;
    if (!map.getBounds().contains([lat, lng])) map.panTo([lat, lng]);
  }, [map, results, selectedId]);
  return null;
}
