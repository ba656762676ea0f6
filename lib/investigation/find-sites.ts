import "server-only";
/**
 * The investigation query: active registrations within a radius of a point,
 * or within a corridor along a route, each with its cameras, view cones and
 * the street-facing / sees-the-spot answers. Everything spatial runs in
 * PostGIS with the GiST indexes (ST_DWithin on geography for
 * registrations.location, ST_Intersects on street_centerlines.geom); nothing
 * is fetched wholesale and filtered here.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PolygonGeometry, LngLat } from "@/db/ewkb";
import { footageStatusFor, mayNotHaveRecorded, type Footage } from "./footage-status";
import { rankSites } from "./rank-sites";
import { summarizeCameras } from "./camera-summary";
import { searchDistanceM, type SearchArea } from "./search-area";
import { distanceMeters, geographyLineSql, geographyPointSql, withinMeters } from "@/lib/geo/spatial-sql";

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
  /** continuous | motion | scheduled | unknown, as the owner answered. */
  recordingMode: string;
  /** Motion-only or scheduled recording: the incident's footage may never have been recorded. */
  footageMayNotHaveRecorded: boolean;
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

/**
 * One row per (site, camera), in answer order; a site without cameras comes
 * as one row with null camera columns. Flat rows rather than a json_agg per
 * site of json_build_object(…, ST_AsGeoJSON(cone)::json): PostgreSQL no longer
 * parses each cone's GeoJSON into json and prints it again, and Node parses it
 * once. The cone stays ST_AsGeoJSON's text on purpose: decoding EWKB and
 * rounding in JS would differ from PostGIS's rounding (of the shortest decimal
 * form, half up) in the last digit now and then. That text is stored
 * (cameras.view_cone_geojson, a generated column, 6 decimals ≈ 0.1 m) rather
 * than formatted again for each camera of each search.
 */
interface SiteCameraRow {
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
  recording_mode: string;
  playback: string;
  notes: string | null;
  street_view: string | null;
  records_street_traffic: boolean;
  camera_count: number;
  camera_locations: string[];
  created_at: string | Date;
  camera_id: string | null;
  camera_position: string;
  bearing_deg: number | null;
  fov_deg: number | null;
  range_m: number | null;
  records_street: boolean;
  camera_note: string | null;
  /** ST_AsGeoJSON of the cone, as text (stored in cameras.view_cone_geojson): parsed once, here. */
  view_cone: string | null;
  cone_crosses_street: boolean;
  sees_point: boolean | null;
  /** Route searches: ST_AsGeoJSON of the stretch seen, or null. */
  seen_route: string | null;
  seen_route_m: number | string | null;
}

/** The target geography of a search: the incident point, or the route line. */
export function searchTargetSql(area: SearchArea): SQL {
  return area.kind === "point" ? geographyPointSql(area.lng, area.lat) : geographyLineSql(area.route);
}

/** The WHERE clause of the search, exported so the plan test can EXPLAIN exactly what runs. */
export function sitesInAreaCondition(area: SearchArea): SQL {
  return sql`r.status = 'active' and ${withinMeters(sql`r.location`, searchTargetSql(area), searchDistanceM(area))}`;
}

/**
 * Per camera: whether the cone holds the incident point (point searches), or
 * the stretch of the route inside the cone (route searches).
 *
 * Both are planar tests on the cone's lng/lat geometry, not geography ones.
 * A cone's edges are at most 500 m long (the registration form's range cap), and over
 * an edge of length L a great circle strays from the straight lng/lat segment
 * by about L² · tan(latitude) / 8R: under 5 mm for 500 m at 42° N, under a
 * millimetre for the usual ≤ 45 m camera. So the answer can only differ for a
 * point within millimetres of a cone's edge, far inside the uncertainty of a
 * dropped pin and of the polygon that stands for the arc (its chords ≤ 0.1 m inside it: view-cone.ts).
 * Geography ST_Intersects measures the point's distance to the cone on the
 * sphere (to a 0.01 mm tolerance) and was most of the statement's time; the
 * planar test is a bounding-box check and a point-in-polygon.
 *
 * The route's stretch is intersected in planar lng/lat for the same reason and
 * only for cones whose geometry touches the route (the rest have none); its
 * length is then measured on the spheroid.
 */
