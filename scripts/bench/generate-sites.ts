/**
 * N synthetic registered, active sites with cameras, spread over a
 * county-sized box, generated inside the database with generate_series (one
 * INSERT … SELECT per batch of sites, another for their cameras) so 1M sites
 * take minutes, not hours.
 *
 * Deterministic: every random choice comes from md5(seed:i) of the site (and
 * md5(seed:i:k) of its k-th camera), not from random(), so the same seed gives
 * the same rows on either database, in any batch size, over any connection.
 * Each md5 gives five 24-bit uniform numbers u0…u4 in [0, 1).
 *
 * View cones are stored as the app stores them (lib/investigation/view-cone.ts:
 * a sector from the camera with arcSteps() edges along the arc, as a geography
 * polygon). To avoid the trigonometry per camera in SQL, one unit sector per
 * field of view and step count is
 * built once and placed with ST_Affine (rotate to the bearing, scale metres to
 * degrees at the site's latitude, move to the site). The metres-to-degrees step
 * is planar; over a ≤ 45 m cone that differs from turf's spherical sector by
 * well under a centimetre.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coneCrossesStreetSql } from "../../lib/investigation/find-sites";
import { ARC_TOLERANCE_M, MIN_ARC_STEPS } from "../../lib/investigation/view-cone";

type Executor = Pick<Db, "execute">;
type Transactor = Pick<Db, "execute" | "transaction">;

export const BENCH_SOURCE = "bench-synthetic";
export const DEFAULT_SEED = 20261126;

export interface BenchArea {
  centerLat: number;
  centerLng: number;
  halfLatDeg: number;
  halfLngDeg: number;
}

/** About 50 × 50 km (a large county) around the demo's map centre: the dense headline case. */
export const DEFAULT_AREA_KM = 50;
export const BENCH_AREA: BenchArea = { centerLat: 41.85, centerLng: -87.88, halfLatDeg: 0.225, halfLngDeg: 0.3 };
const METERS_PER_DEG_LAT = 111_320;

/**
 * A square box of about areaKm × areaKm around the same centre (`--area-km`):
 * the default box scaled, so 50 gives exactly BENCH_AREA (the same rows as
 * before the option existed) and 300 a state-sized box (~11 sites/km² at 1M).
 */
export function benchArea(areaKm: number = DEFAULT_AREA_KM): BenchArea {
  const scale = areaKm / DEFAULT_AREA_KM;
  return { ...BENCH_AREA, halfLatDeg: BENCH_AREA.halfLatDeg * scale, halfLngDeg: BENCH_AREA.halfLngDeg * scale };
}

/** Shares chosen to look like a registry: some doorbells, a minority without a bearing. */
export const NO_BEARING_SHARE = 0.12;
export const FIELDS_OF_VIEW = [60, 90, 110, 160] as const;

/** u_n of the bytea md5 digest in column `h`: three of its bytes as a fraction of 2^24. */
function u(h: string, n: number): string {
  return `((get_byte(${h}, ${3 * n}) * 65536 + get_byte(${h}, ${3 * n + 1}) * 256 + get_byte(${h}, ${3 * n + 2}))::float8 / 16777216)`;
}

/**
 * The per-site columns both INSERTs derive from (sites lo…hi-1). Every value
 * in these statements is a number or a constant of this file, so they are
 * assembled as text (no user input reaches them).
 */
function siteSeries(seed: number, lo: number, hi: number, area: BenchArea): string {
  const { centerLat, centerLng, halfLatDeg, halfLngDeg } = area;
  return `
    select s.i, s.h,
      ${centerLng - halfLngDeg} + ${u("s.h", 0)} * ${2 * halfLngDeg} as lng,
      ${centerLat - halfLatDeg} + ${u("s.h", 1)} * ${2 * halfLatDeg} as lat,
      case when ${u("s.h", 2)} < 0.30 then 1 when ${u("s.h", 2)} < 0.65 then 2 when ${u("s.h", 2)} < 0.85 then 3 else 4 end as ncam,
      case when ${u("s.h", 3)} < 0.12 then null else (array[3, 7, 14, 30, 30, 60, 90])[1 + floor(${u("s.h", 3)} * 7)::int % 7] end as retention,
      timestamptz '2024-06-01 00:00:00+00' + make_interval(secs => floor(${u("s.h", 4)} * 63072000)) as created
    from (select i, decode(md5('${seed}:' || i), 'hex') as h from generate_series(${lo}, ${hi - 1}) i offset 0) s`;
}

