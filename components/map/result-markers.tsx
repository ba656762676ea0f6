"use client";
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import { siteNumber, type Numbering } from "@/lib/investigation/result-numbering";
import type { SiteFeature } from "@/lib/investigation/workspace-types";

interface Props {
  results: SiteFeature[];
  numbering: Numbering;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Result sites as markers numbered as the list beside them is (rank, or walk order); clicking one selects it in the list. */
export function ResultMarkers({ results, numbering, selectedId, onSelect }: Props) {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup();
    for (const site of results) {
      const { registrationId, address, seesPoint } = site.properties;
      const number = siteNumber(site, numbering);
      const selected = registrationId === selectedId;
      const [lng, lat] = site.geometry.coordinates;
      const marker = L.marker([lat, lng], {
        icon: L.divIcon({
          className: "",
          html: `<div class="result-marker${seesPoint ? " sees" : ""}${selected ? " selected" : ""}" data-registration-id="${registrationId}">${number?.short ?? "+"}</div>`,
          iconSize: [26, 26],
        }),
        title: `${number?.long ?? "Not on the canvass:"} ${address}`,
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
  }, [map, results, numbering, selectedId, onSelect]);

  useEffect(() => {
    const site = results.find((s) => s.properties.registrationId === selectedId);
    if (!site) return;
    const [lng, lat] = site.geometry.coordinates;
    if (!map.getBounds().contains([lat, lng])) map.panTo([lat, lng]);
  }, [map, results, selectedId]);
  return null;
}
