import { describe, expect, it } from "vitest";
import * as turf from "@turf/turf";
import { coverageArea, coverageGrid } from "@/lib/canvass/coverage-grid";
import type { LngLat } from "@/db/ewkb";

const center: LngLat = [-87.88, 41.85];
const offset = ([lng, lat]: LngLat, eastM: number, northM: number): LngLat => [
  lng + eastM / (111_320 * Math.cos((lat * Math.PI) / 180)),
  lat + northM / 110_540,
];

describe("coverage grid", () => {
  const streets = [offset(center, -600, -600), offset(center, 600, 600)];
  const sites = [center, offset(center, 590, 590), offset(center, -590, -590)];
  const area = coverageArea([...streets, ...sites], center);
  const grid = coverageGrid(sites, area, 200);

  it("counts every site once, edge sites included", () => {
    expect(grid.features.reduce((n, c) => n + c.properties.sites, 0)).toBe(sites.length);
  });

  it("draws empty cells only inside the known area, so the padding ring is not shown as gaps", () => {
    const [minLng, minLat, maxLng, maxLat] = area;
    const empty = grid.features.filter((c) => c.properties.sites === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const cell of empty) {
      const [lng, lat] = turf.centroid(cell).geometry.coordinates;
      expect(lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat).toBe(true);
    }
  });
});