/** Migration 0016's per-camera triggers, switched off for a bulk batch (see DerivedColumns). */
const CAMERA_DERIVED_TRIGGERS = ["cameras_cone_crosses_street", "cameras_search_cameras_insert"];
const CAMERA_COLUMNS = "id, registration_id, position, location, bearing_deg, fov_deg, range_m, records_street, view_cone, created_at, updated_at";

/** Insert sites lo…hi-1: their registrations, then their cameras. */
async function insertBatch(db: Executor, seed: number, lo: number, hi: number, area: BenchArea, derived: DerivedColumns): Promise<void> {
  const siteColumns = `id, status, needs_review, source, owner_name, owner_phone, owner_email,
      address_line1, address_city, address_state, address_zip, address_normalized, location, location_method,
      location_source, location_confidence, camera_locations, camera_count, retention_days, playback,
      records_street_traffic, consent_at, terms_version, last_confirmed_at, created_at, updated_at`;
  const siteValues = `md5('site:${seed}:' || s.i)::uuid, 'active', false, '${BENCH_SOURCE}',
      'Bench Owner ' || s.i, '708-555-01' || lpad((s.i % 100)::text, 2, '0'), 'owner' || s.i || '@example.com',
      (1 + (s.i * 7) % 9999) || ' W BENCH ' || (s.i % 997) || ' ST', 'WESTCHESTER', 'IL', '60154',
      (1 + (s.i * 7) % 9999) || ' W BENCH ' || (s.i % 997) || ' ST, WESTCHESTER, IL 60154',
      ST_SetSRID(ST_MakePoint(s.lng, s.lat), 4326)::geography, 'manual', '${BENCH_SOURCE}', 1,
      case when s.ncam = 1 then '{front}'::text[] else '{front,rear}'::text[] end,
      s.ncam, s.retention,
      -- u4 already dates the registration; the playback format takes the site number, so the two are not linked.
      (case when s.i % 10 < 5 then 'standard' when s.i % 10 < 8 then 'proprietary' else 'unknown' end)::playback_format,
      get_byte(s.h, 15) < 90, s.created, 'bench', s.created, s.created, s.created`;
  const sites = `(${siteSeries(seed, lo, hi, area)}) s`;
  // The cameras' rows (\`placed\`), in the columns of CAMERA_COLUMNS.
  const cameraRows = `
    with templates as materialized (
      -- One unit sector per field of view and arc step count, pointing north: the camera, n + 1 arc points,
      -- the camera again.
      select f as fov, n, ST_MakePolygon(ST_MakeLine(
        array[ST_MakePoint(0, 0)]
        || array(select ST_MakePoint(sin(radians(-f / 2.0 + f * k / n::float8)), cos(radians(-f / 2.0 + f * k / n::float8)))
                 from generate_series(0, n) k order by k)
        || array[ST_MakePoint(0, 0)])) as g
      from unnest(array[${FIELDS_OF_VIEW.join(", ")}]) f cross join generate_series(${MIN_ARC_STEPS}, 32) n
    ),
    cams as materialized (
      select s.i, s.lng, s.lat, s.created, k, c.h,
        case when ${u("c.h", 0)} < ${NO_BEARING_SHARE} then null else floor(${u("c.h", 1)} * 360) end as bearing,
        case when ${u("c.h", 2)} < 0.20 then 160 when ${u("c.h", 2)} < 0.45 then 110 when ${u("c.h", 2)} < 0.80 then 90 else 60 end as fov
      from (${siteSeries(seed, lo, hi, area)}) s
      cross join lateral generate_series(1, s.ncam) k
      cross join lateral (select decode(md5('${seed}:' || s.i || ':' || k), 'hex') as h offset 0) c
    ),
    sized as (
      -- Doorbells (160°) see 6–10 m; other cameras 15–45 m.
      select cams.*, case when fov = 160 then 6 + floor(${u("cams.h", 3)} * 5) else 15 + floor(${u("cams.h", 3)} * 31) end as range_m
      from cams
    ),
    placed as (
    select md5('cam:${seed}:' || z.i || ':' || z.k)::uuid as id, md5('site:${seed}:' || z.i)::uuid as registration_id,
      (case when z.k = 1 then 'front' when z.k = 2 then 'rear' when z.k = 3 then 'side' else 'garage_alley' end)::camera_position as position,
      ST_SetSRID(ST_MakePoint(z.lng, z.lat), 4326)::geography as location, z.bearing as bearing_deg, z.fov as fov_deg, z.range_m,
      z.k = 1 and ${u("z.h", 4)} < 0.6 as records_street,
      -- Rotate the unit sector clockwise to the bearing, scale metres to degrees, move it to the site.
      case when z.bearing is null then null else ST_SetSRID(ST_Affine(t.g,
        cos(radians(z.bearing)) * z.range_m / (${METERS_PER_DEG_LAT} * cos(radians(z.lat))),
        sin(radians(z.bearing)) * z.range_m / (${METERS_PER_DEG_LAT} * cos(radians(z.lat))),
        -sin(radians(z.bearing)) * z.range_m / ${METERS_PER_DEG_LAT},
        cos(radians(z.bearing)) * z.range_m / ${METERS_PER_DEG_LAT},
        z.lng, z.lat), 4326)::geography end as view_cone,
      z.created + make_interval(secs => z.k / 1000.0) as created_at, z.created as updated_at
    from sized z join templates t on t.fov = z.fov
      -- arcSteps() of lib/investigation/view-cone.ts: chords at most ARC_TOLERANCE_M inside the arc.
      and t.n = least(32, greatest(${MIN_ARC_STEPS}, ceil(radians(z.fov) / (2 * acos(1 - least(${ARC_TOLERANCE_M} / z.range_m, 1))))))::int
    )`;
  if (derived === "triggers") {
    await db.execute(sql.raw(`insert into registrations (${siteColumns}) select ${siteValues} from ${sites}`));
    await db.execute(sql.raw(`${cameraRows} insert into cameras (${CAMERA_COLUMNS}) select ${CAMERA_COLUMNS} from placed`));
    return;
  }
  // Inside the batch's transaction: no other session ever sees the triggers off, and a failed batch rolls back
  // with them on. One statement: the cameras first (their foreign key is checked at the end of the statement,
  // when their sites are in), each with the BEFORE trigger's street test (coneCrossesStreetSql is that test);
  // then the sites, each with its cameras as refresh_search_cameras() aggregates them (camera_search_entry in
  // the owner's order, the site's point for a camera without one: every generated camera has the site's).
  await db.execute(sql.raw(`alter table cameras ${CAMERA_DERIVED_TRIGGERS.map((t) => `disable trigger ${t}`).join(", ")}`));
  await db.execute(sql`${sql.raw(cameraRows)},
    inserted as (
      insert into cameras (${sql.raw(CAMERA_COLUMNS)}, cone_crosses_street)
      select ${sql.raw(CAMERA_COLUMNS)}, ${coneCrossesStreetSql(sql`view_cone`)} from placed
      returning *
    ),
    site_cameras as (
      select registration_id, jsonb_agg(camera_search_entry(i::cameras, i.location) order by i.created_at, i.id) as cameras
      from inserted i group by registration_id
    )
    insert into registrations (${sql.raw(siteColumns)}, search_cameras)
    select ${sql.raw(siteValues)}, coalesce(sc.cameras, '[]'::jsonb)
    from ${sql.raw(sites)} left join site_cameras sc on sc.registration_id = ${sql.raw(`md5('site:${seed}:' || s.i)::uuid`)}`);
  await db.execute(sql.raw(`alter table cameras ${CAMERA_DERIVED_TRIGGERS.map((t) => `enable trigger ${t}`).join(", ")}`));
}

