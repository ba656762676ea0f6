import "server-only";
/**
 * The investigation query: active registrations within a radius of a point,
 * or within a corridor along a route, each with its cameras, view cones and
 * the street-facing / sees-the-spot answers. Everything spatial runs in
 * PostGIS on geography with the GiST indexes (ST_DWithin on
 * registrations.location, ST_Intersects on street_centerlines.geom); nothing
 * is fetched wholesale and filtered here.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PolygonGeometry, LngLat } from "../geo/ewkb";
import { footageStatus, type Footage } from "./footage-status";
import { rankSites } from "./rank-sites";
import { summarizeCameras } from "./camera-summary";
import { searchDistanceM, type SearchArea } from "./search-area";
import { distanceMeters, geographyLineSql, geographyPointSql, intersects, withinMeters } from "./spatial-sql";

type Executor = Pick<Db, "execute">;

export interface SeenRouteStretch {
  /** The part of the route inside the view cone (LineString or MultiLineString). */
  geometry: { type: "LineString" | "MultiLineString"; coordinates: LngLat[] | LngLat[][] };
  lengthM: number;
}

export interface CameraResult {
  id: string;
  position: string;
  bearingDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  /** "unknown" when the registrant gave no bearing: no cone is invented. */
  direction: "known" | "unknown";
  recordsStreet: boolean;
  /** The view cone crosses a known street centerline. */
  coneCrossesStreet: boolean;
  facesStreet: boolean;
  seesPoint: boolean;
  /** Route searches only: which stretch of the route the cone covers. */
  seesRoute?: SeenRouteStretch | null;
  viewCone: PolygonGeometry | null;
  note: string | null;
}

export interface SiteResult {
  registrationId: string;
  address: string;
  lng: number;
  lat: number;
  distanceM: number;
  facesStreet: boolean;
  seesPoint: boolean;
  footage: Footage;
  retentionDays: number | null;
  playback: string;
  notes: string | null;
  streetView: string | null;
  recordsStreetTraffic: boolean;
  cameraCount: number;
  cameraLocations: string[];
  cameraSummary: string;
  registeredAt: string;
  /** The registration existed at the incident time (a site registered later may still hold footage). */
  registeredAtIncidentTime: boolean;
  cameras: CameraResult[];
}

export interface FindSitesInput {
  area: SearchArea;
  /** Start of the incident (window): footage of it is overwritten first. */
  at: Date;
  timeZone: string;
  now?: Date;
}

interface SiteRow {
  id: string;
  address_line1: string;
  address_unit: string | null;
  address_city: string;
  address_state: string;
  address_zip: string;
  lng: number;
  lat: number;
  distance_m: number;
  retention_days: number | null;
  playback: string;
  notes: string | null;
  street_view: string | null;
  records_street_traffic: boolean;
  camera_count: number;
  camera_locations: string[];
  created_at: string | Date;
  cameras: CameraRow[] | string;
}

interface CameraRow {
  id: string;
  position: string;
  bearingDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  recordsStreet: boolean;
  note: string | null;
  viewCone: PolygonGeometry | null;
  coneCrossesStreet: boolean;
  seesPoint: boolean | null;
  seenRoute?: SeenRouteStretch["geometry"] | null;
  seenRouteM?: number | null;
}

/** The target geography of a search: the incident point, or the route line. */
export function searchTargetSql(area: SearchArea): SQL {
  return area.kind === "point" ? geographyPointSql(area.lng, area.lat) : geographyLineSql(area.route);
}

/** The WHERE clause of the search, exported so the plan test can EXPLAIN exactly what runs. */
export function sitesInAreaCondition(area: SearchArea): SQL {
  return sql`r.status = 'active' and ${withinMeters(sql`r.location`, searchTargetSql(area), searchDistanceM(area))}`;
}

function cameraJsonSql(area: SearchArea): SQL {
  const target = searchTargetSql(area);
  const routeParts =
    area.kind === "route"
      ? sql`, 'seenRoute', case when seen.g is null or ST_IsEmpty(seen.g) then null else ST_AsGeoJSON(seen.g)::json end,
            'seenRouteM', coalesce(ST_Length(seen.g::geography), 0)`
      : sql``;
  return sql`json_build_object(
      'id', c.id, 'position', c.position, 'bearingDeg', c.bearing_deg, 'fovDeg', c.fov_deg, 'rangeM', c.range_m,
      'recordsStreet', c.records_street, 'note', c.note,
      'viewCone', ST_AsGeoJSON(c.view_cone)::json,
      'coneCrossesStreet', c.view_cone is not null and exists (
        select 1 from street_centerlines s where ${intersects(sql`s.geom`, sql`c.view_cone`)}),
      'seesPoint', c.view_cone is not null and ${intersects(sql`c.view_cone`, target)}
      ${routeParts})`;
}

