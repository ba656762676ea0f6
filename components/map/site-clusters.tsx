"use client";
import { useEffect, useMemo, useState } from "react";
import L from "leaflet";
import Supercluster from "supercluster";
import { useMap } from "react-leaflet";
import { useViewportFetch } from "./use-viewport-fetch";
import type { FirstView } from "./first-view-box";

/** GET /api/map/sites: `coords` is [lng0, lat0, lng1, lat1, …] in 1/scale degrees. */
interface SitePoints {
  scale: number;
  coords: number[];
  truncated: boolean;
}

const isCompleteAnswer = (d: { truncated: boolean }) => !d.truncated;

/**
 * Every active registered site, clustered with supercluster so tens of
 * thousands stay smooth: the server sends bare points for the viewport,
 * clusters are recomputed per zoom in a few milliseconds, single sites are
 * drawn on the canvas renderer.
 */
export function SiteClusters({ firstView }: { firstView?: FirstView }) {
  const map = useMap();
  const { data } = useViewportFetch<SitePoints>("/api/map/sites", 0.5, isCompleteAnswer, firstView);
  const [view, setView] = useState(() => ({ zoom: map.getZoom(), bounds: map.getBounds() }));

  const index = useMemo(() => {
    if (!data) return null;
    // 80 px, Leaflet.markercluster's default: at 50 px a county-wide view drew ~650 cluster markers and
    // painting them made panning miss frames (bench: p95 50 ms); at 80 px ~260, p95 17 ms.
    // maxZoom 15: above it every site is its own dot (a street-level view holds a few hundred at most).
    // Building the index is the main script work of the first render and every zoom level it clusters
    // costs a pass over nearly all 50 000 points (bench data, in Node: 165 ms at 17, 105 ms at 15 on a fresh page-like cold run).
    // A single site's key is its index in this answer (stable for the index's lifetime, like cluster ids).
    const cluster = new Supercluster<{ i: number }>({ radius: 80, maxZoom: 15 });
    const { coords, scale } = data;
    const features: GeoJSON.Feature<GeoJSON.Point, { i: number }>[] = new Array(coords.length / 2);
    for (let i = 0; i < features.length; i++) {
      features[i] = { type: "Feature", geometry: { type: "Point", coordinates: [coords[2 * i] / scale, coords[2 * i + 1] / scale] }, properties: { i } };
    }
    cluster.load(features);
    return cluster;
  }, [data]);

  useEffect(() => {
    const update = () => setView({ zoom: map.getZoom(), bounds: map.getBounds() });
    map.on("moveend", update);
    return () => {
      map.off("moveend", update);
    };
  }, [map]);

  // One layer group per index; its markers are kept by key across moves (see below).
  const layers = useMemo(() => (index ? { group: L.layerGroup(), byKey: new Map<string, L.Layer>() } : null), [index]);
  useEffect(() => {
    if (!layers) return;
    layers.group.addTo(map);
    return () => {
      layers.group.remove();
    };
  }, [map, layers]);

  useEffect(() => {
    if (!index || !layers) return;
    const b = view.bounds.pad(0.2);
    const clusters = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(view.zoom));
    // After a pan most clusters are the same ones (supercluster's ids are stable for an index and
    // zoom): keep their markers and only add and remove the difference. Rebuilding ~650 DOM markers
    // on every move was the main script work behind the long frames at 50 000 sites.
    const wanted = new Set<string>();
    for (const c of clusters) {
      const [lng, lat] = c.geometry.coordinates;
      const props = c.properties as { cluster?: boolean; point_count?: number; cluster_id?: number; i?: number };
      const key = props.cluster ? `c${props.cluster_id}` : `p${props.i}`;
      wanted.add(key);
      if (layers.byKey.has(key)) continue;
      let layer: L.Layer;
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
        layer = marker;
      } else {
        layer = L.circleMarker([lat, lng], { radius: 4, color: "#1e3a8a", weight: 1, fillColor: "#93c5fd", fillOpacity: 0.9, interactive: false });
      }
      layers.byKey.set(key, layer);
      layers.group.addLayer(layer);
    }
    for (const [key, layer] of layers.byKey) {
      if (wanted.has(key)) continue;
      layers.group.removeLayer(layer);
      layers.byKey.delete(key);
    }
  }, [map, index, layers, view]);

  return null;
}