/**
 * Migration 0016 derives two columns from every camera write: cameras.cone_crosses_street (a BEFORE trigger, run
 * once per camera row) and registrations.search_cameras (a statement trigger). "triggers" inserts the cameras
 * as the app writes them and lets the triggers fill both. "bulk" (the default) switches those two triggers off
 * for the batch, inside its transaction, and fills the same columns with the triggers' own SQL, set-based: the
 * street test of cameras_set_cone_crosses_street (coneCrossesStreetSql) in the camera INSERT, and
 * refresh_search_cameras()'s aggregate (camera_search_entry) in the registrations INSERT of the same statement,
 * so no site row is written twice. The same rows (tests/integration/bench-generate-bulk.test.ts compares
 * both ways on a small set); faster on both databases (README, "Benchmarks"). registrations.faces_street
 * (migration 0017) needs nothing either way: it is a generated column, computed by PostgreSQL from the row, and
 * search_cameras (json since 0017) stores the text of the jsonb the triggers' SQL builds (an assignment cast).
 */
export type DerivedColumns = "bulk" | "triggers";

export interface GenerateOptions {
  sites: number;
  seed?: number;
  /** Side of the square box in km (default 50). */
  areaKm?: number;
  /** Sites per INSERT: big enough to be set-based, small enough for PGlite's memory. */
  batchSize?: number;
  /** How migration 0016's derived columns are filled (default "bulk"; see DerivedColumns). */
  derived?: DerivedColumns;
  onProgress?: (done: number) => void;
}

