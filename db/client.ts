/**
 * The one database factory. No DATABASE_URL: embedded PGlite + PostGIS
 * persisted under DATA_DIR. DATABASE_URL set: a node-postgres pool against a
 * PostgreSQL server with PostGIS. Both are wrapped by drizzle over one schema,
 * and the instance is cached on globalThis so dev reloads reuse it.
 */
import path from "node:path";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { databaseConfig } from "./config.js";
import * as schema from "./schema";
import { openEmbedded, type EmbeddedHandle } from "./embedded";
import { runMigrations } from "./migrate";
import { connectedRoleOwnsSchema, MigrationsPendingError, pendingMigrations } from "./roles";

/**
 * Both drivers expose the same drizzle query builder; node-postgres's type is
 * used as the common one (PGlite's `execute` result also carries `rows`).
 */
export type Db = NodePgDatabase<typeof schema>;
export type DbKind = "embedded" | "server";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  migrate?: boolean;
}

/**
 * Session settings for every server connection (an `options` parameter in
 * DATABASE_URL replaces them). JIT off: Sightline runs short statements, and
 * PostgreSQL decides to JIT-compile from cost estimates that PostGIS's
 * deliberately high function costs inflate. The investigation search at 1M
 * sites crossed jit_above_cost and spent ~30 ms compiling a ~5 ms query; the
 * compiled code saves nothing, since the work is inside PostGIS's C functions.
 */
export const SERVER_SESSION_OPTIONS = "-c jit=off";

export async function openDatabase(options: OpenOptions = {}): Promise<DbHandle> {
  const migrate = options.migrate ?? true;
  if (options.databaseUrl) {
    const { Pool } = await import("pg");
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000, options: SERVER_SESSION_OPTIONS });
    // A dropped server connection must not crash the process: the pool replaces it.
    pool.on("error", (err) => console.error("[db] idle client error:", err.message));
    // pg-pool listens for errors only on idle clients; a checked-out one (mid-
    // transaction) whose server goes away would otherwise raise an uncaught
    // exception. Its query still fails (→ 503) and the pool discards it on release.
    pool.on("connect", (client) => client.on("error", (err) => console.error("[db] connection lost:", err.message)));
    const db = drizzlePg(pool, { schema });
    if (migrate) {
      try {
        await migrateIfOwner(db);
      } catch (err) {
        await pool.end().catch(() => {});
        throw err;
      }
    }
    let ended = false;
    const close = async () => {
      if (ended) return;
      ended = true;
      await pool.end();
    };
    return { db, kind: "server", close };
  }
  const dataDir = path.resolve(/*turbopackIgnore: true*/ options.dataDir ?? databaseConfig().DATA_DIR);
  const embedded: EmbeddedHandle = await openEmbedded(dataDir);
  const db = drizzlePglite(embedded.pg, { schema }) as unknown as Db;
  if (migrate) await runMigrations(db, "embedded");
  return { db, kind: "embedded", close: () => embedded.close() };
}

/**
 * Migrations run only as the role that owns the schema. The runtime role
 * (db/roles.ts) cannot and must not: it checks that every migration is applied
 * and otherwise refuses to start, naming the command that fixes it.
 */
async function migrateIfOwner(db: Db): Promise<void> {
  if (await connectedRoleOwnsSchema(db)) {
    await runMigrations(db, "server");
    return;
  }
  const pending = await pendingMigrations(db);
  if (pending.length) throw new MigrationsPendingError(pending);
}

type GlobalWithDb = typeof globalThis & { __sightlineDb?: Promise<DbHandle> };
const globalForDb = globalThis as GlobalWithDb;

/** The process-wide database handle, opened (and migrated) on first use. */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__sightlineDb) {
    const config = databaseConfig();
    const opening = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    globalForDb.__sightlineDb = opening;
    // A failed open must not be cached forever: the next request tries again.
    opening.catch(() => {
      if (globalForDb.__sightlineDb === opening) globalForDb.__sightlineDb = undefined;
    });
  }
  return globalForDb.__sightlineDb;
}

/**
 * Tests: make `handle` the process-wide database the route handlers and
 * server code open (or `null` to forget it), instead of writing the global.
 */
export function setDbForTests(handle: DbHandle | null): void {
  globalForDb.__sightlineDb = handle ? Promise.resolve(handle) : undefined;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/**
 * Called when a query failed in a way that may have killed the embedded
 * instance (a PostGIS error thrown from C++ aborts the WASM module): drop the
 * cached handle so the next request reopens it instead of the app staying wedged.
 */
export async function resetDbAfterFatalError(err: unknown): Promise<boolean> {
  if (!isFatalEmbeddedError(err)) return false;
  const current = globalForDb.__sightlineDb;
  globalForDb.__sightlineDb = undefined;
  if (current) {
    try {
      await (await current).close();
    } catch {
      // already dead
    }
  }
  return true;
}

export function isFatalEmbeddedError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === "RuntimeError" ||
    /Aborted\(|unreachable|memory access out of bounds|PGlite is closed|instance is closed/i.test(err.message)
  );
}
