"use client";
import { useEffect, useMemo, useState } from "react";
import L from "leaflet";
import Supercluster from "supercluster";
import { useMap } from "react-leaflet";
import { useViewportFetch } from "./use-viewport-fetch";

interface SitePoints {
  points: [string, number, number][];
  truncated: boolean;
}

const isCompleteAnswer = (d: { truncated: boolean }) => !d.truncated;

/**
 * Every active registered site, clustered with supercluster so tens of
 * thousands stay smooth: the server sends bare points for the viewport,
 * clusters are recomputed per zoom in a few milliseconds, single sites are
 * drawn on the canvas renderer.
 */
export function SiteClusters() {
  const map = useMap();
  const { data } = useViewportFetch<SitePoints>("/api/map/sites", 0.5, isCompleteAnswer);
  const [view, setView] = useState(() => ({ zoom: map.getZoom(), bounds: map.getBounds() }));

  const index = useMemo(() => {
    if (!data) return null;
    const cluster = new Supercluster<{ id: string }>({ radius: 50, maxZoom: 17 });
    cluster.load(
      data.points.map(([id, lng, lat]) => ({ type: "Feature", geometry: { type: "Point", coordinates: [lng, lat] }, properties: { id } })),
    );
    return cluster;
  }, [data]);

  useEffect(() => {
    const update = () => setView({ zoom: map.getZoom(), bounds: map.getBounds() });
    map.on("moveend", update);
    return () => {
      map.off("moveend", update);
    };
  }, [map]);

  useEffect(() => {
    if (!index) return;
    const b = view.bounds.pad(0.2);
    const clusters = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(view.zoom));
    const group = L.layerGroup();
    for (const c of clusters) {
      const [lng, lat] = c.geometry.coordinates;
      const props = c.properties as { cluster?: boolean; point_count?: number; cluster_id?: number };
      if (props.cluster) {
        const count = props.point_count ?? 0;
        const size = count < 10 ? 26 : count < 100 ? 32 : count < 1000 ? 38 : 44;
        const marker = L.marker([lat, lng], {
          icon: L.divIcon({
            className: "",
            html: `<div class="site-cluster" style="width:${size}px;height:${size}px">${count >= 1000 ? `${Math.round(count / 100) / 10}k` : count}</div>`,
            iconSize: [size, size],
          }),
          keyboard: false,
          title: `${count} registered sites`,
        });
        marker.on("click", () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(props.cluster_id!), 18)));
        group.addLayer(marker);
      } else {
        group.addLayer(L.circleMarker([lat, lng], { radius: 4, color: "#1e3a8a", weight: 1, fillColor: "#93c5fd", fillOpacity: 0.9, interactive: false }));
      }
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, index, view]);

  return null;
}