/** Generate the sites, then VACUUM ANALYZE so the planner sees the real table sizes. */
export async function generateSites(db: Transactor, options: GenerateOptions): Promise<{ sites: number; cameras: number; ms: number }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const batch = options.batchSize ?? 25_000;
  const derived = options.derived ?? "bulk";
  const area = benchArea(options.areaKm);
  const started = performance.now();
  for (let lo = 1; lo <= options.sites; lo += batch) {
    const hi = Math.min(lo + batch, options.sites + 1);
    await db.transaction(async (tx) => {
      // These statements are long expressions over cheap rows: on a server, JIT compiling them
      // costs seconds per batch and saves nothing. (PGlite has no JIT; the setting is harmless there.)
      await tx.execute(sql`set local jit = off`);
      await insertBatch(tx, seed, lo, hi, area, derived);
    });
    options.onProgress?.(hi - 1);
  }
  // VACUUM too: with derived: "triggers" each batch's camera INSERT rewrites its sites once more (migration 0016's
  // trigger fills registrations.search_cameras), and a freshly loaded table should not carry those dead versions;
  // after a bulk load it sets the visibility map, as it would be on a registry that has been running.
  await db.execute(sql`vacuum analyze registrations`);
  await db.execute(sql`vacuum analyze cameras`);
  const ms = performance.now() - started;
  const counted = await db.execute(sql`select count(*)::int as n from cameras c join registrations r on r.id = c.registration_id where r.source = ${BENCH_SOURCE}`);
  return { sites: options.sites, cameras: Number((counted.rows[0] as { n: number }).n), ms };
}

/** A deterministic point inside the bench area, away from its edge (for query targets). */
export function benchPoint(seed: number, i: number, area: BenchArea = BENCH_AREA): { lat: number; lng: number } {
  // A small integer hash (mulberry32 step) is enough for picking query points.
  let t = (seed + i * 0x6d2b79f5) >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const { centerLat, centerLng, halfLatDeg, halfLngDeg } = area;
  return { lat: centerLat + (next() * 2 - 1) * halfLatDeg * 0.9, lng: centerLng + (next() * 2 - 1) * halfLngDeg * 0.9 };
}
