/**
 * County-scale street centerlines for the bench: a synthetic grid of streets
 * every BLOCK_M metres over the bench box, one centerline segment per block
 * (as TIGER and NG9-1-1 data cut streets at each cross street). Over the
 * 50 × 50 km box that is ~125 000 segments, the size of a large county's
 * centerline layer, so a search's `coneCrossesStreet` test probes a real-sized
 * street index instead of an empty table. Generated inside the database with
 * generate_series; deterministic (no random()).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { coneCrossesStreetSql } from "../../lib/investigation/find-sites";
import { benchArea } from "./generate-sites";

type Executor = Pick<Db, "execute">;

export const BENCH_STREET_SOURCE = "bench-synthetic-grid";
/** A city block: 200 m between parallel streets. */
export const BLOCK_M = 200;
const METERS_PER_DEG_LAT = 111_320;

export async function generateStreets(db: Executor, options: { areaKm?: number; blockM?: number } = {}): Promise<{ segments: number; ms: number }> {
  const area = benchArea(options.areaKm);
  const blockM = options.blockM ?? BLOCK_M;
  const started = performance.now();
  const dLat = blockM / METERS_PER_DEG_LAT;
  const dLng = blockM / (METERS_PER_DEG_LAT * Math.cos((area.centerLat * Math.PI) / 180));
  const south = area.centerLat - area.halfLatDeg;
  const west = area.centerLng - area.halfLngDeg;
  const rows = Math.ceil((2 * area.halfLatDeg) / dLat);
  const cols = Math.ceil((2 * area.halfLngDeg) / dLng);
  // Numbers only (computed here), so the statements are assembled as text. One batch of grid lines per
  // transaction keeps PGlite's memory flat.
  const batch = 50;
  for (let lo = 0; lo <= rows; lo += batch) {
    const hi = Math.min(lo + batch - 1, rows);
    // East-west streets: line j from west to east, cut at each north-south street.
    await db.execute(sql.raw(`
      insert into street_centerlines (st_name, geom, source)
      select 'BENCH ' || (j + 1) || ' ST',
        ST_SetSRID(ST_MakeLine(ST_MakePoint(${west} + i * ${dLng}, ${south} + j * ${dLat}),
                               ST_MakePoint(${west} + (i + 1) * ${dLng}, ${south} + j * ${dLat})), 4326)::geography,
        '${BENCH_STREET_SOURCE}'
      from generate_series(${lo}, ${hi}) j cross join generate_series(0, ${cols - 1}) i`));
  }
  for (let lo = 0; lo <= cols; lo += batch) {
    const hi = Math.min(lo + batch - 1, cols);
    // North-south avenues: line i from south to north, cut at each east-west street.
    await db.execute(sql.raw(`
      insert into street_centerlines (st_name, geom, source)
      select 'BENCH ' || (i + 1) || ' AVE',
        ST_SetSRID(ST_MakeLine(ST_MakePoint(${west} + i * ${dLng}, ${south} + j * ${dLat}),
                               ST_MakePoint(${west} + i * ${dLng}, ${south} + (j + 1) * ${dLat})), 4326)::geography,
        '${BENCH_STREET_SOURCE}'
      from generate_series(${lo}, ${hi}) i cross join generate_series(0, ${rows - 1}) j`));
  }
  await db.execute(sql`analyze street_centerlines`);
  const counted = await db.execute(sql`select count(*)::int as n from street_centerlines where source = ${BENCH_STREET_SOURCE}`);
  return { segments: Number((counted.rows[0] as { n: number }).n), ms: performance.now() - started };
}

/** The share of (up to `sample`) cones that cross a street, with the search's own street test. */
export async function coneStreetShare(db: Executor, sample = 20_000): Promise<number> {
  const result = await db.execute(sql`
    select count(*) filter (where ${coneCrossesStreetSql(sql`c.view_cone`)})::float8 / greatest(count(*), 1) as share
    from (select view_cone from cameras where view_cone is not null limit ${sample}) c`);
  return Number((result.rows[0] as { share: number }).share);
}
