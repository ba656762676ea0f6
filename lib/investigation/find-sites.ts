import "server-only";
/**
 * The investigation query: active registrations within a radius of a point,
 * or within a corridor along a route, each with its cameras, view cones and
 * the street-facing / sees-the-spot answers. Everything spatial runs in
 * PostGIS with the indexes (ST_DWithin on geography for
 * registrations.location; && on cameras.view_cone for a point, the found
 * sites' cameras by registration for a route; the street test is stored,
 * migration 0016); nothing is fetched wholesale and filtered here.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PolygonGeometry, LngLat } from "@/db/ewkb";
import type { SearchCamera } from "@/db/schema/registrations";
import { footageStatusFor, mayNotHaveRecorded, type Footage } from "./footage-status";
import type { RankKey } from "./result-page";
import { rankedOrder } from "./rank-sites";
import { summarizeCameras } from "./camera-summary";
import { searchDistanceM, type SearchArea } from "./search-area";
import { rowsThenCommit } from "@/lib/db/rows-before-commit";
import { ARC_FROM_CHORD_MAX_M } from "@/lib/geo/ecef";
import { distanceFromEcefMeters, distanceMeters, geographyLineSql, geographyPointSql, withinMeters, withStoredBoxSql } from "@/lib/geo/spatial-sql";

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
  /**
   * The cone's apex, [lng, lat]; null when the camera has no cone. With bearingDeg, fovDeg and rangeM it is
   * everything buildViewCone (view-cone.ts) needs to draw the cone the server stores: the map draws it so.
   */
  coneOrigin: LngLat | null;
  /** The stored cone's polygon (6 decimals), only when asked for (`include=cones`, FindSitesInput.cones). */
  viewCone?: PolygonGeometry | null;
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
  /** Also answer each camera's stored cone polygon (`viewCone`); the map draws cones from their parameters. */
  cones?: boolean;
}

/**
 * One row per site, in no particular order (rankRows sorts them: the ranking is a total order, so the database
 * need not sort ~300 wide rows first). The site's cameras come ready from
 * registrations.search_cameras (kept by triggers, migration 0016: parameters,
 * street crossing, the cone's apex), so finding the sites and reading their
 * cameras is one GiST scan of registrations: no camera row is read, no street
 * is tested. What depends on the search itself: which cones hold the point
 * (`seen_ids`, one probe of the cones' GiST index) or cross the route (`seen`).
 */
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
  recording_mode: string;
  playback: string;
  notes: string | null;
  street_view: string | null;
  records_street_traffic: boolean;
  camera_count: number;
  camera_locations: string[];
  created_at: string | Date;
  /**
   * search_cameras as text (`::text`; stored as json, i.e. text, since migration 0017, so this costs the database
   * nothing): parsed only for the sites an answer's page shows (leanSites), not for every site found. A driver
   * that parses it anyway is answered the same (`parsed`).
   */
  cameras: SearchCamera[] | string;
  /**
   * records_street_traffic, or a camera records the street or its cone crosses one: the ranking's facesStreet,
   * the stored generated column registrations.faces_street (migration 0017).
   */
  faces_street: boolean;
  /** Route searches: the site's cameras whose cone crosses the route (json; null when none). */
  seen?: SeenCamera[] | string | null;
  /**
   * Point searches: every camera (of any site) whose cone holds the point, as [registration id, camera id] pairs
   * (json text, the same on every row; null when none).
   */
  seen_ids?: [string, string][] | string | null;
}