function cameraTestsSql(area: SearchArea): SQL {
  const target = sql`${searchTargetSql(area)}::geometry`;
  if (area.kind === "point") {
    return sql`c.view_cone is not null and ST_Intersects(c.view_cone::geometry, ${target}) as sees_point,
      null::text as seen_route, null::float8 as seen_route_m`;
  }
  return sql`null::boolean as sees_point,
      case when seen.g is null or ST_IsEmpty(seen.g) then null else ST_AsGeoJSON(seen.g) end as seen_route,
      coalesce(ST_Length(seen.g::geography), 0) as seen_route_m`;
}

function seenRouteJoin(area: SearchArea): SQL {
  if (area.kind !== "route") return sql``;
  const route = sql`${searchTargetSql(area)}::geometry`;
  return sql`left join lateral (
      select case when ST_Intersects(c.view_cone::geometry, ${route})
        then ST_CollectionExtract(ST_Intersection(c.view_cone::geometry, ${route}), 2) end as g) seen on true`;
}

export async function findSites(db: Executor, input: FindSitesInput): Promise<SiteResult[]> {
  const { area, at, timeZone } = input;
  const now = input.now ?? new Date();
  const result = await db.execute(findSitesQuery(area));
  const footage = footageStatusFor(at, timeZone, now);
  const sites: SiteResult[] = [];
  let current: { row: SiteCameraRow; cameras: CameraResult[] } | null = null;
  // Rows come grouped by site (ordered by distance, id, then camera order).
  for (const row of result.rows as unknown as SiteCameraRow[]) {
    if (current?.row.id !== row.id) {
      if (current) sites.push(toSiteResult(current.row, current.cameras, at, footage));
      current = { row, cameras: [] };
    }
    if (row.camera_id !== null) current.cameras.push(toCameraResult(row, area));
  }
  if (current) sites.push(toSiteResult(current.row, current.cameras, at, footage));
  return rankSites(sites);
}

/**
 * Whether a camera's cone crosses any street centerline, as one expression
 * (the bench's street figures; findSitesQuery joins the same test). Planar, on lng/lat, like the cone-holds-the-point
 * test (the error bound above applies: a cone's edges are ≤ 500 m, a street
 * segment one block), through the planar GiST index on (geom::geometry)
 * (migration 0015): against a county's ~125 000 segments the geography
 * ST_Intersects cost most of the search (docs/benchmarks.md).
 */
export function coneCrossesStreetSql(cone: SQL): SQL<boolean> {
  return sql<boolean>`${cone} is not null and exists (
    select 1 from street_centerlines s where ST_Intersects(s.geom::geometry, ${cone}::geometry))`;
}

/**
 * The statement findSites runs, exported so the plan test and the bench EXPLAIN exactly it.
 *
 * Three steps: the sites in the area (the GiST index), their cameras (a per-site lookup on
 * cameras_registration_idx: OFFSET 0 keeps the planner from flattening it into a join that might
 * hash all the cameras of the registry), and which of those cameras' cones cross a street, as one
 * join against the planar street index. That join replaced a correlated EXISTS per camera: at 1M
 * sites with ~125k street segments, ~690 separate sub-plan runs cost about twice the join
 * (docs/benchmarks.md). Both CTEs are MATERIALIZED so each is computed once.
 */
