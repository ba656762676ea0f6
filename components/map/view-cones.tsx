"use client";
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import type { SiteFeature } from "@/components/investigation/types";

/** Each result camera's view cone; cones that see the point are green, the selected site's are emphasised. */
export function ViewCones({ results, selectedId }: { results: SiteFeature[]; selectedId: string | null }) {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup();
    for (const site of results) {
      const selected = site.properties.registrationId === selectedId;
      for (const camera of site.properties.cameras) {
        if (!camera.viewCone) continue;
        const color = camera.seesPoint ? "#15803d" : camera.facesStreet ? "#1d4ed8" : "#64748b";
        L.geoJSON(camera.viewCone, {
          style: { color, weight: selected ? 3 : 1, fillColor: color, fillOpacity: selected ? 0.35 : 0.15 },
          interactive: false,
        }).addTo(group);
        if (camera.seesRoute) {
          L.geoJSON(camera.seesRoute.geometry as GeoJSON.Geometry, { style: { color: "#15803d", weight: 6, opacity: 0.8 }, interactive: false }).addTo(group);
        }
      }
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, results, selectedId]);
  return null;
}
