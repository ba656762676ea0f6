/**
 * radiusDbP50Ms / radiusDbP95Ms: the app's radius search (findSitesQuery from
 * lib/investigation, 500 m, the exact statement the API runs) at distinct
 * seeded points over the bench area, timed in the database (see
 * support/time-in-database.ts).
 *
 * fullScanRatio: with enable_indexscan and enable_bitmapscan off, the whole
 * findSitesQuery would also lose the cameras-by-registration index and
 * re-read every camera once per site found, which measures that index, not
 * the spatial one. So the ratio is taken on the search's selection
 * (sitesInAreaCondition, the WHERE clause of findSitesQuery, exported for
 * exactly this): forced sequential scan time over indexed time, at the same
 * points, in the same run. radiusFilterDbP50Ms is that indexed selection on
 * its own: what PostGIS alone does, to compare with the ~2–3 ms the issue
 * quotes for ST_DWithin over 1M points. Both are timed warm, pairwise at each
 * point (each statement run once untimed first), so neither pays for the other's disk reads. Everything runs with the session
 * settings the app uses (db/client.ts: JIT off on a server), so the forced
 * scan is not JIT-compiled either; the detail still says how many runs were,
 * should a DATABASE_URL `options` parameter turn JIT back on.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findSitesQuery, sitesInAreaCondition } from "../../lib/investigation/find-sites";
import type { SearchArea } from "../../lib/investigation/search-area";
import { BENCH_AREA, benchPoint, DEFAULT_SEED, type BenchArea } from "./generate-sites";
import { percentile, round } from "./support/stats";
import { timeInDatabase } from "./support/time-in-database";

export const RADIUS_M = 500;
const SEQ_SCAN_OFF = { enable_indexscan: "off", enable_bitmapscan: "off" };

export interface RadiusFigures {
  radiusDbP50Ms: number;
  radiusDbP95Ms: number;
  radiusFilterDbP50Ms: number;
  fullScanRatio: number;
  radiusSitesFoundP50: number;
  /** True when every indexed plan used registrations_location_gist and none scanned registrations. */
  radiusUsesIndex: boolean;
  fullScanUsedSeqScan: boolean;
  detail: string;
}

const areaAt = (i: number, box: BenchArea): SearchArea => ({ kind: "point", ...benchPoint(DEFAULT_SEED + 1, i, box), radiusM: RADIUS_M });

const selectionQuery = (area: SearchArea) => sql`select r.id from registrations r where ${sitesInAreaCondition(area)}`;

export async function measureRadius(db: Db, options: { iterations: number; fullScanIterations: number; fullScanBudgetMs: number; area?: BenchArea }): Promise<RadiusFigures> {
  const box = options.area ?? BENCH_AREA;
  // Warm-up: the first statements pay for plan caches and page reads a steady state does not.
  for (let i = 0; i < 5; i++) await timeInDatabase(db, findSitesQuery(areaAt(10_000 + i, box)));
  const times: number[] = [];
  const found: number[] = [];
  let usesIndex = true;
  // Index vs forced sequential scan on the selection, pairwise at the same points.
  const indexed: number[] = [];
  const scanned: number[] = [];
  let jitted = 0;
  let usedSeqScan = true;
  const budgetEnd = performance.now() + options.fullScanBudgetMs;
  for (let i = 0; i < options.iterations; i++) {
    // Both statements once untimed first, then each timed: the search and its floor then read the same pages
    // from memory. Timing the search first and the floor after it (as the bench did before migration 0016) let the
    // floor read what the search had just brought in from disk: on a 1M registry that is most of the search's
    // time when the machine is short of memory (docs/benchmarks.md).
    await timeInDatabase(db, findSitesQuery(areaAt(i, box)));
    await timeInDatabase(db, selectionQuery(areaAt(i, box)));
    const plan = await timeInDatabase(db, findSitesQuery(areaAt(i, box)));
    times.push(plan.executionMs);
    usesIndex &&= plan.indexes.includes("registrations_location_gist") && !plan.seqScans.includes("registrations");
    // The selection's rows are the sites (the search answers one row per site too).
    const selection = await timeInDatabase(db, selectionQuery(areaAt(i, box)));
    indexed.push(selection.executionMs);
    found.push(selection.rows);
  }
  for (let i = 0; i < options.fullScanIterations && (i === 0 || performance.now() < budgetEnd); i++) {
    const plan = await timeInDatabase(db, selectionQuery(areaAt(i, box)), SEQ_SCAN_OFF);
    scanned.push(plan.executionMs);
    if (plan.jit) jitted++;
    usedSeqScan &&= plan.seqScans.includes("registrations");
  }
  const indexedP50 = percentile(indexed, 50);
  return {
    radiusDbP50Ms: round(percentile(times, 50), 3),
    radiusDbP95Ms: round(percentile(times, 95), 3),
    radiusFilterDbP50Ms: round(indexedP50, 3),
    fullScanRatio: round(percentile(scanned, 50) / indexedP50, 1),
    radiusSitesFoundP50: percentile(found, 50),
    radiusUsesIndex: usesIndex,
    fullScanUsedSeqScan: usedSeqScan,
    detail:
      `${options.iterations} points, ${RADIUS_M} m, median ${percentile(found, 50)} sites found; ` +
      `full scan: ${scanned.length} runs, median ${round(percentile(scanned, 50), 1)} ms (${jitted} of them JIT-compiled) vs indexed ${round(indexedP50, 3)} ms`,
  };
}
