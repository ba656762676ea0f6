/**
 * Point the app's process-wide database handle (db/client.ts getDb) at a test
 * database, so route handlers can be called directly in integration tests.
 */
import type { DbHandle } from "../../db/client";

export function useTestDbGlobally(handle: DbHandle) {
  (globalThis as typeof globalThis & { __sightlineDb?: Promise<DbHandle> }).__sightlineDb = Promise.resolve(handle);
}
