"use client";
import { useEffect, useState } from "react";
import L, { type LatLngBounds } from "leaflet";
import { useMap } from "react-leaflet";
import { fetchJson } from "@/lib/http/fetch-json";
import { firstViewBbox, type FirstView } from "./first-view-box";

/**
 * Loads `path?bbox=…` for the visible map (padded, so small pans need no new
 * request) after the map stops moving; aborts stale requests.
 *
 * `isComplete(data)` says an answer holds everything in its box (not cut at a
 * row limit). While the view stays inside the box of a complete answer, a move
 * loads nothing: the data could not change, and at 50 000 sites a reload
 * (request, JSON parse, re-clustering) costs hundreds of milliseconds of
 * blocked frames after every pan or zoom-in. Pass a stable function (module
 * level): it is an effect dependency.
 *
 * `firstView` (the map's initial center and zoom, stable) makes the first
 * request the one the page preloaded (see first-view-box.ts) when the map fits
 * in it.
 */
export function useViewportFetch<T>(
  path: string,
  padRatio = 0.25,
  isComplete?: (data: T) => boolean,
  firstView?: FirstView,
): { data: T | null; zoom: number; error: string | null } {
  const map = useMap();
  const [state, setState] = useState<{ data: T | null; zoom: number; error: string | null }>({ data: null, zoom: map.getZoom(), error: null });
  useEffect(() => {
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let completeBox: LatLngBounds | null = null;
    const viewBox = () => {
      const b = map.getBounds().pad(padRatio);
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((v, i) => Math.max(i % 2 === 0 ? -180 : -90, Math.min(i % 2 === 0 ? 180 : 90, v)).toFixed(5))
        .join(",");
      return { b, bbox };
    };
    const preloadedBox = () => {
      if (!firstView) return null;
      const bbox = firstViewBbox(firstView);
      const [w, s, e, n] = bbox.split(",").map(Number);
      const b = L.latLngBounds([s, w], [n, e]);
      return b.contains(map.getBounds()) ? { b, bbox } : null;
    };
    const load = (box = viewBox()) => {
      controller?.abort();
      controller = new AbortController();
      const { b, bbox } = box;
      const zoom = map.getZoom();
      fetchJson<T>(`${path}?bbox=${bbox}`, { signal: controller.signal })
        .then((res) => {
          if (!res.ok) throw new Error(res.status ? `${res.status}` : "network error");
          completeBox = isComplete?.(res.data) ? b : null;
          setState({ data: res.data, zoom, error: null });
        })
        .catch((err: Error) => {
          if (err.name !== "AbortError") setState((s) => ({ ...s, error: `could not load (${err.message})` }));
        });
    };
    const schedule = () => {
      clearTimeout(timer);
      if (completeBox?.contains(map.getBounds())) {
        // Still inside everything already loaded; drop a reload a previous move may have started.
        controller?.abort();
        return;
      }
      timer = setTimeout(load, 150);
    };
    load(preloadedBox() ?? undefined);
    map.on("moveend", schedule);
    return () => {
      map.off("moveend", schedule);
      clearTimeout(timer);
      controller?.abort();
    };
  }, [map, path, padRatio, isComplete, firstView]);
  return state;
}
