import "server-only";
/**
 * Lightweight data for the map's background layers: every active site in the
 * viewport as a bare point (no address, no PII; the client clusters them),
 * and the known street centerlines so the map is usable without tiles.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { LngLat } from "../geo/ewkb";
import { insideBox } from "./spatial-sql";

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Compact rows: [registrationId, lng, lat]. */
export type SitePoint = [string, number, number];

export const MAX_SITE_POINTS = 100_000;
export const MAX_STREETS = 5_000;

/**
 * The answer of GET /api/map/sites as JSON text, built by the database in one
 * row: `{ points: [[id, lng, lat], …], truncated }`. At 50 000 sites, reading
 * them as 50 000 rows and serializing them again in Node took 2–4 times as
 * long (embedded PGlite decodes every row in JavaScript), and that wait is
 * most of the map's first render.
 */
export async function sitePointsJsonInBox(db: Pick<Db, "execute">, box: Box): Promise<string> {
  const result = await db.execute(sql`
    select json_build_object(
      'points', coalesce(json_agg(json_build_array(p.id, p.lng, p.lat)) filter (where p.n <= ${MAX_SITE_POINTS}), '[]'::json),
      'truncated', count(*) > ${MAX_SITE_POINTS})::text as body
    from (
      -- 6 decimals (~10 cm) is plenty for a dot on the map and keeps 100 000 points small.
      select r.id, round(ST_X(r.location::geometry)::numeric, 6) as lng, round(ST_Y(r.location::geometry)::numeric, 6) as lat,
        row_number() over () as n
      from registrations r
      where r.status = 'active' and ${insideBox(sql`r.location`, box)}
      limit ${MAX_SITE_POINTS + 1}) p`);
  return (result.rows[0] as { body: string }).body;
}

export async function sitePointsInBox(db: Pick<Db, "execute">, box: Box): Promise<{ points: SitePoint[]; truncated: boolean }> {
  return JSON.parse(await sitePointsJsonInBox(db, box)) as { points: SitePoint[]; truncated: boolean };
}

export interface StreetFeature {
  type: "Feature";
  geometry: { type: "LineString"; coordinates: LngLat[] };
  properties: { id: string; name: string };
}

export async function streetsInBox(db: Pick<Db, "execute">, box: Box): Promise<{ features: StreetFeature[]; truncated: boolean }> {
  const result = await db.execute(sql`
    select s.id, concat_ws(' ', s.st_predir, s.st_name, s.st_postyp, s.st_posdir) as name,
      ST_AsGeoJSON(s.geom, 6)::json as geometry
    from street_centerlines s
    where ${insideBox(sql`s.geom`, box)}
    limit ${MAX_STREETS + 1}`);
  const rows = result.rows as { id: string; name: string; geometry: StreetFeature["geometry"] | string }[];
  return {
    features: rows.slice(0, MAX_STREETS).map((r) => ({
      type: "Feature",
      geometry: typeof r.geometry === "string" ? JSON.parse(r.geometry) : r.geometry,
      properties: { id: r.id, name: r.name },
    })),
    truncated: rows.length > MAX_STREETS,
  };
}
