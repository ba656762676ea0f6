"use client";
import { useEffect } from "react";
import L from "leaflet";
import { useMap } from "react-leaflet";
import { useViewportFetch } from "./use-viewport-fetch";
import type { FirstView } from "./first-view-box";
import { addStreetLabels } from "./street-labels";

const isCompleteAnswer = (d: StreetCollection) => !d.truncated;

interface StreetCollection {
  type: "FeatureCollection";
  truncated?: boolean;
  features: GeoJSON.Feature<GeoJSON.LineString, { id: string; name: string }>[];
}

/**
 * The agency's street centerlines as vectors, named, so the map reads without any tile server.
 * Staff maps read the staff route; residents' small pin maps the public one (`/api/streets`).
 */
export function StreetsLayer({ firstView, endpoint = "/api/map/streets" }: { firstView?: FirstView; endpoint?: string }) {
  const map = useMap();
  const { data } = useViewportFetch<StreetCollection>(endpoint, 0.5, isCompleteAnswer, firstView);
  useEffect(() => {
    if (!data) return;
    const layer = L.geoJSON(data, {
      style: { color: "#64748b", weight: 3, opacity: 0.8 },
      interactive: false,
    });
    layer.addTo(map);
    const removeLabels = addStreetLabels(map, data.features);
    return () => {
      layer.remove();
      removeLabels();
    };
  }, [map, data]);
  return null;
}
