/**
 * The box the map's background layers ask for first, computed the same way by
 * the page (on the server, to preload it) and by the map (to use that preload).
 *
 * Why: the map is a client island that mounts only after Leaflet's chunk has
 * loaded, so its own first request for sites started ~300 ms into the page
 * load. The page knows the initial center and zoom, so it can have the browser
 * start that request while the scripts are still loading — but a preload is
 * only used if the map asks for exactly the same URL, hence one function.
 *
 * The box covers a view up to FIRST_VIEW_PX wide and high around the center,
 * padded by half on every side like the layers' own requests; a larger map
 * falls back to asking for its own box.
 */
export const FIRST_VIEW_PX = { width: 1920, height: 1200 } as const;

export interface FirstView {
  centerLat: number;
  centerLng: number;
  zoom: number;
}

const TILE = 256;

/** `west,south,east,north` with 5 decimals, as the layers send it. */
export function firstViewBbox(view: FirstView): string {
  // Web Mercator, as Leaflet's default CRS: pixels at this zoom.
  const worldPx = TILE * 2 ** view.zoom;
  const toY = (lat: number) => (worldPx * (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI)) / 2;
  const toLat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / worldPx))) * 180) / Math.PI;
  // A view padded by half on each side is twice its size: half of that around the center is one view.
  const halfLng = (FIRST_VIEW_PX.width / worldPx) * 360;
  const y = toY(view.centerLat);
  const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
  return [
    clamp(view.centerLng - halfLng, 180),
    clamp(toLat(y + FIRST_VIEW_PX.height), 90),
    clamp(view.centerLng + halfLng, 180),
    clamp(toLat(y - FIRST_VIEW_PX.height), 90),
  ]
    .map((v) => v.toFixed(5))
    .join(",");
}
