import "server-only";

/** The driver under a drizzle handle: a node-postgres pool or client, or a PGlite instance or transaction. */
export interface DriverClient {
  query(config: unknown, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec?: unknown;
}

/**
 * The driver client under a drizzle handle (a Db or a transaction of one), for the few statements sent
 * below drizzle (lib/db/fixed-statements.ts, the geocoder's one-address statement). drizzle keeps it on the
 * handle's session (node-postgres: the pool, or in a transaction the pool client it checked out; PGlite: the
 * instance, or the transaction object). Not part of drizzle's typed API: checked here, and the registration,
 * API-token and geocoding tests run through it on both databases.
 */
export function driverClientOf(db: unknown): { client: DriverClient; server: boolean } {
  const client = (db as { session?: { client?: DriverClient } }).session?.client;
  if (!client || typeof client.query !== "function") throw new Error("the database driver is not reachable under the drizzle handle (drizzle changed?)");
  // PGlite (instance and transaction) has exec(); node-postgres's Pool and Client do not.
  return { client, server: typeof client.exec !== "function" };
}
