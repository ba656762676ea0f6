"use client";
import { useEffect, useState } from "react";
import { useMap } from "react-leaflet";

/**
 * Loads `path?bbox=…` for the visible map (padded, so small pans need no new
 * request) after the map stops moving; aborts stale requests.
 */
export function useViewportFetch<T>(path: string, padRatio = 0.25): { data: T | null; zoom: number; error: string | null } {
  const map = useMap();
  const [state, setState] = useState<{ data: T | null; zoom: number; error: string | null }>({ data: null, zoom: map.getZoom(), error: null });
  useEffect(() => {
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      controller?.abort();
      controller = new AbortController();
      const b = map.getBounds().pad(padRatio);
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((v, i) => Math.max(i % 2 === 0 ? -180 : -90, Math.min(i % 2 === 0 ? 180 : 90, v)).toFixed(5))
        .join(",");
      const zoom = map.getZoom();
      fetch(`${path}?bbox=${bbox}`, { signal: controller.signal })
        .then(async (res) => {
          if (!res.ok) throw new Error(`${res.status}`);
          setState({ data: (await res.json()) as T, zoom, error: null });
        })
        .catch((err: Error) => {
          if (err.name !== "AbortError") setState((s) => ({ ...s, error: `could not load (${err.message})` }));
        });
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    };
    load();
    map.on("moveend", schedule);
    return () => {
      map.off("moveend", schedule);
      clearTimeout(timer);
      controller?.abort();
    };
  }, [map, path, padRatio]);
  return state;
}
