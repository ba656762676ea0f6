/**
 * corridorDbP50Ms: the app's route search (findSitesQuery with a route) on a
 * 2 km route of travel with a 50 m corridor (25 m each side), at seeded
 * places over the bench area, timed in the database like the radius search.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findSitesQuery, sitesInAreaCondition } from "../../lib/investigation/find-sites";
import type { SearchArea } from "../../lib/investigation/search-area";
import { BENCH_AREA, benchPoint, DEFAULT_SEED, type BenchArea } from "./generate-sites";
import { percentile, round } from "./support/stats";
import { timeInDatabase } from "./support/time-in-database";

const ROUTE_M = 2000;
const WIDTH_M = 50;
const METERS_PER_DEG_LAT = 111_320;

/** Three legs, east, north-east, east, about 2 km in all (a car's path along a grid). */
export function corridorAt(i: number, box: BenchArea = BENCH_AREA): SearchArea {
  const start = benchPoint(DEFAULT_SEED + 2, i, box);
  const perLng = METERS_PER_DEG_LAT * Math.cos((start.lat * Math.PI) / 180);
  const leg = ROUTE_M / 3;
  const diag = leg / Math.SQRT2;
  const p1 = [start.lng + leg / perLng, start.lat];
  const p2 = [p1[0] + diag / perLng, p1[1] + diag / METERS_PER_DEG_LAT];
  const p3 = [p2[0] + leg / perLng, p2[1]];
  return { kind: "route", route: { type: "LineString", coordinates: [[start.lng, start.lat], p1, p2, p3] as [number, number][] }, widthM: WIDTH_M };
}

/** The search answers one row per site and camera; this counts the sites. */
async function sitesIn(db: Db, area: SearchArea): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from registrations r where ${sitesInAreaCondition(area)}`);
  return Number((result.rows[0] as { n: number }).n);
}

export async function measureCorridor(db: Db, options: { iterations: number; area?: BenchArea }): Promise<{ corridorDbP50Ms: number; corridorDbP95Ms: number; corridorUsesIndex: boolean; detail: string }> {
  for (let i = 0; i < 3; i++) await timeInDatabase(db, findSitesQuery(corridorAt(10_000 + i, options.area)));
  const times: number[] = [];
  const found: number[] = [];
  let usesIndex = true;
  for (let i = 0; i < options.iterations; i++) {
    const plan = await timeInDatabase(db, findSitesQuery(corridorAt(i, options.area)));
    times.push(plan.executionMs);
    found.push(await sitesIn(db, corridorAt(i, options.area)));
    usesIndex &&= plan.indexes.includes("registrations_location_gist");
  }
  return {
    corridorDbP50Ms: round(percentile(times, 50), 3),
    corridorDbP95Ms: round(percentile(times, 95), 3),
    corridorUsesIndex: usesIndex,
    detail: `${options.iterations} routes of ${ROUTE_M} m, ${WIDTH_M} m corridor, median ${percentile(found, 50)} sites found`,
  };
}