export function findSitesQuery(area: SearchArea): SQL {
  const target = searchTargetSql(area);
  return sql`
    with r as materialized (
      select r.id, r.address_line1, r.address_unit, r.address_city, r.address_state, r.address_zip,
        ST_X(r.location::geometry) as lng, ST_Y(r.location::geometry) as lat,
        ${distanceMeters(sql`r.location`, target)} as distance_m,
        r.retention_days, r.recording_mode, r.playback, r.notes, r.street_view, r.records_street_traffic,
        r.camera_count, r.camera_locations, r.created_at
      from registrations r
      where ${sitesInAreaCondition(area)}
    ), c as materialized (
      select c.*
      from r cross join lateral (
        select c.registration_id, c.id, c.position, c.bearing_deg, c.fov_deg, c.range_m, c.records_street, c.note,
          c.view_cone, c.view_cone_geojson, c.created_at,
          ${cameraTestsSql(area)}
        from cameras c ${seenRouteJoin(area)}
        where c.registration_id = r.id
        offset 0
      ) c
    ), crossing as (
      select distinct c.id from c join street_centerlines s on ST_Intersects(s.geom::geometry, c.view_cone::geometry)
    )
    select r.id, r.address_line1, r.address_unit, r.address_city, r.address_state, r.address_zip,
      r.lng, r.lat, r.distance_m, r.retention_days, r.recording_mode, r.playback, r.notes, r.street_view, r.records_street_traffic,
      r.camera_count, r.camera_locations, r.created_at,
      c.id as camera_id, c.position as camera_position, c.bearing_deg, c.fov_deg, c.range_m, c.records_street,
      c.note as camera_note, c.view_cone_geojson as view_cone, x.id is not null as cone_crosses_street, c.sees_point, c.seen_route, c.seen_route_m
    from r
    left join c on c.registration_id = r.id
    left join crossing x on x.id = c.id
    order by r.distance_m, r.id, c.created_at, c.id`;
}

function toCameraResult(row: SiteCameraRow, area: SearchArea): CameraResult {
  const seenRouteM = Number(row.seen_route_m);
  const seesRoute =
    area.kind === "route"
      ? row.seen_route !== null && seenRouteM > 0
        ? { geometry: JSON.parse(row.seen_route) as SeenRouteStretch["geometry"], lengthM: seenRouteM }
        : null
      : undefined;
  const coneCrossesStreet = Boolean(row.cone_crosses_street);
  return {
    id: row.camera_id!,
    position: row.camera_position,
    bearingDeg: row.bearing_deg,
    fovDeg: row.fov_deg,
    rangeM: row.range_m,
    direction: row.bearing_deg === null ? "unknown" : "known",
    recordsStreet: row.records_street,
    coneCrossesStreet,
    facesStreet: row.records_street || coneCrossesStreet,
    seesPoint: area.kind === "route" ? seesRoute !== null : Boolean(row.sees_point),
    ...(seesRoute !== undefined ? { seesRoute } : {}),
    viewCone: row.view_cone === null ? null : (JSON.parse(row.view_cone) as PolygonGeometry),
    note: row.camera_note,
  };
}

function toSiteResult(row: SiteCameraRow, cameras: CameraResult[], at: Date, footage: (retentionDays: number | null) => Footage): SiteResult {
  const createdAt = new Date(row.created_at);
  return {
    registrationId: row.id,
    address: formatAddress(row),
    lng: Number(row.lng),
    lat: Number(row.lat),
    distanceM: Number(row.distance_m),
    facesStreet: row.records_street_traffic || cameras.some((c) => c.facesStreet),
    seesPoint: cameras.some((c) => c.seesPoint),
    footage: footage(row.retention_days),
    retentionDays: row.retention_days,
    recordingMode: row.recording_mode,
    footageMayNotHaveRecorded: mayNotHaveRecorded(row.recording_mode),
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

function formatAddress(row: SiteCameraRow): string {
  const unit = row.address_unit ? ` ${row.address_unit}` : "";
  return `${row.address_line1}${unit}, ${row.address_city}, ${row.address_state} ${row.address_zip}`;
}
