import "server-only";
/**
 * Every active site's position, kept in this process and checked against the
 * database on each use, for the map's clustered layer.
 *
 * Why: at 50 000 sites on embedded PGlite, selecting the points inside the
 * viewport costs 300–600 ms per request (PostGIS in single-threaded WebAssembly
 * computes a geocentric box for every row to test `&&` on geography, then
 * formats every coordinate), and that wait was most of the map's first render.
 * Checking that nothing changed costs one scan without PostGIS (tens of ms);
 * the box is then cut in JavaScript in about a millisecond.
 *
 * The check, `count(*)` and `sum(xmin)` of the active rows with a location:
 * an insert or a delete, and a status change in or out of `active`, changes
 * the count; an update writes a new row version with another xmin, which
 * changes the sum (only several changes whose transaction ids cancel out
 * exactly could leave both equal). The fingerprint and the points are read by
 * one statement, so they always belong to the same snapshot.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Coordinates travel as integers in millionths of a degree (~10 cm): compact, exact, fast to parse. */
export const COORDINATE_SCALE = 1_000_000;

export interface RegistryPoints {
  /** Changes whenever the set of active sites or a position changes. */
  version: string;
  /** Longitudes and latitudes × COORDINATE_SCALE, same order. */
  lng: Int32Array;
  lat: Int32Array;
}

type Executor = Pick<Db, "execute">;

const ACTIVE_WITH_LOCATION = sql`status = 'active' and location is not null`;
const FINGERPRINT = sql`count(*) || '-' || coalesce(sum(xmin::text::bigint), 0)`;

// One cache per database handle (the tests open several in one process), on
// globalThis like the handle itself: Next.js bundles the start-up hook (which
// warms it, see warmRegistryPoints) apart from the route that reads it.
type Cache = WeakMap<object, { points?: RegistryPoints; loading?: Promise<RegistryPoints> }>;
const globalForCache = globalThis as typeof globalThis & { __sightlineSitePoints?: Cache };
const cache: Cache = (globalForCache.__sightlineSitePoints ??= new WeakMap());

/**
 * Above this many active sites no copy is kept: a state-wide registry would
 * hold tens of MB per process, reload all of it after every change, and pay
 * for the fingerprint scan on every request; the viewport query on the GiST
 * index is the better deal there (see map-layers.ts).
 */
export const MAX_COPIED_SITES = 200_000;

/** The planner's row estimate: free to read, kept up by autovacuum on a server; -1 before the first ANALYZE. */
async function estimatedRows(db: Executor): Promise<number> {
  const result = await db.execute(sql`select reltuples::float8 as n from pg_class where oid = 'registrations'::regclass`);
  return Number((result.rows[0] as { n: number | string }).n);
}

async function currentVersion(db: Executor): Promise<{ version: string; count: number }> {
  const result = await db.execute(sql`select ${FINGERPRINT} as version, count(*)::int as count from registrations where ${ACTIVE_WITH_LOCATION}`);
  const row = result.rows[0] as { version: string; count: number | string };
  return { version: row.version, count: Number(row.count) };
}

async function loadPoints(db: Executor): Promise<RegistryPoints> {
  // Integers joined into one text value: one row to decode instead of one per site (PGlite decodes rows in JavaScript).
  const result = await db.execute(sql`
    select ${FINGERPRINT} as version,
      coalesce(string_agg(round(ST_X(g) * ${COORDINATE_SCALE})::int || ',' || round(ST_Y(g) * ${COORDINATE_SCALE})::int, ','), '') as coords
    from (select xmin, location::geometry as g from registrations where ${ACTIVE_WITH_LOCATION}) r`);
  const row = result.rows[0] as { version: string; coords: string };
  const flat = row.coords === "" ? [] : row.coords.split(",");
  const n = flat.length / 2;
  const lng = new Int32Array(n);
  const lat = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lng[i] = Number(flat[2 * i]);
    lat[i] = Number(flat[2 * i + 1]);
  }
  return { version: row.version, lng, lat };
}

/**
 * The active sites' positions, reloaded only when the registry changed since
 * the last call; null when there are too many to keep (MAX_COPIED_SITES).
 */
export async function registryPoints(db: Executor, maxCopiedSites = MAX_COPIED_SITES): Promise<RegistryPoints | null> {
  if ((await estimatedRows(db)) > maxCopiedSites) {
    cache.delete(db);
    return null;
  }
  let entry = cache.get(db);
  if (!entry) cache.set(db, (entry = {}));
  const { version, count } = await currentVersion(db);
  if (count > maxCopiedSites) {
    cache.delete(db);
    return null;
  }
  if (entry.points?.version === version) return entry.points;
  // Concurrent requests after a change share one reload (one started a moment
  // earlier may miss a change made meanwhile; the next request sees it and reloads).
  const slot = entry;
  slot.loading ??= loadPoints(db)
    .then((points) => (slot.points = points))
    .finally(() => (slot.loading = undefined));
  return slot.loading;
}

/**
 * Loads the copy in the background when the server starts, so the first map
 * opened after a restart does not wait for it (about 0.3 s at 50 000 sites on
 * the embedded database, more while the process is still cold).
 */
export function warmRegistryPoints(db: Executor): void {
  registryPoints(db).catch((err: unknown) => console.error(`[sightline] map site points not preloaded: ${err instanceof Error ? err.message : String(err)}`));
}
