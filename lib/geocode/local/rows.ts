import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Raw SQL rows from either driver (PGlite and node-postgres both answer `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return result.rows as T[];
}
