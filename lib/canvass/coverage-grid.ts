/**
 * Coverage of the program: registered active sites counted per hexagon over
 * the area, so empty cells (gaps) show where outreach should go.
 */
import * as turf from "@turf/turf";
import type { Feature, FeatureCollection, Polygon } from "geojson";
import type { LngLat } from "@/db/ewkb";

export type CoverageCell = Feature<Polygon, { sites: number }>;

export function coverageGrid(
  sites: LngLat[],
  area: [number, number, number, number],
  cellSideM: number,
): FeatureCollection<Polygon, { sites: number }> {
  const sideM = Math.max(cellSideM, cellSideForLimit(area));
  // turf only keeps hexagons wholly inside the box: widen it so edge sites still land in a cell.
  const [minLng, minLat, maxLng, maxLat] = area;
  const padLat = (2 * sideM) / 110_540;
  const padLng = (2 * sideM) / (111_320 * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
  const grid = turf.hexGrid([minLng - padLng, minLat - padLat, maxLng + padLng, maxLat + padLat], sideM, { units: "meters" });
  const features: CoverageCell[] = grid.features.map((cell) => ({
    type: "Feature",
    geometry: cell.geometry,
    properties: { sites: 0 },
  }));
  for (const site of sites) {
    // A point on a shared edge counts once, in the first cell found.
    const cell = features.find((f) => turf.booleanPointInPolygon(site, f));
    if (cell) cell.properties.sites++;
  }
  // The padding ring exists only to catch edge sites; an empty cell out there is
  // beyond every known street and site, not a gap to target, so it is not drawn.
  const inArea = (cell: CoverageCell) => {
    const [lng, lat] = turf.centroid(cell).geometry.coordinates;
    return lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
  };
  return { type: "FeatureCollection", features: features.filter((f) => f.properties.sites > 0 || inArea(f)) };
}

/** A hexagon covers about 2.6 s²; past MAX_CELLS the cells grow so the page stays light. */
const MAX_CELLS = 3000;
function cellSideForLimit([minLng, minLat, maxLng, maxLat]: [number, number, number, number]): number {
  const widthM = turf.distance([minLng, minLat], [maxLng, minLat], { units: "meters" });
  const heightM = turf.distance([minLng, minLat], [minLng, maxLat], { units: "meters" });
  return Math.sqrt((widthM * heightM) / (2.6 * MAX_CELLS));
}

/** The box to grid: everything known (streets, sites), or a fallback square around the map centre. */
export function coverageArea(points: LngLat[], fallbackCenter: LngLat, paddingM = 150): [number, number, number, number] {
  const pts = points.length ? points : [fallbackCenter];
  const lat0 = pts[0][1];
  const dLat = paddingM / 110_540 + (points.length ? 0 : 0.01);
  const dLng = paddingM / (111_320 * Math.cos((lat0 * Math.PI) / 180)) + (points.length ? 0 : 0.013);
  return [
    Math.min(...pts.map((p) => p[0])) - dLng,
    Math.min(...pts.map((p) => p[1])) - dLat,
    Math.max(...pts.map((p) => p[0])) + dLng,
    Math.max(...pts.map((p) => p[1])) + dLat,
  ];
}