interface SeenCamera {
  id: string;
  /** Route searches: ST_AsGeoJSON of the stretch seen, or null. */
  route: SeenRouteStretch["geometry"] | null;
  routeM: number | null;
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
 * The cones that hold the incident point (point searches: one probe of
 * cameras_view_cone_gist, && on geography, then the exact test) or cross the
 * route (route searches, with the stretch inside the cone: the exact test on
 * the cameras of the sites found).
 *
 * The exact tests are planar on the cone's lng/lat geometry, not geography ones.
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
 * The route's stretch is intersected in planar lng/lat for the same reason;
 * its length is then measured on the spheroid.
 */
function seenConesSql(area: SearchArea): SQL {
  const target = searchTargetSql(area);
  const planar = sql`${target}::geometry`;
  if (area.kind === "point") {
    // The point with its box stored (withStoredBoxSql): the index search tests it against every entry it visits.
    return sql`select c.registration_id, c.id, null::text as route, null::float8 as route_m from cameras c
      where c.view_cone && ${withStoredBoxSql(target)} and ST_Intersects(c.view_cone::geometry, ${planar})`;
  }
  // Route searches test only the cameras of the sites found (the in_area CTE of findSitesQuery), read by
  // cameras_registration_idx. A probe of the cones' index with the route searches the route's bounding box:
  // for the bench's 2 km route with a 50 m corridor, ~1.8 × 0.5 km, ~140 cones read at 200k sites and ~700
  // at 1M for the ~20 or ~110 cameras of the sites the search answers (issue 18: the corridor search at
  // ~3–4× its floor after migration 0016). A cone only counts for a site in the answer, so the answer is the
  // same. No geography && here: the planner would AND the cones' index into every site's lookup; the planar
  // ST_Intersects makes its own bounding-box check first.
  return sql`select c.registration_id, c.id,
      case when ST_IsEmpty(seen.g) then null else ST_AsGeoJSON(seen.g) end as route,
      coalesce(ST_Length(seen.g::geography), 0) as route_m
    from in_area f join cameras c on c.registration_id = f.id
      cross join lateral (select ST_CollectionExtract(ST_Intersection(c.view_cone::geometry, ${planar}), 2) as g) seen
    where ST_Intersects(c.view_cone::geometry, ${planar})`;
}

/** Every site in the area, ranked (compareRanked), each with everything the answer says about it. */
export async function findSites(db: Executor, input: FindSitesInput): Promise<SiteResult[]> {
  const found = await findSitesRanked(db, input);
  const cones = input.cones ? await readCones(db, found.ranked.map((s) => s.registrationId)) : null;
  return found.results(found.ranked, cones);
}

/**
 * A site found, as ranking and paging need it: its rank key (result-page.ts) and its row, not yet made into
 * a SiteResult. The key's facesStreet comes from the statement (`faces_street`); its seesPoint is worked out
 * from the cameras only for the few sites with a camera in the search's seen cones (every other site sees
 * nothing). So ranking 311 sites parses the cameras of a handful, and a page's SiteResults are built for the
 * page's sites only (FoundSites.results), which check that their key agrees with what they answer.
 */
export interface LeanSite extends RankKey {
  seesPoint: boolean;
  readonly row: SiteRow;
}

export interface FoundSites {
  /** Every site the search found, in the answer's order (compareRanked). */
  ranked: LeanSite[];
  /** The full results of `sites` (some of `ranked`, e.g. one page), in the order given; with their cones' polygons if `cones`. */
  results(sites: readonly LeanSite[], cones?: Map<string, PolygonGeometry> | null): SiteResult[];
}

/** The search's one statement, ranked on lean keys: build the page's SiteResults with `results`. */
export async function findSitesRanked(db: Executor, input: Omit<FindSitesInput, "cones">): Promise<FoundSites> {
  const result = await db.execute(findSitesQuery(input.area));
  return rankRows(result.rows as unknown as SiteRow[], input);
}

/**
 * findSitesRanked and the search's audit entry as ONE statement: the entry's INSERT is a data-modifying CTE
 * beside the search (`record` builds it from the number of sites found, a SQL expression), so a search
 * costs one round trip and still never answers without its entry: a single statement commits as a
 * whole. Not for `cones` (their polygons are a second read; runAuditedSearch keeps a transaction for it).
 * Answers the entry's id too (null when nothing was found: no page follows an empty answer).
 *
 * The sites are ranked as soon as the server has sent them, while it commits (lib/db/rows-before-commit.ts):
 * `committed` settles when the entry is durable (or rejects if the statement did not commit). Nothing may
 * leave the process before it has resolved.
 */
export async function findSitesRecorded(
  db: Executor,
  input: Omit<FindSitesInput, "cones">,
  record: (results: SQL) => SQL,
): Promise<{ found: FoundSites; recordedId: number | null; committed: Promise<void> }> {
  const statement = rowsThenCommit<SiteRow & { recorded_id: string | number }>(
    db,
    sql`
    with found as materialized (${findSitesQuery(input.area)}),
    recorded as (${record(sql`(select count(*) from found)`)} returning id)
    select found.*, (select id from recorded) as recorded_id from found`,
  );
  const rows = await statement.rows;
  return { found: rankRows(rows, input), recordedId: rows.length > 0 ? Number(rows[0].recorded_id) : null, committed: statement.committed };
}

/** Adds each camera's stored cone polygon (`viewCone`, as `cones: true` answers) to sites already found: a page's, not the whole answer's. */
export async function withViewCones(db: Executor, sites: SiteResult[]): Promise<SiteResult[]> {
  const cones = await readCones(
    db,
    sites.map((s) => s.registrationId),
  );
  return sites.map((site) => ({ ...site, cameras: site.cameras.map((c) => ({ ...c, viewCone: cones.get(c.id) ?? null })) }));
}

function rankRows(rows: SiteRow[], input: Omit<FindSitesInput, "cones">): FoundSites {
  const { area, at, timeZone } = input;
  const footage = footageStatusFor(at, timeZone, input.now ?? new Date());
  // The point search's seen cones are one list, the same on every row: parsed once.
  const seenPairs = rows.length > 0 && rows[0].seen_ids != null ? parsed(rows[0].seen_ids) : null;
  const seenIds = seenPairs ? new Map(seenPairs.map(([, id]): [string, SeenCamera] => [id, { id, route: null, routeM: null }])) : null;
  const seenSites = new Set(seenPairs?.map(([registrationId]) => registrationId));
  const seenFor = (row: SiteRow): Map<string, SeenCamera> | null =>
    row.seen != null ? new Map(parsed(row.seen).map((s) => [s.id, s])) : seenIds;
  // A site can see the point (or route) only through a camera of its own among the seen cones: these few are
  // built in full to decide it (and kept for the answer); for every other site it is false.
  const built = new Map<string, SiteResult>();
  const full = (row: SiteRow, key: Pick<RankKey, "footage">, cones: Map<string, PolygonGeometry> | null) =>
    toSiteResult(row, area, at, key, seenFor(row), cones);
  // The ranking's keys as numbers, worked out once per site: compareSites parses both sites' expiry at every
  // comparison (~2 000 comparisons for 330 sites). rankedOrder sorts exactly as compareRanked does.
  const expiresMs = new Map<number | null, number>();
  const keyed = rows.map((row) => {
    // One literal, no spread: this runs for every site found.
    const lean: LeanSite = {
      registrationId: row.id,
      distanceM: Number(row.distance_m),
      footage: footage(row.retention_days),
      footageMayNotHaveRecorded: mayNotHaveRecorded(row.recording_mode),
      seesPoint: false,
      facesStreet: row.faces_street === true,
      row,
    };
    if (row.seen != null || seenSites.has(row.id)) {
      const site = full(row, lean, null);
      built.set(row.id, site);
      lean.seesPoint = site.seesPoint;
    }
    let expires = expiresMs.get(row.retention_days);
    if (expires === undefined) {
      expires = lean.footage.expiresAt ? Date.parse(lean.footage.expiresAt) : Number.NaN;
      expiresMs.set(row.retention_days, expires);
    }
    return { lean, expires };
  });
  const ranked = keyed.sort((a, b) => rankedOrder(a.lean, a.expires, b.lean, b.expires)).map((k) => k.lean);
  return {
    ranked,
    results: (sites, cones = null) =>
      sites.map((lean) => {
        const site = (!cones && built.get(lean.registrationId)) || full(lean.row, lean, cones);
        if (site.seesPoint !== lean.seesPoint || site.facesStreet !== lean.facesStreet) {
          // The statement's faces_street and the cameras it answers disagree: the ranking would not be the answer's.
          throw new Error(`site ${lean.registrationId}: rank key (seesPoint ${lean.seesPoint}, facesStreet ${lean.facesStreet}) disagrees with its cameras`);
        }
        return site;
      }),
  };
}

/** The stored cones (ST_AsGeoJSON's text, 6 decimals) of the given sites' cameras, by camera id. */
async function readCones(db: Executor, registrationIds: string[]): Promise<Map<string, PolygonGeometry>> {
  if (registrationIds.length === 0) return new Map();
  const result = await db.execute(sql`
    select id, view_cone_geojson from cameras
    where registration_id = any(${`{${registrationIds.join(",")}}`}::uuid[]) and view_cone_geojson is not null`);
  const rows = result.rows as { id: string; view_cone_geojson: string }[];
  return new Map(rows.map((r) => [r.id, JSON.parse(r.view_cone_geojson) as PolygonGeometry]));
}

/**
 * Whether a camera's cone crosses any street centerline, as one expression
 * (the bench's street figures; the stored cameras.cone_crosses_street is kept
 * with this very test by migration 0016's triggers). Planar, on lng/lat, like the cone-holds-the-point
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
 * The sites in the area through registrations_location_gist, each with its
 * search_cameras (no camera rows, no street test: migration 0016 keeps them),
 * with the few cones the search's point falls in (`seen_ids`, one probe of
 * cameras_view_cone_gist) or, joined by site, the route crosses (`seen`, among
 * the found sites' cameras: seenConesSql says why). Before 0016 the statement looked up every
 * found site's cameras (~690 rows at 1M sites) and joined each cone against
 * ~125k street segments: 6–10× the bare ST_DWithin (docs/benchmarks.md).
 *
 * What each row costs over the bare ST_DWithin is kept small (issue 18, migration 0017): the cameras are stored
 * as text (json) and answered as they are, the street-facing fact is a stored column, and the rows are not
 * sorted here (rankRows puts them in the answer's order, a total order, whatever order they arrive in): printing
 * each site's jsonb, its two containments and sorting ~300 wide rows were ~2/3 of the statement's own time.
 * Migration 0018 took most of the rest: the longitude and latitude are stored columns (no geometry cast per
 * site), the distance from a point is worked out from stored ECEF coordinates (siteDistanceSql: no geodesic
 * inverse per site), and the cones' index is probed with a point that carries its box (withStoredBoxSql).
 */
export function findSitesQuery(area: SearchArea): SQL {
  const columns = sql`r.id, r.address_line1, r.address_unit, r.address_city, r.address_state, r.address_zip,
      r.location_lng as lng, r.location_lat as lat, ${siteDistanceSql(area)} as distance_m,
      r.retention_days, r.recording_mode, r.playback, r.notes, r.street_view, r.records_street_traffic,
      r.camera_count, r.camera_locations, r.created_at, r.search_cameras::text as cameras, r.faces_street`;
  const seenBySite = sql`(select registration_id, json_agg(json_build_object('id', id, 'route', route::json, 'routeM', route_m)) as seen
               from seen group by registration_id) s`;
  if (area.kind === "route") {
    // The sites first (materialized: one scan of registrations_location_gist), then the cones of their cameras.
    return sql`
    with in_area as materialized (select ${columns} from registrations r where ${sitesInAreaCondition(area)}),
    seen as materialized (${seenConesSql(area)})
    select r.*, s.seen
    from in_area r
    left join ${seenBySite} on s.registration_id = r.id`;
  }
  // Point searches: the few cameras whose cone holds the point, as one list of ids (an InitPlan: the cones'
  // index is probed once), beside every site; each site picks out its own cameras (toSiteResult). This replaces
  // grouping them by site and joining the groups back to every site (materialize, aggregate, a join filter per
  // site): not slower on either database and faster in most paired runs at 200k (README, issue 18, 2026-11-29).
  return sql`
    select ${columns}, (select json_agg(json_build_array(c.registration_id, c.id))::text from (${seenConesSql(area)}) c) as seen_ids
    from registrations r
    where ${sitesInAreaCondition(area)}`;
}

/**
 * A found site's distance from the point or the route, metres on the WGS 84 spheroid. From a point within
 * ARC_FROM_CHORD_MAX_M (any radius the app allows by default): the geodesic from the stored ECEF coordinates
 * (migration 0018, lib/geo/ecef.ts), within ~1 µm of ST_Distance (nanometres at the bench's 500 m) and far cheaper;
 * the answer shows whole metres and ranks by it. Further from a point, and from a route (the nearest point of a line),
 * PostGIS's spheroid ST_Distance.
 */
function siteDistanceSql(area: SearchArea): SQL<number> {
  if (area.kind === "point" && area.radiusM <= ARC_FROM_CHORD_MAX_M) {
    return distanceFromEcefMeters({ x: sql`r.location_ecef_x`, y: sql`r.location_ecef_y`, z: sql`r.location_ecef_z` }, area);
  }
  return distanceMeters(sql`r.location`, searchTargetSql(area));
}

const parsed = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

function toCameraResult(camera: SearchCamera, area: SearchArea, seen: SeenCamera | undefined, cones: Map<string, PolygonGeometry> | null): CameraResult {
  const seenRouteM = Number(seen?.routeM ?? 0);
  const seesRoute =
    area.kind === "route" ? (seen !== undefined && seen.route !== null && seenRouteM > 0 ? { geometry: seen.route, lengthM: seenRouteM } : null) : undefined;
  return {
    id: camera.id,
    position: camera.position,
    bearingDeg: camera.bearingDeg,
    fovDeg: camera.fovDeg,
    rangeM: camera.rangeM,
    direction: camera.bearingDeg === null ? "unknown" : "known",
    recordsStreet: camera.recordsStreet,
    coneCrossesStreet: camera.coneCrossesStreet,
    facesStreet: camera.recordsStreet || camera.coneCrossesStreet,
    seesPoint: area.kind === "route" ? seesRoute !== null : seen !== undefined,
    ...(seesRoute !== undefined ? { seesRoute } : {}),
    coneOrigin: camera.coneOrigin,
    ...(cones ? { viewCone: cones.get(camera.id) ?? null } : {}),
    note: camera.note,
  };
}

function toSiteResult(
  row: SiteRow,
  area: SearchArea,
  at: Date,
  key: Pick<RankKey, "footage">,
  seen: Map<string, SeenCamera> | null,
  cones: Map<string, PolygonGeometry> | null,
): SiteResult {
  const cameras = parsed(row.cameras).map((c) => toCameraResult(c, area, seen?.get(c.id), cones));
  const createdAt = new Date(row.created_at);
  return {
    registrationId: row.id,
    address: formatAddress(row),
    lng: Number(row.lng),
    lat: Number(row.lat),
    distanceM: Number(row.distance_m),
    facesStreet: row.records_street_traffic || cameras.some((c) => c.facesStreet),
    seesPoint: cameras.some((c) => c.seesPoint),
    footage: { ...key.footage },
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

function formatAddress(row: SiteRow): string {
  const unit = row.address_unit ? ` ${row.address_unit}` : "";
  return `${row.address_line1}${unit}, ${row.address_city}, ${row.address_state} ${row.address_zip}`;
}
