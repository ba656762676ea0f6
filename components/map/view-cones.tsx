"use client";
import { useEffect, useMemo } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import { answeredViewCone } from "@/lib/investigation/view-cone";
import type { SiteFeature } from "@/lib/investigation/workspace-types";

const toLatLng = ([lng, lat]: number[]): L.LatLngTuple => [lat, lng];

/**
 * Each result camera's view cone; cones that see the point are green, the selected site's are emphasised. The
 * answer carries each cone's apex and parameters, not its polygon: it is built here as the server built it.
 */
export function ViewCones({ results, selectedId }: { results: SiteFeature[]; selectedId: string | null }) {
  const map = useMap();
  // Cones are few (the results' cameras) and drawn as SVG, above the canvas-drawn site points.
  const renderer = useMemo(() => L.svg({ padding: 0.5 }), []);
  useEffect(() => {
    const group = L.layerGroup();
    for (const site of results) {
      const selected = site.properties.registrationId === selectedId;
      for (const camera of site.properties.cameras) {
        const cone = answeredViewCone(camera);
        if (!cone) continue;
        const color = camera.seesPoint ? "#15803d" : camera.facesStreet ? "#1d4ed8" : "#64748b";
        L.polygon(cone.coordinates.map((ring) => ring.map(toLatLng)), {
          renderer,
          interactive: false,
          color,
          weight: selected ? 3 : 1,
          fillColor: color,
          fillOpacity: selected ? 0.35 : 0.15,
          className: `view-cone${camera.seesPoint ? " sees" : ""}`,
        }).addTo(group);
        if (camera.seesRoute) {
          const g = camera.seesRoute.geometry;
          const latlngs = g.type === "LineString" ? (g.coordinates as number[][]).map(toLatLng) : (g.coordinates as number[][][]).map((part) => part.map(toLatLng));
          L.polyline(latlngs, { renderer, interactive: false, color: "#15803d", weight: 6, opacity: 0.8, className: "seen-route" }).addTo(group);
        }
      }
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, renderer, results, selectedId]);
  return null;
}