/**
 * Route searches: the stretch of the route inside each cone. The cone is at
 * most a few hundred metres across, so intersecting in planar lng/lat differs
 * from great-circle edges by well under a millimetre; the length is then
 * measured on the spheroid.
 */
function seenRouteJoin(area: SearchArea): SQL {
  if (area.kind !== "route") return sql``;
  return sql`left join lateral (
      select ST_CollectionExtract(ST_Intersection(c.view_cone::geometry, ${searchTargetSql(area)}::geometry), 2) as g) seen on true`;
}

export async function findSites(db: Executor, input: FindSitesInput): Promise<SiteResult[]> {
  const { area, at, timeZone } = input;
  const now = input.now ?? new Date();
  const result = await db.execute(findSitesQuery(area));
  const sites = (result.rows as unknown as SiteRow[]).map((row) => toSiteResult(row, area, at, timeZone, now));
  return rankSites(sites);
}

/** The statement findSites runs, exported so the plan test EXPLAINs exactly it. */
export function findSitesQuery(area: SearchArea): SQL {
  const target = searchTargetSql(area);
  return sql`
    select r.id, r.address_line1, r.address_unit, r.address_city, r.address_state, r.address_zip,
      ST_X(r.location::geometry) as lng, ST_Y(r.location::geometry) as lat,
      ${distanceMeters(sql`r.location`, target)} as distance_m,
      r.retention_days, r.playback, r.notes, r.street_view, r.records_street_traffic,
      r.camera_count, r.camera_locations, r.created_at,
      coalesce((select json_agg(${cameraJsonSql(area)} order by c.created_at, c.id)
                from cameras c ${seenRouteJoin(area)} where c.registration_id = r.id), '[]'::json) as cameras
    from registrations r
    where ${sitesInAreaCondition(area)}
    order by distance_m, r.id`;
}

function toSiteResult(row: SiteRow, area: SearchArea, at: Date, timeZone: string, now: Date): SiteResult {
  const cameraRows: CameraRow[] = typeof row.cameras === "string" ? JSON.parse(row.cameras) : row.cameras;
  const cameras = cameraRows.map((c): CameraResult => {
    const seesRoute =
      area.kind === "route"
        ? c.seenRoute && Number(c.seenRouteM) > 0
          ? { geometry: c.seenRoute, lengthM: Number(c.seenRouteM) }
          : null
        : undefined;
    return {
      id: c.id,
      position: c.position,
      bearingDeg: c.bearingDeg,
      fovDeg: c.fovDeg,
      rangeM: c.rangeM,
      direction: c.bearingDeg === null ? "unknown" : "known",
      recordsStreet: c.recordsStreet,
      coneCrossesStreet: Boolean(c.coneCrossesStreet),
      facesStreet: c.recordsStreet || Boolean(c.coneCrossesStreet),
      seesPoint: area.kind === "route" ? seesRoute !== null : Boolean(c.seesPoint),
      ...(seesRoute !== undefined ? { seesRoute } : {}),
      viewCone: c.viewCone,
      note: c.note,
    };
  });
  const createdAt = new Date(row.created_at);
  return {
    registrationId: row.id,
    address: formatAddress(row),
    lng: Number(row.lng),
    lat: Number(row.lat),
    distanceM: Number(row.distance_m),
    facesStreet: row.records_street_traffic || cameras.some((c) => c.facesStreet),
    seesPoint: cameras.some((c) => c.seesPoint),
    footage: footageStatus(at, row.retention_days, timeZone, now),
    retentionDays: row.retention_days,
    playback: row.playback,
    notes: row.notes,
    streetView: row.street_view,
    recordsStreetTraffic: row.records_street_traffic,
    cameraCount: Number(row.camera_count),
    cameraLocations: row.camera_locations ?? [],
    cameraSummary: summarizeCameras(Number(row.camera_count), cameras),
    registeredAt: createdAt.toISOString(),
    registeredAtIncidentTime: createdAt.getTime() <= at.getTime(),
    cameras,
  };
}

function formatAddress(row: SiteRow): string {
  const unit = row.address_unit ? ` ${row.address_unit}` : "";
  return `${row.address_line1}${unit}, ${row.address_city}, ${row.address_state} ${row.address_zip}`;
}
