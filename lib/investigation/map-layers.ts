import "server-only";
/**
 * Lightweight data for the map's background layers: every active site in the
 * viewport as a bare point (no address, no PII; the client clusters them),
 * and the known street centerlines so the map is usable without tiles.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { LngLat } from "@/db/ewkb";
import { insideBox } from "@/lib/geo/spatial-sql";
import { streetLabel } from "@/lib/canvass/centerlines-near";
import { COORDINATE_SCALE, MAX_COPIED_SITES, registryPoints, type RegistryPoints } from "./site-points-cache";

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export const MAX_SITE_POINTS = 100_000;
export const MAX_STREETS = 5_000;

/**
 * The answer of GET /api/map/sites: the active sites inside the box as one flat
 * list of integer coordinates, `coords: [lng0, lat0, lng1, lat1, …]` in
 * 1/`scale` degrees, and whether it was cut at MAX_SITE_POINTS. No ids, no
 * addresses: the clustered layer only draws dots, and at 50 000 sites this is
 * a third of the size of `[id, lng, lat]` rows and parses that much faster.
 */
export interface SitePointsAnswer {
  scale: number;
  coords: number[];
  truncated: boolean;
}

/**
 * The answer as JSON text, and the registry version it was cut from (for an
 * ETag; null when the registry is too large to copy and the box was queried).
 */
export async function sitePointsJsonInBox(
  db: Pick<Db, "execute">,
  box: Box,
  maxCopiedSites = MAX_COPIED_SITES,
): Promise<{ version: string | null; body: string }> {
  const points = await registryPoints(db, maxCopiedSites);
  const { coords, truncated } = points ? cutBox(points, box) : await queryBox(db, box);
  return { version: points?.version ?? null, body: `{"scale":${COORDINATE_SCALE},"coords":[${coords}],"truncated":${truncated}}` };
}

function cutBox({ lng, lat }: RegistryPoints, box: Box): { coords: string; truncated: boolean } {
  const west = Math.round(box.west * COORDINATE_SCALE);
  const east = Math.round(box.east * COORDINATE_SCALE);
  const south = Math.round(box.south * COORDINATE_SCALE);
  const north = Math.round(box.north * COORDINATE_SCALE);
  const coords: number[] = [];
  let truncated = false;
  for (let i = 0; i < lng.length; i++) {
    if (lng[i] < west || lng[i] > east || lat[i] < south || lat[i] > north) continue;
    if (coords.length === 2 * MAX_SITE_POINTS) {
      truncated = true;
      break;
    }
    coords.push(lng[i], lat[i]);
  }
  return { coords: coords.join(","), truncated };
}

/** A very large registry: the sites in the box from the GiST index, written as text by the database in one row. */
async function queryBox(db: Pick<Db, "execute">, box: Box): Promise<{ coords: string; truncated: boolean }> {
  const result = await db.execute(sql`
    select coalesce(string_agg(round(ST_X(g) * ${COORDINATE_SCALE})::int || ',' || round(ST_Y(g) * ${COORDINATE_SCALE})::int, ',')
        filter (where n <= ${MAX_SITE_POINTS}), '') as coords,
      count(*) > ${MAX_SITE_POINTS} as truncated
    from (
      select r.location::geometry as g, row_number() over () as n
      from registrations r
      where r.status = 'active' and ${insideBox(sql`r.location`, box)}
      limit ${MAX_SITE_POINTS + 1}) p`);
  const row = result.rows[0] as { coords: string; truncated: boolean };
  return { coords: row.coords, truncated: row.truncated };
}

export interface StreetFeature {
  type: "Feature";
  geometry: { type: "LineString"; coordinates: LngLat[] };
  properties: { id: string; name: string };
}

export async function streetsInBox(db: Pick<Db, "execute">, box: Box): Promise<{ features: StreetFeature[]; truncated: boolean }> {
  const result = await db.execute(sql`
    select s.id, s.st_predir, s.st_name, s.st_postyp, s.st_posdir,
      ST_AsGeoJSON(s.geom, 6)::json as geometry
    from street_centerlines s
    where ${insideBox(sql`s.geom`, box)}
    limit ${MAX_STREETS + 1}`);
  const rows = result.rows as { id: string; st_predir: string | null; st_name: string; st_postyp: string | null; st_posdir: string | null; geometry: StreetFeature["geometry"] | string }[];
  return {
    features: rows.slice(0, MAX_STREETS).map((r) => ({
      type: "Feature",
      geometry: typeof r.geometry === "string" ? JSON.parse(r.geometry) : r.geometry,
      // As the map labels it and people write it: "W Roosevelt Rd", as the canvass sheet does.
      properties: { id: r.id, name: streetLabel({ stPreDir: r.st_predir, stName: r.st_name, stPosTyp: r.st_postyp, stPosDir: r.st_posdir }) },
    })),
    truncated: rows.length > MAX_STREETS,
  };
}
